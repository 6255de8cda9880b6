// The registry of migrations, in order: numbered 1..N without gap or duplicate (checked when this module loads).
// Each pending step runs in its own transaction with the user_version bump, foreign keys off meanwhile and checked
// (foreign_key_check) before it commits.
import type { Database } from 'better-sqlite3';
import { TrameError } from '../../core/api/result';
import { migration001, JOURNALED_V1 } from './001_initial';
import { migration002 } from './002_identities';
import { migration003 } from './003_commitments';
import { migration004 } from './004_indicators';
import { migration005 } from './005_workshops';
import { migration006 } from './006_protocole';
import { migration007 } from './007_versions';
import { migration008 } from './008_journal';
import { migration009 } from './009_cadre_juridique';
import { migration010 } from './010_version_number';
import type { Migration } from './types';
import { LATEST_SCHEMA_SQL, LATEST_SCHEMA_VERSION } from './latest.generated';

export type { Migration } from './types';

/** 'TRAM' in ASCII: marks a SQLite file as a Trame contrat (PRAGMA application_id). */
export const APPLICATION_ID = 0x5452414d;

/** Refuses a list that is not numbered 1..N in order. */
export function checkRegistry(list: readonly Migration[]): readonly Migration[] {
  const seen = new Set<number>();
  list.forEach((m, i) => {
    if (seen.has(m.version)) throw new Error(`Migration ${m.version} déclarée deux fois`);
    seen.add(m.version);
    if (m.version !== i + 1) throw new Error(`Migrations mal numérotées : la ${i + 1}e porte le numéro ${m.version} (trou ou désordre)`);
    if (typeof m.up !== 'function') throw new Error(`Migration ${m.version} sans fonction up`);
  });
  if (list.length === 0) throw new Error('aucune migration');
  return list;
}

export const MIGRATIONS: readonly Migration[] = checkRegistry([
  migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010,
]);
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Journaled tables of schema 1, frozen (the live list is read from each file's schema: db/journal). */
export { JOURNALED_V1 };

/**
 * Brings `db` from its user_version up to `target` (default: latest), each step in its own transaction.
 * Refuses a database from a newer Trame. Returns the number of steps applied.
 */
export function migrate(db: Database, target = LATEST_VERSION, list: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list[list.length - 1].version;
  if (current > latest) {
    throw new TrameError(
      'version-future',
      `Ce contrat a été créé par une version plus récente de Trame (schéma ${current} > ${latest}) : mettez Trame à jour pour l'ouvrir.`,
    );
  }
  const pending = list.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return 0;
  const fk = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF'); // a no-op inside a transaction: set before each step's transaction opens
  try {
    for (const m of pending) {
      db.transaction(() => {
        m.up(db);
        const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (broken.length) {
          throw new TrameError(
            'fichier-invalide',
            `La mise à jour du contrat (étape ${m.version}, ${m.name}) a trouvé des références brisées : rien n'a été changé.`,
            broken.slice(0, 20).map((b) => `${b.table} → ${b.parent}`),
          );
        }
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    }
  } finally {
    if (fk) db.pragma('foreign_keys = ON');
  }
  return pending.length;
}

/**
 * Brings an EMPTY database to the latest schema in one step: the statements of latest.generated.ts (what the
 * migrations produce, regenerated from them by build/scripts/latest-schema.mjs). If that snapshot lags behind the
 * migrations (a migration added, the script not run yet), the migrations run one by one instead.
 */
export function createAtLatest(db: Database): void {
  if (LATEST_SCHEMA_VERSION !== LATEST_VERSION) {
    migrate(db);
    return;
  }
  const fk = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF'); // rows go in table by table, as the migrations left them
  try {
    db.transaction(() => {
      db.exec(LATEST_SCHEMA_SQL.join('\n'));
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${LATEST_VERSION}`);
    }).immediate();
  } finally {
    if (fk) db.pragma('foreign_keys = ON');
  }
}
