// The one date rule of Trame, shared by the UI, the API contract and the interchange format.
// Pure TypeScript and zod, no Node import: the renderer imports it.
//
// A date is an ISO 8601 calendar date written one of three ways, with nothing around it:
//   • "2026"        a year,
//   • "2026-06"     a month,
//   • "2026-12-31"  a day, which must exist in the (proleptic Gregorian) calendar:
//                   "2024-02-29" yes, "2025-02-29" and "2026-02-30" no.
// Year range: 1900 to 2100 inclusive. A contrat de ville runs over a few years around now; its
// indicators may start from older statistics (censuses since 1968, baselines of earlier contrats), and
// its targets and deadlines never reach past the end of the century. Outside that range a value is a
// typing mistake ("0226", "20266" cut to "2026"?) and is refused rather than kept. The same upper bound
// as a contrat's period (1990–2100 in core/api/contract.ts), a wider lower one for statistics.
// No trimming: " 2026" is refused here; a form trims what the user typed before asking (renderer).
import { z } from 'zod';

export const ISO_DATE_YEAR_MIN = 1900;
export const ISO_DATE_YEAR_MAX = 2100;

/** Shape only: AAAA, AAAA-MM or AAAA-MM-JJ with month 01–12 and day 01–31. */
const SHAPE_RE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
/** The year range above, as a pattern (so the published JSON Schema says it too). A test keeps it equal to the constants. */
const YEAR_RE = /^(19\d\d|20\d\d|2100)/;

const MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

/** One sentence saying the whole rule, for a form field or a help text. */
export const ISO_DATE_MESSAGE =
  `Date attendue : AAAA, AAAA-MM ou AAAA-MM-JJ (par exemple 2030, 2030-06 ou 2030-12-31), ` +
  `un jour réel du calendrier, année de ${ISO_DATE_YEAR_MIN} à ${ISO_DATE_YEAR_MAX}.`;

/** Reasons, lower case and without final period, to follow « chemin : » in a list of problems. */
export const ISO_DATE_REASONS = {
  format: 'date attendue au format AAAA, AAAA-MM ou AAAA-MM-JJ (par exemple « 2026-12-31 »)',
  year: `année hors de la plage acceptée (de ${ISO_DATE_YEAR_MIN} à ${ISO_DATE_YEAR_MAX})`,
  /** Followed by the month's length, see `isoDateProblem`. */
  calendar: "cette date n'existe pas dans le calendrier",
} as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days of a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Why `s` is not a valid date, in French (lower case, no final period), or `null` when it is valid.
 * Examples: "2026-02-30" → "cette date n'existe pas dans le calendrier : février 2026 n'a que 28 jours".
 */
export function isoDateProblem(s: string): string | null {
  if (typeof s !== 'string' || !SHAPE_RE.test(s)) return ISO_DATE_REASONS.format;
  const year = Number(s.slice(0, 4));
  if (year < ISO_DATE_YEAR_MIN || year > ISO_DATE_YEAR_MAX) return ISO_DATE_REASONS.year;
  if (s.length < 10) return null;
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  const days = daysInMonth(year, month);
  if (day > days) return `${ISO_DATE_REASONS.calendar} : ${MONTHS[month - 1]} ${year} n'a que ${days} jours`;
  return null;
}

/** "2026", "2026-06" or a real day "2026-12-31", year 1900–2100, nothing around it. */
export function isValidIsoDate(s: string): boolean {
  return isoDateProblem(s) === null;
}

/** For a form field: `null` when valid, else one French sentence (capital letter, final period). */
export function isoDateError(s: string): string | null {
  const problem = isoDateProblem(s);
  if (problem === null) return null;
  if (problem === ISO_DATE_REASONS.format) return 'Date attendue : AAAA, AAAA-MM ou AAAA-MM-JJ (par exemple 2030 ou 2030-12-31).';
  return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
}

/**
 * The zod schema of a date, for the API contract and the interchange format. Its issues carry the French
 * reasons above. Shape and year range are patterns (they appear in the JSON Schema); the calendar check is
 * a refinement (JSON Schema cannot say it; Trame checks it).
 */
export const isoDateSchema = z
  .string()
  .regex(SHAPE_RE, { message: ISO_DATE_REASONS.format, abort: true })
  .regex(YEAR_RE, { message: ISO_DATE_REASONS.year, abort: true })
  .superRefine((s, ctx) => {
    const problem = isoDateProblem(s);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: s });
  })
  .meta({
    title: 'Date ISO 8601',
    description: `« 2026 », « 2026-06 » ou « 2026-12-31 » (jour réel du calendrier), année de ${ISO_DATE_YEAR_MIN} à ${ISO_DATE_YEAR_MAX}.`,
  });
