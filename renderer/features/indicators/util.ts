// Small helpers of the indicator screens: French dates and numbers in forms, and one edit call that reports its error.
import { formatFrenchDate, parseFrenchDate } from '../../../core/domain/french-dates';
import type { EditOutcome } from '../../../core/api/contract';
import type { Result } from '../../../core/api/result';
import { parseNumber } from '../../lib/text';

export { formatFrenchDate };

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; error: string };

/** A French date typed in a form; empty → null. */
export function dateField(text: string): FieldCheck<string | null> {
  if (text.trim() === '') return { ok: true, value: null };
  const r = parseFrenchDate(text);
  return r.ok ? { ok: true, value: r.iso } : { ok: false, error: r.message };
}

export function numberField(text: string): FieldCheck<number | null> {
  const r = parseNumber(text);
  return r.ok ? r : { ok: false, error: r.error };
}

/** A number the French way, two decimals at most: the values, the charts' ticks. */
export const frenchNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

export function formatValue(v: number | null | undefined, unit?: string | null): string {
  if (v === null || v === undefined) return '—';
  const n = frenchNumber.format(v);
  return unit === '%' ? `${n} %` : unit && unit !== 'nombre' ? `${n} ${unit}` : n;
}

/** Resolves an edit's Result to an error message or null. */
export async function editError(call: Promise<Result<EditOutcome>>): Promise<string | null> {
  const r = await call;
  return r.ok ? null : r.error.message;
}
