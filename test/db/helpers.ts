// Raw reads used by the store suites to compare files before and after a migration; new contrats come from the
// shared helper (test/helpers/store.ts).
import Database from 'better-sqlite3';

export { newStore, SAMPLE_CONTRAT } from '../helpers/store';

/** Every row of every table (not SQLite's own), ordered by rowid or primary key: what a migration must keep. */
export function allRows(db: Database.Database): Record<string, Record<string, unknown>[]> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of tables) {
    const pk = (db.pragma(`table_info(${t})`) as { name: string; pk: number }[]).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY ${pk.length ? pk.join(', ') : 'rowid'}`).all() as Record<string, unknown>[];
  }
  return out;
}

export function rawRows(file: string): Record<string, Record<string, unknown>[]> {
  const db = new Database(file, { readonly: true });
  try {
    return allRows(db);
  } finally {
    db.close();
  }
}
