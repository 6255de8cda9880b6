// Dates as people type and read them in French, on top of the one ISO rule of core/domain/dates.ts.
// A form accepts « 30/06/2026 », « 30.06.2026 », « 30 juin 2026 », « 1er juin 2026 », « 06/2026 », « juin 2026 »,
// « 2026 », and the ISO forms; it stores the ISO form and shows the French one back. Pure TypeScript (renderer-safe).
import { isoDateProblem, ISO_DATE_REASONS } from './dates';

export const FRENCH_MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

/** Month names without accents and common abbreviations, lower case → month number. */
const MONTH_WORDS = new Map<string, number>();
FRENCH_MONTHS.forEach((m, i) => {
  const plain = m.normalize('NFD').replace(/\p{M}/gu, '');
  for (const w of [m, plain, plain.slice(0, 3), plain.slice(0, 4)]) if (!MONTH_WORDS.has(w)) MONTH_WORDS.set(w, i + 1);
});
MONTH_WORDS.set('juin', 6).set('juil', 7).set('janv', 1).set('fevr', 2).set('sept', 9);
MONTH_WORDS.delete('jui'); // juin or juillet: ambiguous
MONTH_WORDS.delete('mar'); // mars (and not mardi): keep « mars » only
MONTH_WORDS.set('mars', 3);

function monthOf(word: string): number | undefined {
  return MONTH_WORDS.get(word.replace(/\.$/, '').normalize('NFD').replace(/\p{M}/gu, ''));
}

/** One sentence for a form field's hint. */
export const FRENCH_DATE_HINT = 'Par exemple 30/06/2026, juin 2026 ou 2026.';

export type FrenchDateResult = { ok: true; iso: string } | { ok: false; message: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** Reads what a user typed; trims it. Returns the ISO date, or a French sentence saying why it is refused. */
export function parseFrenchDate(input: string): FrenchDateResult {
  const text = input.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  if (text === '') return { ok: false, message: 'Date vide : tapez par exemple 30/06/2026, juin 2026 ou 2026.' };
  let iso: string | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text))) iso = `${m[3]}-${pad(+m[2])}-${pad(+m[1])}`;
  else if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(text))) iso = `${m[2]}-${pad(+m[1])}`;
  else if ((m = /^(\d{1,2})(?:er)? ([\p{L}.]+) (\d{4})$/u.exec(text))) {
    const month = monthOf(m[2]);
    if (month === undefined) return { ok: false, message: `Mois inconnu : « ${m[2]} ». ${FRENCH_DATE_HINT}` };
    iso = `${m[3]}-${pad(month)}-${pad(+m[1])}`;
  } else if ((m = /^([\p{L}.]+) (\d{4})$/u.exec(text))) {
    const month = monthOf(m[1]);
    if (month === undefined) return { ok: false, message: `Mois inconnu : « ${m[1]} ». ${FRENCH_DATE_HINT}` };
    iso = `${m[2]}-${pad(month)}`;
  } else if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(text)) iso = text;
  if (iso === null) return { ok: false, message: `Date non comprise : « ${input.trim()} ». ${FRENCH_DATE_HINT}` };
  const month = Number(iso.slice(5, 7));
  if (iso.length >= 7 && (month < 1 || month > 12)) {
    return { ok: false, message: `Le mois doit aller de 1 à 12 (lu : ${month}). ${FRENCH_DATE_HINT}` };
  }
  const day = Number(iso.slice(8, 10));
  if (iso.length === 10 && day < 1) return { ok: false, message: `Le jour doit être au moins 1. ${FRENCH_DATE_HINT}` };
  const problem = isoDateProblem(iso);
  if (problem === null) return { ok: true, iso };
  if (problem === ISO_DATE_REASONS.format) return { ok: false, message: `Date non comprise : « ${input.trim()} ». ${FRENCH_DATE_HINT}` };
  return { ok: false, message: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.` };
}

/** An ISO date shown the French way: « 30/06/2026 », « juin 2026 », « 2026 ». Anything else is returned as is. */
export function formatFrenchDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}$/.test(iso)) return iso;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(iso))) return `${FRENCH_MONTHS[+m[2] - 1] ?? m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso))) return `${m[3]}/${m[2]}/${m[1]}`;
  return iso;
}

/** The last day an ISO date can mean (« 2026 » → 2026-12-31, « 2026-02 » → 2026-02-28): deadlines count to their end. */
export function lastDayOf(iso: string): string {
  if (/^\d{4}$/.test(iso)) return `${iso}-12-31`;
  const m = /^(\d{4})-(\d{2})$/.exec(iso);
  if (m) {
    const y = +m[1];
    const mo = +m[2];
    const days = mo === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
    return `${iso}-${pad(days)}`;
  }
  return iso;
}

/** The first day an ISO date can mean (« 2026 » → 2026-01-01). */
export function firstDayOf(iso: string): string {
  if (/^\d{4}$/.test(iso)) return `${iso}-01-01`;
  if (/^\d{4}-\d{2}$/.test(iso)) return `${iso}-01`;
  return iso;
}
