// Writing an incremental update by hand: the bytes of the PDF as it was are kept as they are, a few objects are
// appended (new ones, or new definitions of existing ones under the same number), then a cross-reference section
// for exactly those objects — a classic table, or a cross-reference stream when the previous section is one — whose
// /Prev points to the previous section. Nothing else of the document is read or written: signing a 5 MB PDF costs
// what its few new objects cost, not a pass over every object.
import { PDict, PName, PRef, PStr, PStream, Unreadable, type PValue, type Revision } from './pdf-reader';

/** One object of the update: its number and generation, and its body (what goes between « obj » and « endobj »). */
export interface UpdateObject { num: number; gen: number; body: Buffer }

const REGULAR = /^[!-~]$/;
const DELIMS = '()<>[]{}/%#';

function nameText(n: string): string {
  let out = '/';
  for (const c of Buffer.from(n, 'latin1')) {
    const ch = String.fromCharCode(c);
    out += REGULAR.test(ch) && !DELIMS.includes(ch) ? ch : `#${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** A number as PDF writes it, read back to the very same value (no exponent). */
function numberText(x: number): string {
  if (!Number.isFinite(x)) throw new Unreadable('nombre invalide dans le document');
  if (Number.isInteger(x)) return BigInt(x).toString();
  const s = String(x);
  if (!/e/i.test(s)) return s;
  return x.toFixed(Math.min(100, Math.max(0, 20 - Math.floor(Math.log10(Math.abs(x) || 1))))).replace(/\.?0+$/, '');
}

/** A value read by pdf-reader.ts written back as PDF text (Latin-1); strings as hex, so any byte survives. */
export function pdfText(v: PValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return numberText(v);
  if (v instanceof PName) return nameText(v.n);
  if (v instanceof PStr) return `<${v.b.toString('hex')}>`;
  if (v instanceof PRef) return `${v.num} ${v.gen} R`;
  if (Array.isArray(v)) return `[${v.map(pdfText).join(' ')}]`;
  if (v instanceof PDict) return `<<${[...v.m].map(([k, x]) => `${nameText(k)} ${pdfText(x)}`).join(' ')}>>`;
  if (v instanceof PStream) throw new Unreadable('un flux se trouve là où le document devrait avoir un dictionnaire');
  throw new Unreadable('valeur inattendue');
}

/** Consecutive object numbers grouped as cross-reference subsections: [first, count][]. */
function runs(nums: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of nums) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === n) last[1]++;
    else out.push([n, 1]);
  }
  return out;
}

/**
 * `original` followed by `objects` and their cross-reference section. `size`: the trailer's /Size (every object
 * number is below it; the cross-reference stream, when one is written, takes the number `size`).
 */
export function appendUpdate(original: Buffer, rev: Revision, objects: UpdateObject[], size: number): Buffer {
  const parts: Buffer[] = [original];
  let at = original.length;
  const push = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  const last = original[original.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(Buffer.from('\n'));
  const offsets = new Map<number, [number, number]>();
  for (const o of objects) {
    if (offsets.has(o.num)) throw new Unreadable(`l’objet ${o.num} serait écrit deux fois`);
    offsets.set(o.num, [at, o.gen]);
    push(Buffer.concat([Buffer.from(`${o.num} ${o.gen} obj\n`, 'latin1'), o.body, Buffer.from('\nendobj\n', 'latin1')]));
  }
  const prev = rev.sections[0];
  const keep = ['Root', 'Info', 'ID'].filter((k) => rev.trailer.get(k) !== undefined).map((k) => `/${k} ${pdfText(rev.trailer.get(k)!)}`).join(' ');
  const xrefAt = at;
  if (!rev.lastIsStream) {
    const nums = [...offsets.keys()].sort((x, y) => x - y);
    let table = 'xref\n';
    for (const [first, count] of runs(nums)) {
      table += `${first} ${count}\n`;
      for (let n = first; n < first + count; n++) {
        const [off, gen] = offsets.get(n)!;
        table += `${String(off).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`;
      }
    }
    table += `trailer\n<</Size ${size} ${keep} /Prev ${prev}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
    push(Buffer.from(table, 'latin1'));
  } else {
    // The cross-reference stream lists itself too; rows of 1 + 4 + 2 bytes (type, offset, generation), not compressed.
    const self = size;
    offsets.set(self, [xrefAt, 0]);
    const nums = [...offsets.keys()].sort((x, y) => x - y);
    const data = Buffer.alloc(nums.length * 7);
    nums.forEach((n, i) => {
      const [off, gen] = offsets.get(n)!;
      data[i * 7] = 1;
      data.writeUInt32BE(off, i * 7 + 1);
      data.writeUInt16BE(gen, i * 7 + 5);
    });
    const index = runs(nums).flat().join(' ');
    const dict = `<</Type /XRef /Size ${self + 1} /W [1 4 2] /Index [${index}] ${keep} /Prev ${prev} /Length ${data.length}>>`;
    push(Buffer.concat([Buffer.from(`${self} 0 obj\n${dict}\nstream\n`, 'latin1'), data, Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1')]));
  }
  return Buffer.concat(parts, at);
}
