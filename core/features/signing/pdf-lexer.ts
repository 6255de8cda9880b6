// The tokens and values of PDF's syntax, read from bytes as a viewer reads them: PDF's own white space (NUL
// included), comments, names with #xx escapes, literal and hex strings, numbers, « N G R » references. Byte
// classes come from a table and numbers are read from the bytes: a 5 MB PDF's tens of thousands of objects are
// read without a string per token.
import { PName, PStr, PRef, PDict, Unreadable, type PValue } from './pdf-objects';

const MAX_DEPTH = 64;
/** 1 white space, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = 2;
const ESCAPES: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };

/**
 * References of generation 0 and names are immutable: one object for each, shared by every read (most of a PDF's
 * tokens are a handful of names and references read again and again).
 */
const REFS: PRef[] = [];
const NAMES = new Map<string, PName>();
export function internRef(num: number, gen: number): PRef {
  if (gen !== 0 || num >= 1 << 18) return new PRef(num, gen);
  return (REFS[num] ??= new PRef(num, 0));
}
function internName(n: string): PName {
  let x = NAMES.get(n);
  if (!x) {
    x = new PName(n);
    if (NAMES.size < 10_000 && n.length < 64) NAMES.set(n, x);
  }
  return x;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const hexVal = (c: number) => (isDigit(c) ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1);

export class Lexer {
  constructor(readonly buf: Buffer, public pos: number, readonly end: number) {}

  skipWs(): void {
    const { buf, end } = this;
    let p = this.pos;
    while (p < end) {
      const c = buf[p];
      if (CLASS[c] === 1) p++;
      else if (c === 0x25) while (p < end && buf[p] !== 0x0a && buf[p] !== 0x0d) p++;
      else break;
    }
    this.pos = p;
  }

  /** Skips white space and a bare token (number, keyword); returns where the token starts (it ends at `pos`). */
  private token(): number {
    this.skipWs();
    const { buf, end } = this;
    const s = this.pos;
    let p = s;
    while (p < end && CLASS[buf[p]] === 0) p++;
    this.pos = p;
    return s;
  }

  /** A bare token (number, keyword), after white space. */
  word(): string {
    const s = this.token();
    return this.buf.toString('latin1', s, this.pos);
  }

  peekWord(): string {
    const save = this.pos;
    const w = this.word();
    this.pos = save;
    return w;
  }

  /** The next token, when it is an unsigned integer written without leading zeros; else -1 (read either way). */
  uint(): number {
    const s = this.token();
    return this.pos - s > 1 && this.buf[s] === 0x30 ? -1 : this.integer(s, this.pos);
  }

  /** The next token is `k` (read either way). */
  keyword(k: string): boolean {
    const s = this.token();
    return this.is(s, this.pos, k);
  }

  /** The token [s, e) is the keyword `k`. */
  private is(s: number, e: number, k: string): boolean {
    if (e - s !== k.length) return false;
    for (let i = 0; i < k.length; i++) if (this.buf[s + i] !== k.charCodeAt(i)) return false;
    return true;
  }

  /** An unsigned integer token [s, e) (digits only), else -1. */
  private integer(s: number, e: number): number {
    if (e <= s) return -1;
    let v = 0;
    for (let p = s; p < e; p++) {
      const c = this.buf[p];
      if (!isDigit(c)) return -1;
      v = v * 10 + c - 0x30;
    }
    return e - s > 15 ? Number(this.buf.toString('latin1', s, e)) : v;
  }

  /** A number token [s, e) as PDF writes them (`+-` sign, digits, one point), else NaN. */
  private number(s: number, e: number): number {
    const { buf } = this;
    let p = s;
    if (buf[p] === 0x2b || buf[p] === 0x2d) p++;
    let digits = 0;
    let point = 0;
    for (; p < e; p++) {
      if (isDigit(buf[p])) digits++;
      else if (buf[p] === 0x2e && !point) point++;
      else return NaN;
    }
    return digits ? Number(buf.toString('latin1', s, e)) : NaN;
  }

  value(depth = 0): PValue {
    if (depth > MAX_DEPTH) throw new Unreadable('objets imbriqués trop profondément');
    this.skipWs();
    if (this.pos >= this.end) throw new Unreadable('objet tronqué');
    const { buf } = this;
    const c = buf[this.pos];
    if (c === 0x2f) return this.name();
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
    if (c === 0x3c) return this.hex();
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
    const s = this.token();
    const e = this.pos;
    const int = this.integer(s, e);
    if (int >= 0) { // N G R ?
      const gs = this.token();
      const gen = this.integer(gs, this.pos);
      if (gen >= 0) {
        const rs = this.token();
        if (this.is(rs, this.pos, 'R')) return internRef(int, gen);
      }
      this.pos = e;
      return int;
    }
    const x = this.number(s, e);
    if (!Number.isNaN(x)) return x;
    if (this.is(s, e, 'true')) return true;
    if (this.is(s, e, 'false')) return false;
    if (this.is(s, e, 'null')) return null;
    throw new Unreadable(`jeton inattendu « ${buf.toString('latin1', s, Math.min(e, s + 20)) || String.fromCharCode(c)} »`);
  }

  private name(): PName {
    const { buf, end } = this;
    const s = ++this.pos;
    let p = s;
    let escaped = false;
    while (p < end && CLASS[buf[p]] === 0) {
      if (buf[p] === 0x23) escaped = true;
      p++;
    }
    this.pos = p;
    if (!escaped) return internName(buf.toString('latin1', s, p));
    const bytes: number[] = [];
    for (let i = s; i < p; i++) {
      if (buf[i] === 0x23 && i + 2 < p && hexVal(buf[i + 1]) >= 0 && hexVal(buf[i + 2]) >= 0) {
        bytes.push(hexVal(buf[i + 1]) * 16 + hexVal(buf[i + 2]));
        i += 2;
      } else bytes.push(buf[i]);
    }
    return internName(Buffer.from(bytes).toString('latin1'));
  }

  private hex(): PStr {
    const { buf } = this;
    const close = buf.indexOf(0x3e, this.pos);
    if (close < 0 || close >= this.end) throw new Unreadable('chaîne hexadécimale non fermée');
    const hex = buf.toString('latin1', this.pos + 1, close).replace(/[\x00\t\n\f\r ]/g, '');
    this.pos = close + 1;
    return new PStr(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
  }

  literal(): PStr {
    const { buf } = this;
    const out: number[] = [];
    let depth = 0;
    for (this.pos++; this.pos < this.end; this.pos++) {
      const c = buf[this.pos];
      if (c === 0x5c) {
        const n = buf[++this.pos];
        if (n in ESCAPES) out.push(ESCAPES[n]);
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
