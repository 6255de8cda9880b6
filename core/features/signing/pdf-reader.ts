// Reading one revision of a PDF as a viewer does: from its `startxref`, the cross-reference tables and streams
// (following /Prev and /XRefStm), objects found where the cross-reference says (never by scanning the bytes, so an
// object written inside another one's stream is what a viewer shows, or nothing), object streams decoded, and
// PDF's own white space (NUL included). Every read is bounded (objects, sections, nesting, time) and checks a
// cancellation callback: a hostile file stops the analysis with a French « could not conclude », never a hang.

export { PName, PStr, PRef, PDict, PStream, Unreadable, budget, spend, decodeStream, textOf, nameOf, type PValue, type Budget } from './pdf-objects';
import { PName, PStr, PRef, PDict, PStream, Unreadable, spend, decodeStream, type PValue, type Budget } from './pdf-objects';

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const MAX_DEPTH = 64;

class Lexer {
  constructor(readonly buf: Buffer, public pos: number, readonly end: number) {}

  skipWs(): void {
    const { buf, end } = this;
    while (this.pos < end) {
      const c = buf[this.pos];
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) while (this.pos < end && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  /** A bare token (number, keyword), after white space. */
  word(): string {
    this.skipWs();
    const s = this.pos;
    while (this.pos < this.end && !WS.has(this.buf[this.pos]) && !DELIM.has(this.buf[this.pos])) this.pos++;
    return this.buf.toString('latin1', s, this.pos);
  }

  peekWord(): string {
    const save = this.pos;
    const w = this.word();
    this.pos = save;
    return w;
  }

  value(depth = 0): PValue {
    if (depth > MAX_DEPTH) throw new Unreadable('objets imbriqués trop profondément');
    this.skipWs();
    if (this.pos >= this.end) throw new Unreadable('objet tronqué');
    const { buf } = this;
    const c = buf[this.pos];
    if (c === 0x2f) { // /Name
      let s = ++this.pos;
      const bytes: number[] = [];
      while (this.pos < this.end && !WS.has(buf[this.pos]) && !DELIM.has(buf[this.pos])) {
        if (buf[this.pos] === 0x23 && /^[0-9a-fA-F]{2}$/.test(buf.toString('latin1', this.pos + 1, this.pos + 3))) {
          bytes.push(...buf.subarray(s, this.pos), parseInt(buf.toString('latin1', this.pos + 1, this.pos + 3), 16));
          this.pos += 3;
          s = this.pos;
        } else this.pos++;
      }
      bytes.push(...buf.subarray(s, this.pos));
      return new PName(Buffer.from(bytes).toString('latin1'));
    }
    if (c === 0x3c && buf[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const m = new Map<string, PValue>();
      for (;;) {
        this.skipWs();
        if (buf[this.pos] === 0x3e && buf[this.pos + 1] === 0x3e) { this.pos += 2; return new PDict(m); }
        const k = this.value(depth + 1);
        if (!(k instanceof PName)) throw new Unreadable('dictionnaire mal formé');
        m.set(k.n, this.value(depth + 1));
      }
    }
    if (c === 0x3c) {
      const close = buf.indexOf(0x3e, this.pos);
      if (close < 0 || close >= this.end) throw new Unreadable('chaîne hexadécimale non fermée');
      const hex = buf.toString('latin1', this.pos + 1, close).replace(/[\x00\t\n\f\r ]/g, '');
      this.pos = close + 1;
      return new PStr(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
    }
    if (c === 0x28) return this.literal();
    if (c === 0x5b) {
      this.pos++;
      const out: PValue[] = [];
      for (;;) {
        this.skipWs();
        if (buf[this.pos] === 0x5d) { this.pos++; return out; }
        if (this.pos >= this.end) throw new Unreadable('tableau non fermé');
        out.push(this.value(depth + 1));
      }
    }
    const w = this.word();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) {
      if (/^\d+$/.test(w)) { // N G R ?
        const save = this.pos;
        const g = this.word();
        if (/^\d+$/.test(g) && this.word() === 'R') return new PRef(Number(w), Number(g));
        this.pos = save;
      }
      return Number(w);
    }
    throw new Unreadable(`jeton inattendu « ${w.slice(0, 20) || String.fromCharCode(c)} »`);
  }

  literal(): PStr {
    const { buf } = this;
    const out: number[] = [];
    let depth = 0;
    for (this.pos++; this.pos < this.end; this.pos++) {
      const c = buf[this.pos];
      if (c === 0x5c) {
        const n = buf[++this.pos];
        const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        if (n in map) out.push(map[n]);
        else if (n >= 0x30 && n <= 0x37) {
          let v = n - 0x30;
          for (let k = 0; k < 2 && buf[this.pos + 1] >= 0x30 && buf[this.pos + 1] <= 0x37; k++) v = v * 8 + buf[++this.pos] - 0x30;
          out.push(v & 0xff);
        } else if (n === 0x0d) { if (buf[this.pos + 1] === 0x0a) this.pos++; } else if (n !== 0x0a) out.push(n);
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && depth-- === 0) { this.pos++; return new PStr(Buffer.from(out)); }
      out.push(c);
    }
    throw new Unreadable('chaîne non fermée');
  }
}

type Entry = { kind: 1; off: number; gen: number } | { kind: 2; stm: number; idx: number };

export interface Revision {
  /** The bytes of this revision (a prefix of the file). */
  buf: Buffer;
  trailer: PDict;
  /** Offsets of every cross-reference section read, newest first. */
  sections: number[];
  /** The newest section is a cross-reference stream (not a classic table). */
  lastIsStream: boolean;
  resolve(v: PValue | undefined): PValue | undefined;
  /** Object number → where its definition is (same position in two revisions: the very same bytes). */
  where(num: number): string | undefined;
}

/** The offset after the last `startxref` before `end`, or null. */
function startXref(buf: Buffer, end: number): number | null {
  const at = buf.lastIndexOf('startxref', end - 9, 'latin1');
  if (at < 0) return null;
  const m = /^[\x00\t\n\f\r ]*(\d{1,12})/.exec(buf.toString('latin1', at + 9, Math.min(end, at + 40)));
  return m ? Number(m[1]) : null;
}

const MAX_SECTIONS = 2_000;
const MAX_ENTRIES = 2_000_000;

/** Reads the revision made of `buf[0, end)` as a viewer would. Throws Unreadable. */
export function readRevision(file: Buffer, end: number, b: Budget): Revision {
  const buf = file.subarray(0, end);
  const entries = new Map<number, Entry>();
  const sections: number[] = [];
  const cache = new Map<number, PValue>();
  const objStreams = new Map<number, { data: Buffer; offsets: Map<number, [number, number]> }>();
  let trailer: PDict | null = null;
  let lastIsStream = false;

  const objectAt = (off: number, num: number, gen: number | null, depth: number): PValue => {
    spend(b);
    if (!(off >= 0 && off < buf.length)) throw new Unreadable(`l’objet ${num} est annoncé hors du fichier`);
    const lx = new Lexer(buf, off, buf.length);
    const n = lx.word();
    const g = lx.word();
    if (n !== String(num) || (gen !== null && g !== String(gen)) || lx.word() !== 'obj') {
      throw new Unreadable(`la table des références ne mène pas à l’objet ${num}`);
    }
    const v = lx.value();
    if (!(v instanceof PDict) || lx.peekWord() !== 'stream') return v;
    lx.word();
    if (buf[lx.pos] === 0x0d) lx.pos++;
    if (buf[lx.pos] === 0x0a) lx.pos++;
    const start = lx.pos;
    if (depth > 2) throw new Unreadable('longueurs de flux imbriquées');
    const len0 = v.get('Length');
    const len = len0 instanceof PRef ? resolveRef(len0, depth + 1) : len0;
    let stop = typeof len === 'number' && Number.isInteger(len) && len >= 0 ? start + len : -1;
    const after = stop >= 0 && stop <= buf.length ? new Lexer(buf, stop, buf.length).peekWord() : '';
    if (after !== 'endstream') {
      // As poppler does: the data ends at the next « endstream ».
      const e = buf.indexOf('endstream', start, 'latin1');
      if (e < 0) throw new Unreadable(`le flux de l’objet ${num} n’est pas fermé`);
      stop = e;
      while (stop > start && (buf[stop - 1] === 0x0a || buf[stop - 1] === 0x0d)) stop--;
    }
    return new PStream(v, buf.subarray(start, stop));
  };

  const objStream = (stm: number, depth: number) => {
    let s = objStreams.get(stm);
    if (s) return s;
    const e = entries.get(stm);
    if (!e || e.kind !== 1) throw new Unreadable(`flux d’objets ${stm} introuvable`);
    const v = objectAt(e.off, stm, null, depth);
    if (!(v instanceof PStream)) throw new Unreadable(`l’objet ${stm} n’est pas un flux d’objets`);
    const data = decodeStream(v, (x) => (x instanceof PRef ? resolveRef(x, depth + 1) : x), `flux d’objets ${stm}`);
    const n = Number(v.dict.get('N'));
    const first = Number(v.dict.get('First'));
    if (!(Number.isInteger(n) && n >= 0 && n < 1e6 && Number.isInteger(first) && first >= 0)) throw new Unreadable(`flux d’objets ${stm} mal formé`);
    const lx = new Lexer(data, 0, Math.min(first, data.length));
    const offsets = new Map<number, [number, number]>();
    for (let i = 0; i < n; i++) {
      const num = Number(lx.word());
      const rel = Number(lx.word());
      if (!Number.isInteger(num) || !Number.isInteger(rel)) throw new Unreadable(`flux d’objets ${stm} mal formé`);
      offsets.set(i, [num, first + rel]);
    }
    s = { data, offsets };
    objStreams.set(stm, s);
    return s;
  };

  const resolveRef = (r: PRef, depth = 0): PValue => {
    if (cache.has(r.num)) return cache.get(r.num)!;
    if (depth > 8) throw new Unreadable('références imbriquées trop profondément');
    const e = entries.get(r.num);
    let v: PValue = null;
    if (e?.kind === 1) v = e.gen === r.gen ? objectAt(e.off, r.num, r.gen, depth) : null;
    else if (e?.kind === 2 && r.gen === 0) {
      spend(b);
      const s = objStream(e.stm, depth);
      const code = s.offsets.get(e.idx);
      if (code === undefined || code[0] !== r.num) throw new Unreadable(`l’objet ${r.num} n’est pas où l’annonce son flux d’objets`);
      v = new Lexer(s.data, code[1], s.data.length).value();
    }
    cache.set(r.num, v);
    return v;
  };

  const add = (num: number, e: Entry) => {
    if (entries.size > MAX_ENTRIES) throw new Unreadable('table des références démesurée');
    if (!entries.has(num)) entries.set(num, e);
  };
  const free = new Set<number>();
  const setEntry = (num: number, e: Entry | null) => {
    if (entries.has(num) || free.has(num)) return;
    if (e) add(num, e);
    else free.add(num);
  };

  const readXrefStream = (off: number): PDict => {
    const lx = new Lexer(buf, off, buf.length);
    const num = Number(lx.word());
    const v = objectAt(off, num, null, 0);
    if (!(v instanceof PStream) || !(v.dict.get('Type') instanceof PName) || (v.dict.get('Type') as PName).n !== 'XRef') {
      throw new Unreadable('la table des références est introuvable à l’adresse annoncée');
    }
    const data = decodeStream(v, (x) => x, 'table des références');
    const w = v.dict.get('W');
    if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => typeof x === 'number' && x >= 0 && x <= 8)) throw new Unreadable('table des références mal formée');
    const [w0, w1, w2] = w as number[];
    const size = Number(v.dict.get('Size'));
    const index = (v.dict.get('Index') as number[] | undefined) ?? [0, size];
    const rowLen = w0 + w1 + w2;
    let p = 0;
    const field = (width: number, dflt: number) => {
      if (!width) return dflt;
      let x = 0;
      for (let i = 0; i < width; i++) x = x * 256 + data[p++];
      return x;
    };
    for (let i = 0; i + 1 < index.length; i += 2) {
      const [startNum, count] = [Number(index[i]), Number(index[i + 1])];
      if (!(count >= 0 && count <= MAX_ENTRIES)) throw new Unreadable('table des références démesurée');
      for (let k = 0; k < count; k++) {
        if (p + rowLen > data.length) throw new Unreadable('table des références tronquée');
        if ((k & 1023) === 0) b.tick();
        const t = field(w0, 1), f1 = field(w1, 0), f2 = field(w2, 0);
        setEntry(startNum + k, t === 1 ? { kind: 1, off: f1, gen: f2 } : t === 2 ? { kind: 2, stm: f1, idx: f2 } : null);
      }
    }
    return v.dict;
  };

  const readTable = (off: number): PDict => {
    const lx = new Lexer(buf, off, buf.length);
    lx.word(); // xref
    for (;;) {
      const w = lx.word();
      if (w === 'trailer') break;
      const start = Number(w);
      const count = Number(lx.word());
      if (!Number.isInteger(start) || !Number.isInteger(count) || count < 0 || count > MAX_ENTRIES) throw new Unreadable('table des références mal formée');
      for (let k = 0; k < count; k++) {
        if ((k & 1023) === 0) b.tick();
        const o = Number(lx.word());
        const g = Number(lx.word());
        const t = lx.word();
        if (!Number.isInteger(o) || !Number.isInteger(g) || (t !== 'n' && t !== 'f')) throw new Unreadable('table des références mal formée');
        setEntry(start + k, t === 'n' ? { kind: 1, off: o, gen: g } : null);
      }
    }
    const t = lx.value();
    if (!(t instanceof PDict)) throw new Unreadable('dictionnaire de fin (trailer) illisible');
    const xs = t.get('XRefStm');
    if (typeof xs === 'number') readXrefStream(xs);
    return t;
  };

  let off: number | null = startXref(buf, end);
  if (off === null) throw new Unreadable('pas de « startxref » : la révision ne se lit pas comme un PDF');
  while (off !== null) {
    if (sections.includes(off) || sections.length >= MAX_SECTIONS) throw new Unreadable('chaîne des tables de références en boucle ou démesurée');
    if (!(off >= 0 && off < buf.length)) throw new Unreadable('table des références annoncée hors du fichier');
    sections.push(off);
    const isTable: boolean = new Lexer(buf, off, buf.length).peekWord() === 'xref';
    const t: PDict = isTable ? readTable(off) : readXrefStream(off);
    if (!trailer) lastIsStream = !isTable;
    trailer ??= t;
    const prev: PValue | undefined = t.get('Prev');
    off = typeof prev === 'number' ? prev : null;
  }
  return {
    buf,
    trailer: trailer!,
    sections,
    lastIsStream,
    resolve: (v) => (v instanceof PRef ? resolveRef(v) : v),
    where: (num) => {
      const e = entries.get(num);
      return e ? (e.kind === 1 ? `o${e.off}` : `s${e.stm}.${e.idx}.${entries.get(e.stm)?.kind === 1 ? (entries.get(e.stm) as { off: number }).off : ''}`) : undefined;
    },
  };
}

