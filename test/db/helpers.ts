// The store suites' own helper: a new contrat file on disk, opened (as test/helpers/store.ts, over the feature
// modules' queries), plus raw reads used to compare files before and after a migration.
import path from 'node:path';
import Database from 'better-sqlite3';
import { createEmpty } from '../../core/features/contrat/queries';
import { Store } from '../../db/store';
import { tmpDir } from '../helpers/tmp';

export const SAMPLE_CONTRAT = {
  name: 'Contrat de ville 2024-2030 — CA du Val de Test',
  epci: 'Communauté d’agglomération du Val de Test',
  period: { start: 2024, end: 2030 },
  qpv: [{ code: 'QN05901M', name: 'Les Hauts', commune: 'Testville' }],
};

export function newStore(name = 'contrat.trame'): { store: Store; file: string; dir: string } {
  const dir = tmpDir();
  const file = path.join(dir, name);
  createEmpty(file, SAMPLE_CONTRAT);
  return { store: Store.open(file, 'Camille Testeur'), file, dir };
}

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
