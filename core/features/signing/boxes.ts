// The signatories' boxes of a Trame PDF, read from the PDF itself: the protocole names each box with a /FitR named
// destination « Signature N : <nom> » (the area a signature's appearance fills) and « Signature N : <nom> — date »
// (the « le ………… » of its « Fait à …, le … » line). Any tool can read them; the count of boxes is the number of
// signatories expected.
import { pagesOf } from './revisions';
import { PDict, PRef, textOf, nameOf, type Budget, type PValue, type Revision } from './pdf-reader';

export interface SignatureBox {
  /** 1-based, the order of the signatories. */
  index: number;
  name: string;
  /** 0-based page index. */
  page: number;
  /** PDF user space: [left, bottom, right, top]. */
  rect: [number, number, number, number];
  /** Where the date of « Fait à …, le … » goes, when the PDF says so. */
  dateRect: [number, number, number, number] | null;
}

const KEY = /^Signature (\d{1,3}) : (.+?)( — date)?$/;

function nameTree(rev: Revision, node: PValue | undefined, out: [string, PValue][], b: Budget, depth = 0): void {
  b.tick();
  const d = rev.resolve(node);
  if (!(d instanceof PDict) || depth > 16 || out.length > 10_000) return;
  const names = rev.resolve(d.get('Names'));
  if (Array.isArray(names)) {
    for (let i = 0; i + 1 < names.length; i += 2) {
      const k = textOf(rev.resolve(names[i]));
      if (k !== null) out.push([k, names[i + 1]]);
    }
  }
  const kids = rev.resolve(d.get('Kids'));
  if (Array.isArray(kids)) for (const k of kids.slice(0, 1000)) nameTree(rev, k, out, b, depth + 1);
}

/** The signature boxes named in `rev`, in the signatories' order (empty when the PDF is not a Trame version). */
export function signatureBoxes(rev: Revision, b: Budget): SignatureBox[] {
  const root = rev.resolve(rev.trailer.get('Root'));
  if (!(root instanceof PDict)) return [];
  const names = rev.resolve(root.get('Names'));
  if (!(names instanceof PDict)) return [];
  const entries: [string, PValue][] = [];
  nameTree(rev, names.get('Dests'), entries, b);
  const mine = entries.filter(([k]) => KEY.test(k));
  if (!mine.length) return [];
  const pages = pagesOf(rev, b);
  const pageOf = new Map(pages.map((p, i) => [p.ref?.num ?? -1, i]));
  const boxes = new Map<number, SignatureBox>();
  for (const [k, v] of mine) {
    const [, n, name, date] = KEY.exec(k)!;
    let dest = rev.resolve(v);
    if (dest instanceof PDict) dest = rev.resolve(dest.get('D'));
    if (!Array.isArray(dest) || dest.length !== 6 || nameOf(rev.resolve(dest[1])) !== 'FitR' || !(dest[0] instanceof PRef)) continue;
    const page = pageOf.get(dest[0].num);
    const r = dest.slice(2).map((x) => Number(rev.resolve(x)));
    if (page === undefined || !r.every(Number.isFinite)) continue;
    const rect: [number, number, number, number] = [Math.min(r[0], r[2]), Math.min(r[1], r[3]), Math.max(r[0], r[2]), Math.max(r[1], r[3])];
    const box = boxes.get(Number(n)) ?? { index: Number(n), name, page, rect, dateRect: null };
    if (date) box.dateRect = rect;
    else Object.assign(box, { page, rect, name });
    boxes.set(Number(n), box);
  }
  return [...boxes.values()].filter((x) => x.rect[2] - x.rect[0] > 20 && x.rect[3] - x.rect[1] > 20).sort((x, y) => x.index - y.index);
}

/** Lower case, no accents, no punctuation: how two spellings of one name are compared. */
export function nameWords(s: string): string[] {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean);
}

/** Every word of the signatory's name appears in the certificate holder's name (or the other way round). */
export function sameHolder(signatory: string, holder: string): boolean {
  const a = nameWords(signatory);
  const h = nameWords(holder);
  if (!a.length || !h.length) return false;
  return a.every((w) => h.includes(w)) || h.every((w) => a.includes(w));
}
