// Dates and times as a French reader expects them, for every screen (backups, journal…). Pure.

const NBSP = '\u00a0';

/**
 * « samedi 21 novembre 2026 à 23 h 40 » (local time, or `timeZone` when given). With `seconds`,
 * « … à 23 h 40 min 12 s », to tell apart two backups made in the same minute.
 */
export function formatDateTime(iso: string, opts: { seconds?: boolean; timeZone?: string } = {}): string {
  const d = new Date(iso);
  const tz = opts.timeZone ? { timeZone: opts.timeZone } : {};
  const day = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', ...tz }).format(d);
  const parts = new Intl.DateTimeFormat('fr-FR', { hour: 'numeric', minute: '2-digit', second: '2-digit', hourCycle: 'h23', ...tz })
    .formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  const hour = String(Number(get('hour')));
  let time = `${hour}${NBSP}h${NBSP}${get('minute')}`;
  if (opts.seconds) time += `${NBSP}min${NBSP}${get('second')}${NBSP}s`;
  return `${day} à ${time}`;
}
