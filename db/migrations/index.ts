// The registry of migrations, in order. Each runs in one transaction with the user_version bump.
import type { Database } from 'better-sqlite3';
import { migration001, JOURNALED_V1 } from './001_initial';
import type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration001];
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Journaled tables of the latest schema (what undo/redo restores). */
export const JOURNALED_TABLES = JOURNALED_V1;

/** 'TRAM' in ASCII: marks a SQLite file as a Trame contrat (PRAGMA application_id). */
export const APPLICATION_ID = 0x5452414d;

const registry = new Set<number>();
for (const m of MIGRATIONS) {
  if (registry.has(m.version)) throw new Error(`Migration ${m.version} déclarée deux fois`);
  registry.add(m.version);
}

/** Brings `db` from its user_version up to `target` (default: latest), each step in its own transaction. */
export function migrate(db: Database, target = LATEST_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  let applied = 0;
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied++;
  }
  return applied;
}
