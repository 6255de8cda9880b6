// Cells read the French way: amounts (« 12 000 € », « 12 000,50 », « 12k€ », « 1,5 M€ »), dates (« 30/06/2026 »,
// « juin 2026 », « 2026 », « S1 2026 », « T3 2026 », a date cell), statuses and decisions by their labels, two
// partners in one cell. Pure. Each reader returns the value, or a French reason naming what it read.
import { COMMITMENT_STATUSES, type CommitmentStatus } from '../../../domain/format-types';
import { COMMITMENT_STATUS_LABELS } from '../../../domain/partners';
import { parseFrenchDate } from '../../../domain/french-dates';
import { TAG_LABELS, TAGS, type Tag } from '../../../domain/tree';
import { fold } from './roles';

/** A date cell (the spreadsheet stored a date, not text): ISO « AAAA-MM-JJ ». */
export interface DateCell { date: string }
/** A cell that holds only a formula, without a value saved beside it (never evaluated). */
export interface FormulaCell { formula: string }
export type Cell = string | number | boolean | null | DateCell | FormulaCell;

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = (reason: string): Read<never> => ({ ok: false, reason });

export function isDateCell(c: Cell): c is DateCell {
  return typeof c === 'object' && c !== null && 'date' in c;
}
export function isFormulaCell(c: Cell): c is FormulaCell {
  return typeof c === 'object' && c !== null && 'formula' in c;
}

/** The cell as text (trimmed; a number the French way). */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c.replace(/\s+/g, ' ').trim();
  if (typeof c === 'number') return String(c).replace('.', ',');
  if (typeof c === 'boolean') return c ? 'VRAI' : 'FAUX';
  if (isDateCell(c)) return c.date;
  return '';
}

export function isBlank(c: Cell): boolean {
  return c === null || (typeof c === 'string' && c.trim() === '');
}

const MAX_AMOUNT = 1e12;

/** An amount in euros (≥ 0). */
export function readAmount(c: Cell): Read<number> {
  if (typeof c === 'number') return Number.isFinite(c) && c >= 0 && c <= MAX_AMOUNT ? ok(c) : no(`le montant ${cellText(c)} est hors des bornes (0 à 1 000 milliards d'euros)`);
  const raw = cellText(c);
  const t = raw.toLowerCase().replace(/[\s\u00a0\u202f]/g, '').replace(/euros?$|eur$/, '€');
  const m = /^(\d{1,3}(?:[.]\d{3})+|\d+)(?:,(\d+))?(k|m|md)?€?$/.exec(t) ?? /^(\d+)(?:[.](\d{1,2}))?(k|m|md)?€?$/.exec(t);
  if (!m) return no(`« ${raw} » n'est pas un montant : écrivez un nombre d'euros, par exemple 12 000 €, 12 000,50 ou 12k€`);
  const whole = m[1].replace(/\./g, '');
  const value = Number(`${whole}${m[2] ? `.${m[2]}` : ''}`) * (m[3] === 'k' ? 1e3 : m[3] === 'm' ? 1e6 : m[3] === 'md' ? 1e9 : 1);
  if (!Number.isFinite(value) || value > MAX_AMOUNT) return no(`le montant « ${raw} » est hors des bornes (0 à 1 000 milliards d'euros)`);
  return ok(Math.round(value * 100) / 100);
}

/** A number (a target, a baseline): the French decimal comma, spaces between thousands, a trailing % or unit ignored. */
export function readNumber(c: Cell): Read<number> {
  if (typeof c === 'number') return Number.isFinite(c) ? ok(c) : no('nombre illisible');
  const raw = cellText(c);
  const t = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '');
  if (!/^-?\d+(,\d+)?$/.test(t)) return no(`« ${raw} » n'est pas un nombre (par exemple 250 ou 12,5)`);
  return ok(Number(t.replace(',', '.')));
}

const PERIOD_END: Record<string, string> = { s1: '06', s2: '12', t1: '03', t2: '06', t3: '09', t4: '12' };

/** A date: a date cell, « 30/06/2026 », « juin 2026 », « 2026 », « S1 2026 » (→ 2026-06), « T3 2026 » (→ 2026-09). */
export function readDate(c: Cell): Read<string> {
  if (isDateCell(c)) return ok(c.date);
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 1900 && c <= 2200) return ok(String(c));
    return no(`« ${cellText(c)} » n'est pas une date (par exemple 30/06/2026, juin 2026, 2026, S1 2026 ou T3 2026)`);
  }
  const raw = cellText(c);
  const p = /^([st])\s*([1-4])\s*(?:-|\s)?\s*(\d{4})$/i.exec(raw.replace(/\s+/g, ' '));
  if (p) {
    const key = `${p[1].toLowerCase()}${p[2]}`;
    if (PERIOD_END[key]) return ok(`${p[3]}-${PERIOD_END[key]}`);
  }
  const r = parseFrenchDate(raw);
  if (r.ok) return ok(r.iso);
  return no(`« ${raw} » n'est pas une date (par exemple 30/06/2026, juin 2026, 2026, S1 2026 ou T3 2026)`);
}

const STATUS_WORDS: [string, CommitmentStatus][] = [
  ...COMMITMENT_STATUSES.map((s) => [fold(COMMITMENT_STATUS_LABELS[s]), s] as [string, CommitmentStatus]),
  ...COMMITMENT_STATUSES.map((s) => [fold(s), s] as [string, CommitmentStatus]),
  ['a faire', 'propose'], ['prevu', 'propose'], ['prevue', 'propose'], ['a venir', 'propose'], ['valide', 'acte'], ['validee', 'acte'],
  ['engage', 'acte'], ['engagee', 'acte'], ['demarre', 'en-cours'], ['en cours de realisation', 'en-cours'],
  ['realise', 'tenu'], ['realisee', 'tenu'], ['termine', 'tenu'], ['terminee', 'tenu'], ['fait', 'tenu'],
  ['partiellement realise', 'partiellement-tenu'], ['partiellement realisee', 'partiellement-tenu'],
  ['non realise', 'non-tenu'], ['non realisee', 'non-tenu'], ['abandonnee', 'abandonne'], ['annule', 'abandonne'], ['annulee', 'abandonne'],
];
const STATUS_MAP = new Map(STATUS_WORDS);

export function readStatus(c: Cell): Read<CommitmentStatus> {
  const raw = cellText(c);
  const s = STATUS_MAP.get(fold(raw));
  return s ? ok(s) : no(`statut inconnu « ${raw} » (statuts possibles : ${COMMITMENT_STATUSES.map((x) => COMMITMENT_STATUS_LABELS[x]).join(', ')})`);
}

const TAG_MAP = new Map<string, Tag>([
  ...TAGS.map((t) => [fold(TAG_LABELS[t]), t] as [string, Tag]),
  ...TAGS.map((t) => [fold(t), t] as [string, Tag]),
  ...TAGS.map((t) => [fold(TAG_LABELS[t]).replace(/^a /, ''), t] as [string, Tag]),
  ['maintenir', 'garder'], ['a maintenir', 'garder'], ['reconduire', 'renouveler'], ['a reconduire', 'renouveler'],
  ['supprimer', 'jeter'], ['a supprimer', 'jeter'], ['arreter', 'jeter'], ['a arreter', 'jeter'], ['nouvelle', 'ajouter'], ['nouveau', 'ajouter'],
  ['suspendre', 'mettre-en-veille'], ['en veille', 'mettre-en-veille'], ['modifier', 'repenser'], ['a modifier', 'repenser'],
]);

export function readTag(c: Cell): Read<Tag> {
  const raw = cellText(c);
  const t = TAG_MAP.get(fold(raw));
  return t ? ok(t) : no(`décision inconnue « ${raw} » (décisions possibles : ${TAGS.map((x) => TAG_LABELS[x]).join(', ')})`);
}

/** « France Travail, Mission locale » → two names; also « ; », « / », « + » and line breaks (never « et »: « Chambre de commerce et d’industrie » is one). */
export function splitNames(c: Cell): string[] {
  const raw = typeof c === 'string' ? c : cellText(c);
  return raw
    .split(/\s*[,;\n/+]\s*/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

/** A text a spreadsheet would read as a formula is written with an apostrophe in front (as the CSV export does). */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The reverse, on reading Trame's own export. */
export function unneutralise(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}
