// Migration 8: a journal that only grows (issues 19 and 22). IMMUTABLE once released: change the schema with a new file.
// - journal_group gains its kind ('edit', 'undo', 'redo', 'merge') and, for an undo or a redo, the step it replays
//   (target_id). An undo or a redo is a new group holding the inverse (or the same) images, with its own clock time;
//   a new edit no longer deletes the undone steps: they stay, marked as off the redo branch.
//   `undone` now reads: 0 a step in effect, 1 undone (redo can bring it back), 2 undone and off the redo branch
//   (an edit came after), 3 not a step (an undo or a redo group: what it replayed is its target's state).
// - journal_change says, written by the triggers, its kind (op), the item it concerns and which columns an update
//   changed; `batch` marks one entry for many rows (a CSV import): row_key [], before/after {"rows": [images]}.
//   Existing changes get op/item/fields computed from their images. Indexed by item, and the groups by time.
import type { Database } from 'better-sqlite3';
import { journalSpec, regenerateJournalTriggers } from '../journal';
import type { Migration } from './types';

const SQL = `
ALTER TABLE journal_group ADD COLUMN kind TEXT NOT NULL DEFAULT 'edit' CHECK (kind IN ('edit', 'undo', 'redo', 'merge'));
ALTER TABLE journal_group ADD COLUMN target_id INTEGER REFERENCES journal_group(id);
ALTER TABLE journal_change ADD COLUMN op TEXT CHECK (op IN ('insert', 'update', 'delete'));
ALTER TABLE journal_change ADD COLUMN item TEXT;
ALTER TABLE journal_change ADD COLUMN fields TEXT;
ALTER TABLE journal_change ADD COLUMN batch INTEGER NOT NULL DEFAULT 0 CHECK (batch IN (0, 1));
CREATE INDEX journal_change_by_item ON journal_change (item, group_id);
`;

/** op, item and fields of the changes recorded before this migration, from their images. */
function describeOld(db: Database): void {
  db.exec(`UPDATE journal_change SET op = CASE WHEN before IS NULL THEN 'insert' WHEN after IS NULL THEN 'delete' ELSE 'update' END`);
  for (const t of journalSpec(db).values()) {
    const itemCol = t.table === 'node' ? 'id' : t.cols.includes('node_id') ? 'node_id' : t.key[0];
    const img = `coalesce(after, before)`;
    const parts = t.cols
      .filter((c) => !t.key.includes(c))
      .map((c) => `CASE WHEN json_extract(before, '$.${c}') IS NOT json_extract(after, '$.${c}') THEN ',${c}' ELSE '' END`);
    const fields = parts.length ? `nullif(substr(${parts.join(' || ')}, 2), '')` : 'NULL';
    db.prepare(
      `UPDATE journal_change SET item = json_extract(${img}, '$.${itemCol}'),
         fields = CASE WHEN op = 'update' THEN ${fields} ELSE NULL END WHERE tbl = ?`,
    ).run(t.table);
  }
}

export const migration008: Migration = {
  version: 8,
  name: 'journal qui ne fait que grandir',
  up(db) {
    db.exec(SQL);
    describeOld(db);
    for (const t of journalSpec(db).keys()) regenerateJournalTriggers(db, t);
  },
};
