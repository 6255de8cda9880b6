// Bulk entries (issue 22): one journal entry for many rows inserted at once (a CSV import of 100 000 measurements)
// instead of one trigger-written row and one JSON image per row. Inside an edit, the rows go in without the table's
// insert trigger (dropped and created again in the same transaction), item by item; then one statement per item writes, set-wise in SQL over its rows just inserted (a range of
// rowids), one journal_change row per item they hang on (the node for a measurement: the `item` the triggers would write) with
//   batch = 1, row_key '[]', op 'insert', before NULL, after {"rows": [image, …]} (each image as a trigger writes it).
// Undo copies it with before and after swapped (op 'delete'), redo as it is (steps.ts); replay expands it (replay.ts).
// Each row appears once in a bulk entry, so the order of its images does not matter. Readers see a bulk entry as the
// set of rows it touched: `bulkImages` here, merge (read.ts), « depuis » (per item, as the per-row entries would
// count), the note de COPIL and the minutes; the content checks refuse a malformed one (content-check.ts).
import { TrameError } from '../../core/api/result';
import type { Runner } from '../query';
import { triggerName, type JournaledTable } from './spec';

/**
 * The page cache (KiB) while a bulk entry is written: with SQLite's default 2 MB, a transaction of 100 000 rows and
 * their images spills pages to the WAL while it runs (measured: the inserts took 3.3 s instead of 1 s on the third
 * import of 100 000 lines). An upper bound, not an allocation; the connection's own size comes back after.
 */
const BULK_CACHE_KIB = 256 * 1024;

/** The item a change of `t` concerns, as the triggers write it: the node for the tables that hang on one, else the first key column. */
export function itemColumn(t: JournaledTable): string {
  return t.table === 'node' ? 'id' : t.cols.includes('node_id') ? 'node_id' : t.key[0];
}

/**
 * The rows by item, items in the order of their first row, each item's rows in their order (all in one group when
 * the item is not among the columns): inserted so, each item's rows take one range of rowids, and the journal reads
 * each range in rowid order with no sort; a user sees no difference (rows are read by their position).
 */
function byItem(rows: readonly unknown[][], at: number): unknown[][][] {
  if (at < 0) return [rows as unknown[][]];
  const rank = new Map<unknown, number>();
  const groups: unknown[][][] = [];
  for (const r of rows) {
    let k = rank.get(r[at]);
    if (k === undefined) rank.set(r[at], (k = groups.push([]) - 1));
    groups[k].push(r);
  }
  return groups;
}

/**
 * Inserts `rows` (values in the order of `cols`) into the journaled `table` inside the open journal group, recorded
 * as bulk entries. Returns how many rows went in. The table must carry no trigger but its journal's.
 */
export function insertBulk(run: Runner, spec: Map<string, JournaledTable>, table: string, cols: readonly string[], rows: readonly unknown[][]): number {
  const t = spec.get(table);
  if (!t) throw new TrameError('interne', `Écriture groupée refusée : la table « ${table} » n'est pas journalisée.`);
  const bad = cols.find((c) => !t.cols.includes(c));
  if (bad !== undefined) throw new TrameError('interne', `Écriture groupée refusée : colonne inconnue « ${table}.${bad} ».`);
  const gid = (run.stmt('SELECT group_id FROM journal_ctx WHERE id = 1').get() as { group_id: number | null }).group_id;
  if (gid === null) throw new TrameError('interne', 'Écriture groupée hors d’une modification : elle ne serait pas annulable.');
  const others = run
    .stmt("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name NOT IN (? || '_journal_insert', ? || '_journal_update', ? || '_journal_delete')")
    .pluck()
    .all(table, table, table, table) as string[];
  if (others.length) throw new TrameError('interne', `Écriture groupée refusée : la table « ${table} » a d'autres déclencheurs (${others.join(', ')}).`);
  if (rows.length === 0) return 0;
  const last = (run.stmt(`SELECT coalesce(max(rowid), 0) AS r FROM ${table}`).get() as { r: number }).r;
  const item = itemColumn(t);
  const groups = byItem(rows, cols.indexOf(item));
  // The insert trigger is taken out for the rows and put back, its text as the file holds it, in the same
  // transaction (all or nothing, like the rows): disarmed through journal_ctx, it would still run its WHEN clause for
  // each row (measured: 25 % more time for the inserts).
  const trigger = triggerName(table, 'insert');
  const triggerSql = (run.stmt("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(trigger) as string | undefined);
  if (!triggerSql) throw new TrameError('interne', `Écriture groupée refusée : la table « ${table} » n'a pas son déclencheur de journal.`);
  const cache = run.db.pragma('cache_size', { simple: true }) as number;
  run.db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  try {
    run.db.exec(`DROP TRIGGER ${trigger}`);
    const ins = run.db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    for (const g of groups) for (const r of g) ins.run(...(r as never[]));
    run.db.exec(triggerSql);
    // New rows take rowids one after the other past the largest (not so once the largest possible is used: then
    // refused, never half-journaled): each item's rows are one range of rowids.
    const added = (run.stmt(`SELECT count(*) AS n FROM ${table} WHERE rowid > ?`).get(last) as { n: number }).n;
    if (added !== rows.length) throw new TrameError('interne', `Écriture groupée refusée : les lignes ajoutées à « ${table} » ne se suivent pas.`);
    const image = `json_object(${t.cols.map((c) => `'${c}', ${c}`).join(', ')})`;
    const head = `INSERT INTO journal_change (group_id, tbl, row_key, before, after, op, item, fields, batch)
       SELECT ?, '${table}', '[]', NULL, json_object('rows', json_group_array(${image})), 'insert', ${item}, NULL, 1 FROM ${table}`;
    if (groups.length === 1 && cols.indexOf(item) < 0) {
      // The item is not among the columns given (a default): grouped in SQL.
      run.stmt(`${head} WHERE rowid > ? GROUP BY ${item} ORDER BY min(rowid)`).run(gid, last);
    } else {
      const range = run.stmt(`${head} WHERE rowid BETWEEN ? AND ?`);
      let from = last + 1;
      for (const g of groups) {
        range.run(gid, from, from + g.length - 1);
        from += g.length;
      }
    }
  } finally {
    run.db.pragma(`cache_size = ${cache}`);
  }
  return rows.length;
}

/** The row images a bulk entry's before or after holds (refused in French when it is not {"rows": [objects]}). */
export function bulkImages(image: string | null, label: string): Record<string, unknown>[] {
  if (image === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(image);
  } catch {
    parsed = undefined;
  }
  const rows = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as { rows?: unknown }).rows : undefined;
  if (!Array.isArray(rows) || rows.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw new TrameError('fichier-invalide', `L'étape « ${label} » ne peut pas être lue : une entrée groupée du journal est altérée (elle devrait tenir une liste de lignes).`);
  }
  return rows as Record<string, unknown>[];
}

/** One row a bulk entry touched, as a per-row entry would have recorded it. */
export interface BulkRow { before: Record<string, unknown> | null; after: Record<string, unknown> | null }

/**
 * A bulk entry as the per-row changes it stands for: its before images (a delete, an undone insert) or its after
 * images (an insert), each row once.
 */
export function bulkRows(c: { before: string | null; after: string | null }, label = 'groupée'): BulkRow[] {
  if ((c.before === null) === (c.after === null)) {
    throw new TrameError('fichier-invalide', `L'étape « ${label} » ne peut pas être lue : une entrée groupée du journal n'est ni un ajout ni une suppression.`);
  }
  return c.before === null ? bulkImages(c.after, label).map((after) => ({ before: null, after })) : bulkImages(c.before, label).map((before) => ({ before, after: null }));
}
