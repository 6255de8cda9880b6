// Sibling order that merges (issue 19): each item holds an order key (fractional indexing, the maintained
// `fractional-indexing` library) that sorts among its siblings' as strings do; an insert or a move writes the moved
// item's key only, never renumbers the others. Two copies may give two siblings the same key: the tie is broken by id,
// the same way everywhere. Pure.
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/** Sibling order: by key (code unit order, as SQLite's BINARY collation), then by id. */
export function compareOrder(a: { order_key: string; id: string }, b: { order_key: string; id: string }): number {
  if (a.order_key !== b.order_key) return a.order_key < b.order_key ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `n` keys in order, for siblings written at once (an import, a migration). */
export function firstKeys(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}

let cache: string[] = [];
/** The key a dense position `i` stands for (the i-th of firstKeys): how migration 8 converts positions. */
export function keyOfPosition(i: number): string {
  if (i >= cache.length) cache = firstKeys(Math.max(i + 1, cache.length * 2, 64));
  return cache[i];
}

/**
 * A key between two neighbours (null: the start or the end); null when there is none because they hold the same key
 * (two copies merged): the caller then spreads the siblings' keys again.
 */
export function keyBetween(before: string | null, after: string | null): string | null {
  if (before !== null && after !== null && before >= after) return null;
  return generateKeyBetween(before, after);
}

/** `n` keys in order after `last` (null: an empty list), for siblings appended at once after the last one. */
export function keysAfter(last: string | null, n: number): string[] {
  return generateNKeysBetween(last, null, n);
}
