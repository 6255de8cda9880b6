// A new file is created at the latest schema in one step (db/migrations/latest.generated.ts), not by running every
// migration: it must be exactly what the migrations produce — table by table, column by column, every index and
// trigger, the rows they insert, the header — and the committed snapshot must be current with the migrations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addNode, loadTree } from '../../core/features/tree/queries';
import { APPLICATION_ID, createAtLatest, LATEST_VERSION, migrate } from '../../db/migrations';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/latest.generated';
import { Store } from '../../db/store';
import { allRows, newStore } from './helpers';

function describeDb(db: Database.Database) {
  const master = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[];
  const tables = master.filter((m) => m.type === 'table').map((m) => m.name);
  return {
    master,
    columns: Object.fromEntries(tables.map((t) => [t, db.pragma(`table_xinfo("${t}")`)])),
    foreignKeys: Object.fromEntries(tables.map((t) => [t, db.pragma(`foreign_key_list("${t}")`)])),
    indexes: Object.fromEntries(tables.map((t) => [t, db.pragma(`index_list("${t}")`)])),
    rows: allRows(db),
    header: { userVersion: db.pragma('user_version', { simple: true }), applicationId: (db.pragma('application_id', { simple: true }) as number) >>> 0 },
  };
}

describe('latest schema in one step', () => {
  it('the committed snapshot is the one the migrations produce now (else: node build/scripts/latest-schema.mjs)', async () => {
    const { latestSchemaSource } = await import('../../build/scripts/latest-schema.mjs');
    const committed = readFileSync(path.join(__dirname, '../../db/migrations/latest.generated.ts'), 'utf8');
    expect(committed).toBe(await latestSchemaSource());
    expect(LATEST_SCHEMA_VERSION).toBe(LATEST_VERSION);
  });

  it('a database created in one step is identical to one brought up by every migration', () => {
    const stepped = new Database(':memory:');
    migrate(stepped);
    // The migration draws the identity's ids at random; a new file then draws its own (initIdentity): not compared.
    stepped.prepare("UPDATE document_identity SET document_id = 'x', replica_id = 'x' WHERE id = 1").run();
    const once = new Database(':memory:');
    createAtLatest(once);
    once.prepare("UPDATE document_identity SET document_id = 'x', replica_id = 'x' WHERE id = 1").run();
    const a = describeDb(stepped);
    const b = describeDb(once);
    expect(b.master.map((m) => `${m.type} ${m.name}`)).toEqual(a.master.map((m) => `${m.type} ${m.name}`));
    for (const [k, m] of a.master.entries()) expect(b.master[k]).toEqual(m); // table by table, index, trigger: same SQL
    expect(b.columns).toEqual(a.columns);
    expect(b.foreignKeys).toEqual(a.foreignKeys);
    expect(b.indexes).toEqual(a.indexes);
    expect(b.rows).toEqual(a.rows);
    expect(b.header).toEqual({ userVersion: LATEST_VERSION, applicationId: APPLICATION_ID });
    expect(b.header).toEqual(a.header);
    expect(once.pragma('integrity_check', { simple: true })).toBe('ok');
    stepped.close();
    once.close();
  });

  it('a new .trame file made this way opens with every check (not the shortcut of a just-created file) and takes edits', () => {
    const { store, file } = newStore();
    const e = addNode(store, { parentId: null, title: 'Enjeu' }).focusId!;
    store.close();
    const again = Store.open(file, 'x');
    expect(loadTree(again).map((n) => n.id)).toEqual([e]);
    expect(again.integrity()).toBe('ok');
    again.close();
  });
});
