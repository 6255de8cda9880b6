// Hybrid logical clock (Kulkarni et al., 2014): a time that never goes backwards on one replica, even when the wall
// clock does, and that orders events of several replicas consistently with causality once they are merged.
// Pure: the caller passes the wall time and the replica id. A time is written as one string that sorts as it
// compares: `<milliseconds, 15 digits>-<counter, 6 digits>-<replica id>`.

export interface Hlc {
  /** Wall-clock milliseconds (the largest seen so far). */
  ms: number;
  /** Events within the same millisecond. */
  counter: number;
  /** The replica that produced it (a UUID). */
  node: string;
}

const MS_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const PATTERN = /^(\d{15})-(\d{6})-(.+)$/;

export function formatHlc(h: Hlc): string {
  if (!Number.isSafeInteger(h.ms) || h.ms < 0 || h.ms >= 10 ** MS_DIGITS) throw new RangeError(`heure hors limites : ${h.ms}`);
  if (!Number.isInteger(h.counter) || h.counter < 0 || h.counter > MAX_COUNTER) throw new RangeError(`compteur hors limites : ${h.counter}`);
  if (!h.node) throw new RangeError('identifiant de réplique vide');
  return `${String(h.ms).padStart(MS_DIGITS, '0')}-${String(h.counter).padStart(COUNTER_DIGITS, '0')}-${h.node}`;
}

export function parseHlc(s: string): Hlc {
  const m = PATTERN.exec(s);
  if (!m) throw new RangeError(`horloge illisible : « ${s.slice(0, 80)} »`);
  return { ms: Number(m[1]), counter: Number(m[2]), node: m[3] };
}

/** Orders two times as strings do (they are built for it): negative, 0 or positive. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toHlc(h: Hlc | string | null): Hlc | null {
  return typeof h === 'string' ? parseHlc(h) : h;
}

/** Past the last counter value of a millisecond, the clock moves on to the next millisecond. */
function bounded(ms: number, counter: number, node: string): Hlc {
  return counter > MAX_COUNTER ? { ms: ms + 1, counter: 0, node } : { ms, counter, node };
}

/**
 * The time of a new local event on replica `node`, after `last` (the largest time this replica has seen, any
 * replica's; null at first): strictly greater than `last`, whatever `wallMs` says.
 */
export function tickHlc(last: Hlc | string | null, wallMs: number, node: string): Hlc {
  const prev = toHlc(last);
  const wall = Math.max(0, Math.floor(wallMs));
  if (!prev || wall > prev.ms) return { ms: wall, counter: 0, node };
  return bounded(prev.ms, prev.counter + 1, node);
}

/** The time of receiving `remote` (from another replica) on replica `node` whose last time is `local`. */
export function receiveHlc(local: Hlc | string | null, remote: Hlc | string, wallMs: number, node: string): Hlc {
  const l = toHlc(local);
  const r = toHlc(remote)!;
  const wall = Math.max(0, Math.floor(wallMs));
  const lms = l?.ms ?? -1;
  const ms = Math.max(wall, lms, r.ms);
  if (ms === lms && ms === r.ms) return bounded(ms, Math.max(l!.counter, r.counter) + 1, node);
  if (ms === lms) return bounded(ms, l!.counter + 1, node);
  if (ms === r.ms) return bounded(ms, r.counter + 1, node);
  return { ms, counter: 0, node };
}
