// Parsing and formatting of what users type, the French way.
import { formatFrenchDate, parseFrenchDate } from '../../core/domain/french-dates';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** "24,7", "24.7", "1 234,5" → number; "" → null. */
export function parseNumber(input: string): Parsed<number | null> {
  const s = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (s === '') return { ok: true, value: null };
  const v = Number(s);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s) || !Number.isFinite(v)) {
    return { ok: false, error: 'Nombre attendu, par exemple 24,7.' };
  }
  return { ok: true, value: v };
}

export function formatNumber(v: number | null): string {
  return v === null ? '' : String(v).replace('.', ',');
}

/** « 30/06/2026 », « juin 2026 », « 2026 » or the ISO forms → the ISO date; "" → null. */
export function parseDate(input: string): Parsed<string | null> {
  if (input.trim() === '') return { ok: true, value: null };
  const r = parseFrenchDate(input);
  return r.ok ? { ok: true, value: r.iso } : { ok: false, error: r.message };
}

/** An ISO date as a French user reads and types it back. */
export const formatDate = formatFrenchDate;

/** "Contrat de ville — Agglo d'Évry" → "contrat-de-ville-agglo-d-evry". */
export function slugify(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return s || 'contrat';
}

export function joinPath(dir: string, file: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? dir + file : dir + sep + file;
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/**
 * French typography for messages shown in narrow places: the space before « : ; ! ? » and inside « … » becomes
 * non-breaking, so a line never starts with a colon or a closing guillemet.
 */
export function frenchSpacing(s: string): string {
  return s.replace(/ ([:;!?»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

/** Counts and nouns agreed the French way (Intl.PluralRules): the one rule of core/domain/plural.ts. */
export { countOf, nounFor } from '../../core/domain/plural';

/**
 * What the status line says after Ctrl+Z or Ctrl+Y: the step itself, read from the history after it (the step undone
 * is the one redo would now take, and the other way round): « Annulé : Marquer « … » à garder. »
 */
export function historyAnnouncement(which: 'undo' | 'redo', after: { undoLabel: string | null; redoLabel: string | null }): string {
  const label = which === 'undo' ? after.redoLabel : after.undoLabel;
  if (!label) return which === 'undo' ? 'Modification annulée.' : 'Modification rétablie.';
  return `${which === 'undo' ? 'Annulé' : 'Rétabli'} : ${label.replace(/[.\s]+$/, '')}.`;
}

/** The folder of a path ("/a/b/c.trame" → "/a/b"; "C:\\x\\c.trame" → "C:\\x"). */
export function dirName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (i < 0) return '.';
  if (i === 0) return path.slice(0, 1);
  return path.slice(0, i);
}

/** The file name without its « .trame » ending. */
export function stemOf(path: string): string {
  const b = baseName(path);
  return b.replace(/\.trame$/i, '') || b;
}
