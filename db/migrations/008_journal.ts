// Migration 8: a journal that only grows (issues 19 and 22). IMMUTABLE once released: change the schema with a new file.
// - journal_group gains its kind ('edit', 'undo', 'redo', 'merge') and, for an undo or a redo, the step it replays
//   (target_id). An undo or a redo is a new group holding the inverse (or the same) images, with its own clock time;
//   a new edit no longer deletes the undone steps: they stay, marked as off the redo branch.
//   `undone` now reads: 0 a step in effect, 1 undone (redo can bring it back), 2 undone and off the redo branch
//   (an edit came after), 3 not a step (an undo or a redo group: what it replayed is its target's state).
// - journal_change says, written by the triggers, its kind (op), the item it concerns and which columns an update
//   changed; `batch` marks one entry for many rows (a CSV import): row_key [], before/after {"rows": [images]}.
//   Existing changes get op/item/fields computed from their images. Indexed by item, and the groups by time.
// - Sibling order that merges: node.position (dense, renumbered on every insert and move) becomes node.order_key, a
//   fractional key (core/domain/order-keys.ts) that an insert or a move writes for the moved item only; ties are
//   broken by id. Position i becomes the i-th key, in the rows and in the journal's images (so that undoing a step
//   recorded before stays exact: the siblings a step renumbered are all in its images).
import type { Database } from 'better-sqlite3';
import { keyOfPosition } from '../../core/domain/order-keys';
import { dropJournalTriggers, journalSpec, regenerateJournalTriggers } from '../journal';
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

/** node.position → node.order_key, in the rows and in the journal's images of node. */
function orderKeys(db: Database): void {
  dropJournalTriggers(db, 'node');
  db.exec(`DROP INDEX node_by_parent;
ALTER TABLE node ADD COLUMN order_key TEXT NOT NULL DEFAULT '';`);
  // Positions are dense per parent in a file Trame wrote; read in (position, id) order all the same.
  const rows = db.prepare('SELECT id, parent_id FROM node ORDER BY parent_id, position, id').all() as { id: string; parent_id: string | null }[];
  const set = db.prepare('UPDATE node SET order_key = ? WHERE id = ?');
  let parent: string | null | undefined;
  let i = 0;
  for (const r of rows) {
    if (r.parent_id !== parent) [parent, i] = [r.parent_id, 0];
    set.run(keyOfPosition(i++), r.id);
  }
  db.exec(`ALTER TABLE node DROP COLUMN position;
CREATE INDEX node_by_parent ON node (parent_id, order_key, id);`);
  const images = db.prepare("SELECT id, before, after FROM journal_change WHERE tbl = 'node'").all() as { id: number; before: string | null; after: string | null }[];
  const write = db.prepare('UPDATE journal_change SET before = ?, after = ? WHERE id = ?');
  const convert = (img: string | null): string | null => {
    if (img === null) return null;
    const o = JSON.parse(img) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (k === 'position') out.order_key = typeof v === 'number' && Number.isInteger(v) && v >= 0 ? keyOfPosition(v) : String(v);
      else out[k] = v;
    }
    return JSON.stringify(out);
  };
  for (const c of images) write.run(convert(c.before), convert(c.after), c.id);
}

export const migration008: Migration = {
  version: 8,
  name: 'journal qui ne fait que grandir, ordre des éléments fractionnaire',
  up(db) {
    orderKeys(db);
    regenerateJournalTriggers(db, 'node');
    db.exec(SQL);
    describeOld(db);
    for (const t of new Set([...journalSpec(db).keys(), 'node'])) regenerateJournalTriggers(db, t);
  },
};
