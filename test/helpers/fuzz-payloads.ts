// Payloads for the fuzz, derived from each channel's zod input schema (zod v4: `schema._zod.def`), not from a
// hand-kept list of channels: a channel added to the registry is fuzzed the day it is added. A few field names
// (docId, id, parentId, jobId, backupId, path) take live values so that valid payloads reach the handlers' code.
import type { z } from 'zod';

export type Rnd = () => number;

/** Live values the generators draw from (the fuzz keeps them up to date). */
export interface Live {
  docId(): string;
  nodeId(): string;
  jobId(): string;
  backupId(): string;
  /** An existing contrat (to open, inspect…). */
  existingFile(): string;
  /** A name from a small pool for a file to create (`.trame` or `.json`). */
  newFile(channel: string): string;
  /** A real interchange document (export of the fuzzed contrat), or null before the first one. */
  document(): unknown;
}

/** Channels whose `path` names a file that must exist; every other `path` names a file to create. */
const EXISTING_PATH = new Set(['doc.open', 'doc.inspect', 'recent.forget']);

const STRINGS = ['', ' ', 'é', 'Titre', '\u0000', 'a\u0000b', '../../etc/passwd', '..', '/', 'x'.repeat(6000), '__proto__',
  'constructor', 'prototype', '<script>alert(1)</script>', '💥', '\uD800', 'a.trame', '%00', "'; DROP TABLE node; --",
  '\r\n', 'C:\\Windows\\system32', 'ÉTÉ',
  // Control characters, terminal escapes, ill-formed and non-NFC Unicode (issue 7).
  '\u0001', '\u001b]52;c;aGFjaw==\u0007', '\u001b[2J', '\u007f', '\u009b31m', 'a\uDC00b', '\uD83D', 'e\u0301te\u0301', 'E\u0301TE\u0301'];

/** What a hostile client may slip into an otherwise valid string: a NUL, an escape, a lone surrogate, a decomposed accent. */
const TAINTS = ['\u0000', '\u0007', '\u001b[2J', '\u007f', '\uD800', 'e\u0301'];
const NUMBERS = [0, -1, 1, -0, 3.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2024, 1989, 2101, Number.NaN,
  Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 31, -(2 ** 53)];

export class Payloads {
  constructor(private readonly rnd: Rnd, private readonly live: Live, private readonly tmpRoot: string) {}

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }

  /** Any value, often hostile: wrong types, huge numbers, NaN, NUL bytes, prototype keys, paths into the temp dir. */
  hostile(depth = 0): unknown {
    const r = this.rnd();
    if (r < 0.1) return null;
    if (r < 0.18) return undefined;
    if (r < 0.32) return this.pick(NUMBERS);
    if (r < 0.5) return this.pick(STRINGS);
    // Paths into the temp folder only (a path out of it would let a « save as » grow a contrat anywhere on the disk).
    if (r < 0.54) return `${this.tmpRoot}/${this.pick(['', 'x/', 'sauvegardes/'])}${this.pick(STRINGS).slice(0, 40).replace(/\.\.|\//g, '_')}`;
    if (r < 0.58) return this.rnd() < 0.5;
    if (r < 0.6) return this.pick([BigInt(2) ** BigInt(70), new Date(Number.NaN), new Date(0), Symbol.for('trame')]);
    if (r < 0.75 && depth < 3) return Array.from({ length: Math.floor(this.rnd() * 4) }, () => this.hostile(depth + 1));
    if (depth < 3) {
      const o: Record<string, unknown> = {};
      for (let k = Math.floor(this.rnd() * 4); k > 0; k--) this.setOwn(o, this.pick(['docId', 'id', 'path', 'title', 'type', 'input', '__proto__', 'constructor', this.pick(STRINGS)]), this.hostile(depth + 1));
      return o;
    }
    return 'profond';
  }

  /** An own property, even `__proto__` (as JSON.parse makes it), never a prototype change. */
  setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  }

  /** A value the schema accepts most of the time (live ids where the field calls for one). */
  valid(schema: z.ZodType, channel: string, key = '', depth = 0): unknown {
    const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
    switch (def.type) {
      case 'optional':
        return this.rnd() < 0.2 ? undefined : this.valid(def.innerType!, channel, key, depth);
      case 'nullable':
        return this.rnd() < 0.2 ? null : this.valid(def.innerType!, channel, key, depth);
      case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
        return this.valid(def.innerType!, channel, key, depth);
      case 'pipe':
        return this.valid(def.in!, channel, key, depth);
      case 'lazy':
        return depth > 4 ? null : this.valid(def.getter!(), channel, key, depth + 1);
      case 'object': {
        const o: Record<string, unknown> = {};
        for (const [k, s] of Object.entries(def.shape!)) {
          const v = this.valid(s, channel, k, depth + 1);
          if (v !== undefined) o[k] = v;
        }
        return o;
      }
      case 'array': {
        const max = Math.min(lengthBound(def, 'max_length') ?? 4, 4);
        const min = Math.min(lengthBound(def, 'min_length') ?? 0, max);
        return Array.from({ length: min + Math.floor(this.rnd() * (max - min + 1)) }, () => this.valid(def.element!, channel, key, depth + 1));
      }
      case 'union':
        return this.valid(this.pick(def.options!), channel, key, depth);
      case 'enum':
        return this.pick(Object.values(def.entries!));
      case 'literal':
        return this.pick(def.values!);
      case 'string':
        return this.string(def, channel, key);
      case 'number':
        return this.number(def);
      case 'boolean':
        return this.rnd() < 0.5;
      case 'null':
        return null;
      case 'unknown': case 'any':
        return key === 'document' && this.rnd() < 0.6 ? (this.live.document() ?? this.hostile()) : this.hostile();
      default:
        return this.hostile();
    }
  }

  private string(def: Def, channel: string, key: string): string {
    const live = this.liveString(channel, key);
    if (live !== null && this.rnd() < 0.05) return this.taint(live);
    if (live !== null && this.rnd() < 0.9) return live;
    const min = lengthBound(def, 'min_length') ?? 0;
    const max = lengthBound(def, 'max_length') ?? 10_000;
    const patterns = (def.checks ?? []).map((c) => c._zod.def).filter((d) => d.check === 'string_format' && d.pattern).map((d) => d.pattern as RegExp);
    // Candidates, first those a pattern may ask for (dates, backup names), then ordinary texts.
    // The longest text a field allows only now and then: every edit is kept with its before and after images in the
    // journal, and 20 000-character descriptions on every call grew the fuzzed contrat to a gigabyte.
    const candidates = [
      ...(patterns.length ? ['2030', '2026-06', '2026-06-30', '2024-02-29', '2026-02-30', this.live.backupId()] : []),
      this.pick(STRINGS), 'Nom', 'Un titre', 'x'.repeat(Math.max(min, Math.min(max, 1 + Math.floor(this.rnd() * 300)))),
      ...(this.rnd() < 0.03 ? ['x'.repeat(Math.min(max, 20_000))] : []),
    ];
    const fits = candidates.filter((c) => c.length >= min && c.length <= max && patterns.every((p) => new RegExp(p.source, p.flags.replace('g', '')).test(c)));
    return fits.length ? this.pick(fits) : this.pick(candidates);
  }

  /** `s` with a taint inserted somewhere (paths, ids: refused at the door, or not found; never a file elsewhere). */
  private taint(s: string): string {
    const at = Math.floor(this.rnd() * (s.length + 1));
    return s.slice(0, at) + this.pick(TAINTS) + s.slice(at);
  }

  private liveString(channel: string, key: string): string | null {
    switch (key) {
      case 'docId': return this.live.docId();
      case 'id': case 'parentId': return this.live.nodeId();
      case 'jobId': return this.live.jobId();
      case 'backupId': return this.live.backupId();
      case 'path': return EXISTING_PATH.has(channel) ? this.live.existingFile() : this.live.newFile(channel);
      default: return null;
    }
  }

  private number(def: Def): number {
    let lo = -1e6;
    let hi = 1e6;
    let int = false;
    for (const c of def.checks ?? []) {
      const d = c._zod.def;
      if (d.check === 'greater_than') lo = Math.max(lo, Number(d.value) + (d.inclusive ? 0 : 1));
      if (d.check === 'less_than') hi = Math.min(hi, Number(d.value) - (d.inclusive ? 0 : 1));
      if (d.check === 'number_format' && /int/.test(String(d.format))) int = true;
    }
    if (this.rnd() < 0.15) return this.pick([lo, hi, lo - 1, hi + 1]);
    const x = lo + this.rnd() * Math.min(hi - lo, 5000);
    return int ? Math.floor(x) : x;
  }

  /** A payload for `channel`: random, valid, or valid with one field changed, added or removed (deep). */
  payload(schema: z.ZodType, channel: string): unknown {
    const mode = this.rnd();
    if (mode < 0.2) return this.hostile();
    const v = this.valid(schema, channel);
    if (mode < 0.45) return v;
    const target = this.pickObject(v);
    if (!target) return this.hostile();
    const keys = Object.keys(target);
    if (mode < 0.8 && keys.length) target[this.pick(keys)] = this.hostile();
    else if (mode < 0.9) this.setOwn(target, this.pick(['extra', '__proto__', 'constructor', 'toString', this.pick(STRINGS)]), this.hostile());
    else if (keys.length) delete target[this.pick(keys)];
    return v;
  }

  /** A random object inside `v` (itself, or one nested in it). */
  private pickObject(v: unknown): Record<string, unknown> | null {
    const found: Record<string, unknown>[] = [];
    const walk = (x: unknown, depth: number): void => {
      if (depth > 4 || x === null || typeof x !== 'object') return;
      if (!Array.isArray(x)) found.push(x as Record<string, unknown>);
      for (const y of Object.values(x)) walk(y, depth + 1);
    };
    walk(v, 0);
    return found.length ? this.pick(found) : null;
  }
}

interface CheckDef { check?: string; value?: unknown; inclusive?: boolean; format?: unknown; pattern?: RegExp; minimum?: number; maximum?: number }
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: CheckDef } }[];
}

function lengthBound(def: Def, check: 'min_length' | 'max_length'): number | undefined {
  const c = (def.checks ?? []).map((x) => x._zod.def).find((d) => d.check === check);
  return c ? Number(check === 'min_length' ? c.minimum : c.maximum) : undefined;
}
