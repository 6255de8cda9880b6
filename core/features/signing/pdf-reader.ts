// Reading one revision of a PDF as a viewer does: from its `startxref`, the cross-reference tables and streams
// (following /Prev and /XRefStm), objects found where the cross-reference says (never by scanning the bytes, so an
// object written inside another one's stream is what a viewer shows, or nothing), object streams decoded, and
// PDF's own white space (NUL included). Every read is bounded (objects, sections, nesting, time) and checks a
// cancellation callback: a hostile file stops the analysis with a French « could not conclude », never a hang.

export { PName, PStr, PRef, PDict, PStream, Unreadable, budget, spend, pulse, decodeStream, textOf, nameOf, type PValue, type Budget } from './pdf-objects';
import { PName, PStr, PRef, PDict, PStream, Unreadable, pulse, spend, decodeStream, type PValue, type Budget } from './pdf-objects';

import { Lexer } from './pdf-lexer';

type Entry = { kind: 1; off: number; gen: number } | { kind: 2; stm: number; idx: number };
/** One classic cross-reference table: its rows (null: free; the first row of a number wins) and its trailer. */
interface Table { rows: Map<number, Entry | null>; trailer: PDict; /** The bytes read reach up to here (exclusive). */ end: number }

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
  /**
   * The shared read of object `num` (generation 0, at the offset this revision's cross-reference gives), when one
   * is in the ReadCache: two revisions that answer the same record read the very same bytes.
   */
  stored(num: number): Shared | null;
  /** The section (index in `sections`) whose row defines object `num` (or frees it); -1: none. */
  age(num: number): number;
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

/** One object read at a file offset, for every revision of the file that reads it there. */
export interface Shared {
  num: number; gen: number; v: PValue; /** The bytes read reach up to here (exclusive). */ end: number; len?: PRef; lenValue?: PValue;
  /** The references in `v` that a comparison follows (revisions.ts fills it in). */
  refs?: PRef[];
}

/**
 * Objects already read in another revision of the same file, by offset: the same bytes give the same value (the
 * very same JS object, which the comparison of two revisions takes as equal without reading it twice). A hit
 * counts against the budget as a read does; it is used only when the revision holds every byte that was read,
 * and a stream whose /Length is a reference only when that reference resolves to the same length.
 */
export interface ReadCache { objects: Map<number, Shared>; /** Classic cross-reference tables, by offset. */ tables: Map<number, Table> }
export function readCache(): ReadCache {
  return { objects: new Map(), tables: new Map() };
}

/** A cross-reference row « oooooooooo ggggg n » at `p` (standard layout), read from the bytes; else null. */
function standardRow(buf: Buffer, p: number): [number, number, boolean] | null {
  if (p + 19 > buf.length || buf[p + 10] !== 0x20 || buf[p + 16] !== 0x20) return null;
  let off = 0;
  let gen = 0;
  for (let i = 0; i < 10; i++) {
    const c = buf[p + i] - 0x30;
    if (c < 0 || c > 9) return null;
    off = off * 10 + c;
  }
  for (let i = 11; i < 16; i++) {
    const c = buf[p + i] - 0x30;
    if (c < 0 || c > 9) return null;
    gen = gen * 10 + c;
  }
  const t = buf[p + 17];
  const eol = buf[p + 18];
  if ((t !== 0x6e && t !== 0x66) || (eol !== 0x20 && eol !== 0x0d && eol !== 0x0a)) return null;
  return [off, gen, t === 0x6e];
}

/** Reads the revision made of `buf[0, end)` as a viewer would. Throws Unreadable. */
export function readRevision(file: Buffer, end: number, b: Budget, shared?: ReadCache): Revision {
  const buf = file.subarray(0, end);
  // The rows of every section but the oldest, merged (the newest row of a number wins); the oldest section's rows,
  // often nearly all of them, stay in their table as read once for every revision (`base`).
  const entries = new Map<number, Entry>();
  const secOf = new Map<number, number>();
  let base: Map<number, Entry | null> | null = null;
  const entry = (num: number): Entry | undefined => entries.get(num) ?? (free.has(num) ? undefined : base?.get(num) ?? undefined);
  const sections: number[] = [];
  const cache = new Map<number, PValue>();
  const objStreams = new Map<number, { data: Buffer; offsets: Map<number, [number, number]> }>();
  let trailer: PDict | null = null;
  let lastIsStream = false;

  const objectAt = (off: number, num: number, gen: number | null, depth: number): PValue => {
    spend(b);
    if (!(off >= 0 && off < buf.length)) throw new Unreadable(`l’objet ${num} est annoncé hors du fichier`);
    const hit = shared?.objects.get(off);
    if (hit && hit.num === num && (gen === null || hit.gen === gen) && hit.end <= buf.length && !(hit.v instanceof PStream && depth > 2)) {
      if (!hit.len || (depth <= 2 && resolveRef(hit.len, depth + 1) === hit.lenValue)) return hit.v;
    }
    const lx = new Lexer(buf, off, buf.length);
    const n = lx.uint();
    const g = lx.uint();
    if (n !== num || (gen !== null && g !== gen) || !lx.keyword('obj')) {
      throw new Unreadable(`la table des références ne mène pas à l’objet ${num}`);
    }
    const keep = (v: PValue, stop: number, len?: PRef, lenValue?: PValue): PValue => {
      if (shared && shared.objects.size < 1_000_000) shared.objects.set(off, { num, gen: g, v, end: stop, len, lenValue });
      return v;
    };
    const v = lx.value();
    const isStream = v instanceof PDict && lx.keyword('stream');
    if (!isStream) return keep(v, lx.pos);
    if (buf[lx.pos] === 0x0d) lx.pos++;
    if (buf[lx.pos] === 0x0a) lx.pos++;
    const start = lx.pos;
    if (depth > 2) throw new Unreadable('longueurs de flux imbriquées');
    const len0 = v.get('Length');
    const len = len0 instanceof PRef ? resolveRef(len0, depth + 1) : len0;
    let stop = typeof len === 'number' && Number.isInteger(len) && len >= 0 ? start + len : -1;
    const tail = stop >= 0 && stop <= buf.length ? new Lexer(buf, stop, buf.length) : null;
    const after = tail ? tail.word() : '';
    let read = tail ? tail.pos : start;
    if (after !== 'endstream') {
      // As poppler does: the data ends at the next « endstream ».
      const e = buf.indexOf('endstream', start, 'latin1');
      if (e < 0) throw new Unreadable(`le flux de l’objet ${num} n’est pas fermé`);
      stop = e;
      read = Math.max(read, e + 10);
      while (stop > start && (buf[stop - 1] === 0x0a || buf[stop - 1] === 0x0d)) stop--;
    }
    return keep(new PStream(v, buf.subarray(start, stop)), read, len0 instanceof PRef ? len0 : undefined, len);
  };

  const objStream = (stm: number, depth: number) => {
    let s = objStreams.get(stm);
    if (s) return s;
    const e = entry(stm);
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
    const known = cache.get(r.num);
    if (known !== undefined) return known;
    if (depth > 8) throw new Unreadable('références imbriquées trop profondément');
    const e = entry(r.num);
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
  /** Free object number → the section (index in `sections`) that says so. */
  const free = new Map<number, number>();
  const setEntry = (num: number, e: Entry | null) => {
    if (entries.has(num) || free.has(num)) return;
    if (e) {
      add(num, e);
      secOf.set(num, sections.length - 1);
    } else free.set(num, sections.length - 1);
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
        if ((k & 1023) === 0) pulse(b);
        const t = field(w0, 1), f1 = field(w1, 0), f2 = field(w2, 0);
        setEntry(startNum + k, t === 1 ? { kind: 1, off: f1, gen: f2 } : t === 2 ? { kind: 2, stm: f1, idx: f2 } : null);
      }
    }
    return v.dict;
  };

  /** A classic table's rows and trailer, read once for every revision that holds all its bytes. */
  const table = (off: number): Table => {
    const known = shared?.tables.get(off);
    if (known && known.end <= buf.length) return known;
    const rows = new Map<number, Entry | null>();
    const lx = new Lexer(buf, off, buf.length);
    lx.word(); // xref
    for (;;) {
      const w = lx.word();
      if (w === 'trailer') break;
      const start = Number(w);
      const count = Number(lx.word());
      if (!Number.isInteger(start) || !Number.isInteger(count) || count < 0 || count > MAX_ENTRIES) throw new Unreadable('table des références mal formée');
      for (let k = 0; k < count; k++) {
        if ((k & 1023) === 0) pulse(b);
        lx.skipWs();
        const row = standardRow(buf, lx.pos);
        let e: Entry | null;
        if (row) {
          e = row[2] ? { kind: 1, off: row[0], gen: row[1] } : null;
          lx.pos += 18;
        } else {
          const o = Number(lx.word());
          const g = Number(lx.word());
          const t = lx.word();
          if (!Number.isInteger(o) || !Number.isInteger(g) || (t !== 'n' && t !== 'f')) throw new Unreadable('table des références mal formée');
          e = t === 'n' ? { kind: 1, off: o, gen: g } : null;
        }
        if (!rows.has(start + k)) rows.set(start + k, e);
        if (rows.size > MAX_ENTRIES) throw new Unreadable('table des références démesurée');
      }
    }
    const trailer = lx.value();
    if (!(trailer instanceof PDict)) throw new Unreadable('dictionnaire de fin (trailer) illisible');
    const t: Table = { rows, trailer, end: lx.pos };
    if (shared) shared.tables.set(off, t);
    return t;
  };

  const readTable = (off: number): PDict => {
    const { rows, trailer } = table(off);
    const xs = trailer.get('XRefStm');
    if (typeof xs !== 'number' && typeof trailer.get('Prev') !== 'number') {
      base = rows; // the oldest section: its rows are read where they are
      return trailer;
    }
    for (const [num, e] of rows) setEntry(num, e);
    if (typeof xs === 'number') readXrefStream(xs);
    return trailer;
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
    age: (num) => secOf.get(num) ?? free.get(num) ?? (base?.has(num) ? sections.length - 1 : -1),
    stored: (num) => {
      const e = entry(num);
      const hit = e?.kind === 1 && e.gen === 0 ? shared?.objects.get(e.off) : undefined;
      return hit && hit.num === num && hit.gen === 0 ? hit : null;
    },
    where: (num) => {
      const e = entry(num);
      const s = e?.kind === 2 ? entry(e.stm) : undefined;
      return e ? (e.kind === 1 ? `o${e.off}` : `s${e.stm}.${e.idx}.${s?.kind === 1 ? s.off : ''}`) : undefined;
    },
  };
}

