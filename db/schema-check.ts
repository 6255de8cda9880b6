// The schema every .trame must have, at the latest version or an older one: computed on an
// empty in-memory database, and compared with a file's own (sqlite_master) at open.
import { rawOpen, type Sqlite } from './sqlite';
import { createAtLatest, migrate } from './migrations';

let expectedSchemaCache: string[] | null = null;
/**
 * The schema every up-to-date .trame file must have: the one an empty database gets at creation, in one step from
 * the snapshot of the migrations (test/db/latest-schema.test.ts keeps it identical to what they produce).
 */
export function expectedSchema(): string[] {
  if (!expectedSchemaCache) {
    const mem = rawOpen(':memory:');
    createAtLatest(mem);
    expectedSchemaCache = schemaOf(mem);
    mem.close();
  }
  return expectedSchemaCache;
}

export function schemaOf(db: Sqlite): string[] {
  const rows = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  return rows.map((r) => `${r.type}|${r.name}|${r.tbl_name}|${(r.sql ?? '').replace(/\s+/g, ' ').trim()}`);
}

/** The schema a file of an older `version` must have. */
export function schemaAt(version: number): string[] {
  const mem = rawOpen(':memory:');
  migrate(mem, version);
  const schema = schemaOf(mem);
  mem.close();
  return schema;
}

