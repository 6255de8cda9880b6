// The triggers that write the change journal, generated from the live schema. A migration that creates, rebuilds or
// alters a journaled table calls `regenerateJournalTriggers` for it once its new shape is in place.
import type { Database } from 'better-sqlite3';
import { liveTable, triggerName, TRIGGER_SUFFIXES, type JournaledTable } from './spec';

/** The three triggers' SQL for one table: each row inserted, updated or deleted while a group is open is recorded. */
export function journalTriggerSql(t: JournaledTable): string {
  const obj = (p: 'OLD' | 'NEW') => `json_object(${t.cols.map((c) => `'${c}', ${p}.${c}`).join(', ')})`;
  const key = (p: 'OLD' | 'NEW') => `json_array(${t.key.map((c) => `${p}.${c}`).join(', ')})`;
  const when = 'WHEN (SELECT group_id FROM journal_ctx WHERE id = 1) IS NOT NULL';
  const ins = (before: string, after: string, k: string) =>
    `INSERT INTO journal_change (group_id, tbl, row_key, before, after) VALUES ((SELECT group_id FROM journal_ctx WHERE id = 1), '${t.table}', ${k}, ${before}, ${after});`;
  return [
    `CREATE TRIGGER ${triggerName(t.table, 'insert')} AFTER INSERT ON ${t.table} ${when}\nBEGIN ${ins('NULL', obj('NEW'), key('NEW'))} END;`,
    `CREATE TRIGGER ${triggerName(t.table, 'update')} AFTER UPDATE ON ${t.table} ${when}\nBEGIN ${ins(obj('OLD'), obj('NEW'), key('OLD'))} END;`,
    `CREATE TRIGGER ${triggerName(t.table, 'delete')} AFTER DELETE ON ${t.table} ${when}\nBEGIN ${ins(obj('OLD'), 'NULL', key('OLD'))} END;`,
  ].join('\n');
}

/** Drops a table's journal triggers (if any). */
export function dropJournalTriggers(db: Database, table: string): void {
  for (const op of TRIGGER_SUFFIXES) db.exec(`DROP TRIGGER IF EXISTS ${triggerName(table, op)}`);
}

/**
 * (Re)creates the journal triggers of `table` from its columns as they are now: call it in the migration that
 * creates a journaled table or changes its columns (ALTER TABLE … ADD COLUMN, a rebuild).
 */
export function regenerateJournalTriggers(db: Database, table: string): void {
  const spec = liveTable(db, table);
  dropJournalTriggers(db, table);
  db.exec(journalTriggerSql(spec));
}
