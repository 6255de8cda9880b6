// Kysely builds and types the SQL; better-sqlite3 runs it synchronously, so a whole edit is one synchronous
// transaction (no interleaving between awaits) with cached prepared statements.
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from 'kysely';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './sqlite';
import type { DB } from './schema';

export const kysely = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export class Runner {
  private cache = new Map<string, Statement>();
  constructor(readonly db: Sqlite) {}

  stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  all<R>(q: Compilable<R>): R[] {
    const c = q.compile();
    return this.stmt(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  /** Rows as arrays, in the order of the selected columns: about a third faster on whole-table reads. */
  arrays(q: Compilable<unknown>): unknown[][] {
    const c = q.compile();
    const key = `raw:${c.sql}`;
    let s = this.cache.get(key);
    if (!s) {
      s = this.db.prepare(c.sql).raw(true);
      this.cache.set(key, s);
    }
    return s.all(...(c.parameters as unknown[])) as unknown[][];
  }

  first<R>(q: Compilable<R>): R | undefined {
    const c = q.compile();
    return this.stmt(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  run(q: Compilable<unknown>): number {
    const c = q.compile();
    return this.stmt(c.sql).run(...(c.parameters as unknown[])).changes;
  }
}
