// Which tables the change journal records, read from the LIVE schema: a table is journaled when it carries the three
// journal triggers (`<table>_journal_insert|update|delete`); its columns come from PRAGMA table_info and its key
// from its primary key. Nothing here is a hand-kept list that a migration could forget to update.
import type { Database } from 'better-sqlite3';
import { TrameError } from '../../core/api/result';

export interface JournaledTable {
  table: string;
  /** Primary-key columns, in key order: what a journal row's `row_key` holds. */
  key: string[];
  /** Every column, in table order: what a before/after image holds. */
  cols: string[];
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
export const TRIGGER_SUFFIXES = ['insert', 'update', 'delete'] as const;

export function triggerName(table: string, op: (typeof TRIGGER_SUFFIXES)[number]): string {
  return `${table}_journal_${op}`;
}

/** Columns and primary key of `table` as the database holds it now. */
export function liveTable(db: Database, table: string): JournaledTable {
  if (!IDENT.test(table)) throw new TrameError('interne', `Nom de table refusé par le journal : « ${table} ».`);
  const info = db.pragma(`table_info(${table})`) as { name: string; pk: number }[];
  if (info.length === 0) throw new TrameError('fichier-invalide', `Journal : la table « ${table} » n'existe pas dans ce fichier.`);
  const bad = info.find((c) => !IDENT.test(c.name));
  if (bad) throw new TrameError('interne', `Nom de colonne refusé par le journal : « ${table}.${bad.name} ».`);
  const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  if (key.length === 0) {
    throw new TrameError('interne', `La table « ${table} » n'a pas de clé primaire : le journal ne saurait pas retrouver ses lignes.`);
  }
  return { table, key, cols: info.map((c) => c.name) };
}

/** Every journaled table of the live schema, by name. Checked: each has its three triggers and a primary key. */
export function journalSpec(db: Database): Map<string, JournaledTable> {
  const rows = db
    .prepare("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_journal\\_%' ESCAPE '\\'")
    .all() as { name: string; tbl_name: string }[];
  const byTable = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = byTable.get(r.tbl_name) ?? new Set<string>();
    set.add(r.name);
    byTable.set(r.tbl_name, set);
  }
  const spec = new Map<string, JournaledTable>();
  for (const [table, names] of [...byTable].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const missing = TRIGGER_SUFFIXES.filter((op) => !names.has(triggerName(table, op)));
    if (missing.length) {
      throw new TrameError(
        'fichier-invalide',
        `Le journal des modifications de la table « ${table} » est incomplet : il n'est pas utilisé, par prudence.`,
        missing.map((op) => `déclencheur manquant : ${triggerName(table, op)}`),
      );
    }
    spec.set(table, liveTable(db, table));
  }
  return spec;
}
