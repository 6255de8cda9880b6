// File names and backup descriptions the French way: the paths proposed by « Enregistrer sous » and
// « Restaurer une sauvegarde » in the browser, and how a backup is listed (date, items, size). Pure.
import { formatDateTime } from '../../lib/dates';
import { baseName, countOf, dirName, joinPath, stemOf } from '../../lib/text';

export { dirName, stemOf };

/** « Enregistrer sous » proposes `<folder>/<name>-copie.trame` beside the open file. */
export function copyPathFor(current: string): string {
  return joinPath(dirName(current), `${stemOf(current)}-copie.trame`);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `AAAA-MM-JJ-HHhMM`, local time: what a restored file is named after. */
export function backupStamp(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}h${pad(d.getMinutes())}`;
}

/** The name proposed for a restored backup: `<name>-restauré-<AAAA-MM-JJ-HHhMM>.trame`. */
export function restoreFileName(current: string, iso: string): string {
  return `${stemOf(current)}-restauré-${backupStamp(iso)}.trame`;
}

export function restorePathFor(current: string, iso: string): string {
  return joinPath(dirName(current), restoreFileName(current, iso));
}

export function hasTrameExtension(path: string): boolean {
  return /\.trame$/i.test(path.trim()) && baseName(path.trim()).length > '.trame'.length;
}

/**
 * « samedi 21 novembre 2026 à 23 h 40 » (local time, or `timeZone` when given). With `seconds`,
 * « … à 23 h 40 min 12 s », to tell apart two backups made in the same minute.
 */
export const formatBackupDate = formatDateTime;

const NBSP = '\u00a0';

/** « 1 élément », « 42 éléments » (0 takes the singular in French). */
export function formatItems(n: number | null): string {
  if (n === null) return 'contenu illisible';
  return countOf(n, 'élément');
}

/** « 512 octets », « 48 Ko », « 1,2 Mo ». */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return countOf(bytes, 'octet');
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))}${NBSP}Ko`;
  const mo = bytes / (1024 * 1024);
  return `${(mo < 10 ? mo.toFixed(1) : Math.round(mo).toString()).replace('.', ',')}${NBSP}Mo`;
}

/** The backup dates as listed: to the minute, with seconds only where two backups share a minute. */
export function backupLabels(ats: readonly string[], timeZone?: string): string[] {
  const minutes = ats.map((at) => formatBackupDate(at, { timeZone }));
  const counts = new Map<string, number>();
  for (const m of minutes) counts.set(m, (counts.get(m) ?? 0) + 1);
  return ats.map((at, i) => ((counts.get(minutes[i]) ?? 0) > 1 ? formatBackupDate(at, { seconds: true, timeZone }) : minutes[i]));
}
