// Reads the journal's changes since a date for « Depuis le dernier COPIL ». SQL extracts only the few image fields
// the grouping needs (no JSON parsed in JavaScript), in journal order; model/since.ts groups them.
import type { Doc } from '../../session';
import { groupChangesSince, type SinceItem, type SinceRow } from './model/since';

/** Beyond this many changes, the list is cut (the dashboard says so). */
export const SINCE_MAX_CHANGES = 200_000;

const SQL = `
SELECT g.id, g.at, g.author, g.label, g.focus_redo, c.tbl, c.row_key, c.before IS NULL, c.after IS NULL,
  coalesce(json_extract(c.after, '$.node_id'), json_extract(c.before, '$.node_id')),
  coalesce(json_extract(c.before, '$.title'), json_extract(c.before, '$.name'), json_extract(c.before, '$.text')),
  coalesce(json_extract(c.after, '$.title'), json_extract(c.after, '$.name'), json_extract(c.after, '$.text')),
  json_extract(c.after, '$.kind'),
  json_extract(c.before, '$.parent_id'), json_extract(c.after, '$.parent_id'),
  json_extract(c.before, '$.order_key'), json_extract(c.after, '$.order_key'),
  json_extract(c.before, '$.tag'),
  json_extract(c.after, '$.tag'),
  c.tbl = 'node' AND c.before IS NOT NULL AND c.after IS NOT NULL AND (
    json_extract(c.before, '$.description') IS NOT json_extract(c.after, '$.description') OR
    json_extract(c.before, '$.tag_note') IS NOT json_extract(c.after, '$.tag_note') OR
    json_extract(c.before, '$.kind') IS NOT json_extract(c.after, '$.kind'))
FROM journal_group g JOIN journal_change c ON c.group_id = g.id
WHERE g.at >= ? AND g.id > ? AND g.undone = 0
ORDER BY g.id, c.id
LIMIT ?`;

/** The journal group that recorded a COPIL (its row inserted), and when. */
const COPIL_RECORD = `
SELECT g.id, g.at FROM journal_change c JOIN journal_group g ON g.id = c.group_id
WHERE c.tbl = 'copil' AND c.before IS NULL AND json_extract(c.after, '$.id') = ? AND g.undone = 0
ORDER BY g.id DESC LIMIT 1`;

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * Where « depuis ce COPIL » starts. A COPIL recorded on its own day (held today) starts right after the change that
 * recorded it: that change and everything before it are left out, the rest of the day is in (`afterGroup`, `at`: the
 * moment shown). A COPIL recorded later for an earlier day starts the day after it: its day is the meeting's.
 */
export function copilMoment(store: Pick<Doc, 'run'>, copil: { id: string; date: string }): { since: string; afterGroup: number; at: string | null } {
  const rec = store.run.stmt(COPIL_RECORD).get(copil.id) as { id: number; at: string } | undefined;
  if (rec && localDay(new Date(rec.at)) === copil.date) return { since: copil.date, afterGroup: rec.id, at: rec.at };
  const next = new Date(`${copil.date}T12:00:00`);
  next.setDate(next.getDate() + 1);
  return { since: localDay(next), afterGroup: 0, at: null };
}

/** The changes from the day `since` (ISO), after the journal group `afterGroup` (0: from the day's start). */
export function readChangesSince(store: Pick<Doc, 'run'>, since: string, afterGroup = 0): { items: SinceItem[]; truncated: boolean } {
  const raw = store.run.stmt(SQL).raw(true).all(since, afterGroup, SINCE_MAX_CHANGES + 1) as unknown[][];
  const truncated = raw.length > SINCE_MAX_CHANGES;
  const rows: SinceRow[] = new Array(Math.min(raw.length, SINCE_MAX_CHANGES));
  for (let i = 0; i < rows.length; i++) {
    const r = raw[i];
    let key = r[6] as string;
    // row_key is a JSON array of the key columns: its first value identifies the item.
    const m = /^\["((?:[^"\\]|\\.)*)"/.exec(key);
    key = m ? JSON.parse(`"${m[1]}"`) : key;
    rows[i] = {
      groupId: r[0] as number, at: r[1] as string, author: r[2] as string, label: r[3] as string, focus: r[4] as string | null,
      tbl: r[5] as string, key, inserted: r[7] === 1, deleted: r[8] === 1, nodeId: r[9] as string | null,
      nameBefore: r[10] as string | null, nameAfter: r[11] as string | null, kindAfter: r[12] as string | null,
      parentBefore: r[13] as string | null, parentAfter: r[14] as string | null,
      positionBefore: r[15] as string | null, positionAfter: r[16] as string | null,
      tagBefore: r[17] as string | null, tagAfter: r[18] as string | null, otherChanged: r[19] === 1,
    };
  }
  const node = store.run.stmt('SELECT title, kind FROM node WHERE id = ?');
  return { items: groupChangesSince(rows, (id) => node.get(id) as { title: string; kind: string } | undefined), truncated };
}
