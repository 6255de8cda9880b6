// The triggers that write the change journal, generated from the live schema. A migration that creates, rebuilds or
// alters a journaled table calls `regenerateJournalTriggers` for it once its new shape is in place.
import type { Database } from 'better-sqlite3';
import { itemColumn } from './bulk';
import { liveTable, triggerName, TRIGGER_SUFFIXES, type JournaledTable } from './spec';

/** Does the live journal carry the columns migration 8 added (kind of change, item, fields, batch)? */
export function journalHasColumns(db: Database): boolean {
  return (db.pragma('table_info(journal_change)') as { name: string }[]).some((c) => c.name === 'item');
}

/**
 * The three triggers' SQL for one table: each row inserted, updated or deleted while a group is open is recorded.
 * From schema 8 (`described`), each change also says its kind (op), the item it concerns (the node for the tables
 * that hang on one, else the row's first key column) and, for an update, which columns changed: what « depuis »,
 * the minutes and the note read without parsing images.
 */
export function journalTriggerSql(t: JournaledTable, described = false): string {
  const obj = (p: 'OLD' | 'NEW') => `json_object(${t.cols.map((c) => `'${c}', ${p}.${c}`).join(', ')})`;
  const key = (p: 'OLD' | 'NEW') => `json_array(${t.key.map((c) => `${p}.${c}`).join(', ')})`;
  const when = 'WHEN (SELECT group_id FROM journal_ctx WHERE id = 1) IS NOT NULL';
  const itemCol = itemColumn(t);
  const fields = () => {
    const parts = t.cols.filter((c) => !t.key.includes(c)).map((c) => `CASE WHEN OLD.${c} IS NOT NEW.${c} THEN ',${c}' ELSE '' END`);
    return parts.length ? `nullif(substr(${parts.join(' || ')}, 2), '')` : 'NULL';
  };
  const ins = (before: string, after: string, k: string, op: string, p: 'OLD' | 'NEW', f: string) =>
    described
      ? `INSERT INTO journal_change (group_id, tbl, row_key, before, after, op, item, fields) VALUES ((SELECT group_id FROM journal_ctx WHERE id = 1), '${t.table}', ${k}, ${before}, ${after}, '${op}', ${p}.${itemCol}, ${f});`
      : `INSERT INTO journal_change (group_id, tbl, row_key, before, after) VALUES ((SELECT group_id FROM journal_ctx WHERE id = 1), '${t.table}', ${k}, ${before}, ${after});`;
  return [
    `CREATE TRIGGER ${triggerName(t.table, 'insert')} AFTER INSERT ON ${t.table} ${when}\nBEGIN ${ins('NULL', obj('NEW'), key('NEW'), 'insert', 'NEW', 'NULL')} END;`,
    `CREATE TRIGGER ${triggerName(t.table, 'update')} AFTER UPDATE ON ${t.table} ${when}\nBEGIN ${ins(obj('OLD'), obj('NEW'), key('OLD'), 'update', 'NEW', fields())} END;`,
    `CREATE TRIGGER ${triggerName(t.table, 'delete')} AFTER DELETE ON ${t.table} ${when}\nBEGIN ${ins(obj('OLD'), 'NULL', key('OLD'), 'delete', 'OLD', 'NULL')} END;`,
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
  db.exec(journalTriggerSql(spec, journalHasColumns(db)));
}
