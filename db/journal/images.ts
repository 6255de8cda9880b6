// Keeps the journal's stored row images in step with the schema. A migration that adds, drops or renames a column of a
// journaled table must say what old images mean under the new shape, so that undoing a step recorded before it is
// exact; replay refuses an image that does not match the table (see replay.ts), never fills a gap with NULL.
import type { Database } from 'better-sqlite3';
import { journalHasColumns } from './triggers';

export interface ImageChange {
  /** New columns and the value an old image stands for (usually the column's default). */
  add?: Record<string, string | number | null>;
  /** Columns removed from the table. */
  drop?: string[];
  /** Columns renamed: old name → new name. */
  rename?: Record<string, string>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function checked(name: string): string {
  if (!IDENT.test(name)) throw new Error(`nom de colonne refusé : ${name}`);
  return name;
}

/** Rewrites the before/after images of every journal row of `table`. Run inside the migration's transaction. */
export function upgradeImages(db: Database, table: string, change: ImageChange): number {
  // From schema 8 a bulk entry (bulk.ts) holds {"rows": [images]}: each of its images is upgraded alike.
  const bulk = journalHasColumns(db);
  const each = (expr: (img: string) => string, params: unknown[]): number => {
    const sql =
      `UPDATE journal_change SET before = CASE WHEN before IS NULL THEN NULL ELSE ${expr('before')} END, ` +
      `after = CASE WHEN after IS NULL THEN NULL ELSE ${expr('after')} END WHERE tbl = ?${bulk ? ' AND batch = 0' : ''}`;
    let changed = db.prepare(sql).run(...params, ...params, table).changes;
    if (bulk) {
      const rows = (img: string) => `json_object('rows', json((SELECT json_group_array(json(${expr('value')}) ORDER BY key) FROM json_each(${img}, '$.rows'))))`;
      const sqlBulk =
        `UPDATE journal_change SET before = CASE WHEN before IS NULL THEN NULL ELSE ${rows('before')} END, ` +
        `after = CASE WHEN after IS NULL THEN NULL ELSE ${rows('after')} END WHERE tbl = ? AND batch = 1`;
      changed += db.prepare(sqlBulk).run(...params, ...params, table).changes;
    }
    return changed;
  };
  let n = 0;
  for (const [from, to] of Object.entries(change.rename ?? {})) {
    const f = checked(from);
    const t = checked(to);
    n += each((img) => `json_remove(json_set(${img}, '$.${t}', json_extract(${img}, '$.${f}')), '$.${f}')`, []);
  }
  for (const col of change.drop ?? []) n += each((img) => `json_remove(${img}, '$.${checked(col)}')`, []);
  for (const [col, value] of Object.entries(change.add ?? {})) n += each((img) => `json_set(${img}, '$.${checked(col)}', ?)`, [value]);
  return n;
}
