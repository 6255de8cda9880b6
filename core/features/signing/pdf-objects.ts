// The values of a PDF as the analysis reads them (pdf-reader.ts), its bounds, and the decoding of the two kinds of
// stream it must read itself: cross-reference streams and object streams (Flate, PNG predictors).
import { inflateSync } from 'node:zlib';

export class PName { constructor(readonly n: string) {} }
export class PStr { constructor(readonly b: Buffer) {} }
export class PRef { constructor(readonly num: number, readonly gen: number) {} }
export class PDict { constructor(readonly m: Map<string, PValue>) {} get(k: string): PValue | undefined { return this.m.get(k); } }
export class PStream { constructor(readonly dict: PDict, readonly raw: Buffer) {} }
export type PValue = null | boolean | number | PName | PStr | PRef | PDict | PStream | PValue[];

/** The analysis cannot conclude: too big, too deep, too slow, or not readable as a viewer would. French message. */
export class Unreadable extends Error {}

export interface Budget {
  /** Called often; throws to stop (a cancelled job). */
  tick(): void;
  deadline: number;
  objects: number;
}

export function budget(tick: () => void = () => {}, ms = 20_000, objects = 300_000): Budget {
  return { tick, deadline: Date.now() + ms, objects };
}

export function spend(b: Budget): void {
  if (--b.objects < 0) throw new Unreadable('le document compte trop d’objets pour être analysé');
  if ((b.objects & 63) === 0) {
    b.tick();
    if (Date.now() > b.deadline) throw new Unreadable('l’analyse a dépassé le temps permis');
  }
}

/** Checks the cancellation and the time allowed, without counting an object (long loops over rows). */
export function pulse(b: Budget): void {
  b.tick();
  if (Date.now() > b.deadline) throw new Unreadable('l’analyse a dépassé le temps permis');
}

function inflate(raw: Buffer, what: string): Buffer {
  try {
    return inflateSync(raw, { maxOutputLength: 64 * 1024 * 1024, finishFlush: 2 /* Z_SYNC_FLUSH */ });
  } catch {
    throw new Unreadable(`${what} : données compressées illisibles`);
  }
}

/** The decoded data of a stream the analysis must read (cross-reference and object streams): Flate and PNG predictors. */
export function decodeStream(s: PStream, resolve: (v: PValue | undefined) => PValue | undefined, what: string): Buffer {
  const filter = resolve(s.dict.get('Filter'));
  const f = Array.isArray(filter) ? filter.map((x) => resolve(x)) : filter === undefined ? [] : [filter];
  if (f.length > 1 || (f.length === 1 && !(f[0] instanceof PName && f[0].n === 'FlateDecode'))) {
    throw new Unreadable(`${what} : filtre de compression non pris en charge`);
  }
  let data = f.length ? inflate(s.raw, what) : s.raw;
  const parms0 = resolve(s.dict.get('DecodeParms'));
  const parms = Array.isArray(parms0) ? resolve(parms0[0]) : parms0;
  if (parms instanceof PDict) {
    const predictor = Number(resolve(parms.get('Predictor')) ?? 1);
    if (predictor >= 10) {
      const cols = Number(resolve(parms.get('Columns')) ?? 1);
      if (!(cols > 0 && cols < 1e6)) throw new Unreadable(`${what} : paramètres de décompression invalides`);
      const rowLen = cols + 1;
      const rows = Math.floor(data.length / rowLen);
      const out = Buffer.alloc(rows * cols);
      for (let r = 0; r < rows; r++) {
        const type = data[r * rowLen];
        for (let i = 0; i < cols; i++) {
          const x = data[r * rowLen + 1 + i];
          const up = r ? out[(r - 1) * cols + i] : 0;
          const left = i ? out[r * cols + i - 1] : 0;
          const ul = r && i ? out[(r - 1) * cols + i - 1] : 0;
          let v = x;
          if (type === 1) v = x + left;
          else if (type === 2) v = x + up;
          else if (type === 3) v = x + ((left + up) >> 1);
          else if (type === 4) {
            const p = left + up - ul;
            const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - ul);
            v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : ul);
          }
          out[r * cols + i] = v & 0xff;
        }
      }
      data = out;
    } else if (predictor !== 1) throw new Unreadable(`${what} : prédicteur non pris en charge`);
  }
  return data;
}

/** A PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding read as Latin-1). */
export function textOf(v: PValue | undefined): string | null {
  if (!(v instanceof PStr)) return null;
  const b = v.b;
  if (b[0] === 0xfe && b[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1]);
    return s;
  }
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return b.toString('latin1');
}

export function nameOf(v: PValue | undefined): string | null {
  return v instanceof PName ? v.n : null;
}
