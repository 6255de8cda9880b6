// Migration 7 on a real file of schema 6 (the golden schema-1 file brought to 6 by the migrations of that time):
// exactly the two version tables, their index and their four immutability triggers appear, with their columns; no
// other object of the schema changes; every row is kept; the new tables are not journaled and refuse UPDATE and
// DELETE. Migration 7 alone is applied (`migrate(db, 7)`): nothing here depends on how many migrations follow it.
import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrations';
import { journalSpec } from '../../../db/journal';
import { Store } from '../../../db/store';
import { tmpDir } from '../../helpers/tmp';
import { allRows } from '../../db/helpers';

const GOLDEN = path.resolve(__dirname, '../../fixtures/golden-v1.trame');
const SHA = 'a'.repeat(64);

type SchemaRow = { type: string; name: string; tbl_name: string; sql: string | null };
const schema = (db: Database.Database): SchemaRow[] =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as SchemaRow[];
const columns = (db: Database.Database, table: string) =>
  (db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; pk: number }[]).map((c) => [c.name, c.type, c.notnull, c.pk]);
const count = (db: Database.Database, table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function schema6File(): { dir: string; file: string } {
  const dir = tmpDir();
  const file = path.join(dir, 'v6.trame');
  copyFileSync(GOLDEN, file);
  const db = new Database(file);
  expect(migrate(db, 6)).toBe(5);
  expect(db.pragma('user_version', { simple: true })).toBe(6);
  db.close();
  return { dir, file };
}

const insertVersion = (db: Database.Database, id: string, number: number): void => {
  db.prepare(`INSERT INTO version (id, number, frozen_at, frozen_by, content_json, content_sha256, pdf, pdf_sha256, blocks_json, signatories_total)
    VALUES (?, ?, 'now', 'Dominique', '{}', ?, X'25504446', ?, '[]', 1)`).run(id, number, SHA, SHA);
};

describe('migration 007: frozen versions and signatures', () => {
  it('adds exactly the version tables, their index and triggers, changes nothing else, keeps every row', () => {
    const { file } = schema6File();
    const db = new Database(file);
    try {
      const schemaBefore = schema(db);
      const rowsBefore = allRows(db);
      expect(rowsBefore.node.length).toBeGreaterThan(0);
      expect(rowsBefore.signatory.length).toBeGreaterThan(0);
      const journaledBefore = [...journalSpec(db).keys()];

      expect(migrate(db, 7)).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(7);

      const schemaAfter = schema(db);
      const key = (r: SchemaRow) => `${r.type} ${r.name}`;
      const added = schemaAfter.filter((r) => !schemaBefore.some((b) => key(b) === key(r)));
      expect(added.map((r) => [r.type, r.name, r.tbl_name])).toEqual([
        ['index', 'version_signature_by_version', 'version_signature'],
        ['table', 'version', 'version'],
        ['table', 'version_signature', 'version_signature'],
        ['trigger', 'version_immutable_delete', 'version'],
        ['trigger', 'version_immutable_update', 'version'],
        ['trigger', 'version_signature_immutable_delete', 'version_signature'],
        ['trigger', 'version_signature_immutable_update', 'version_signature'],
      ]);
      // Every object of schema 6 is still there, with the same SQL.
      expect(schemaAfter.filter((r) => schemaBefore.some((b) => key(b) === key(r)))).toEqual(schemaBefore);

      expect(columns(db, 'version')).toEqual([
        ['id', 'TEXT', 0, 1], ['number', 'INTEGER', 1, 0], ['frozen_at', 'TEXT', 1, 0], ['frozen_by', 'TEXT', 1, 0],
        ['frozen_by_id', 'TEXT', 0, 0], ['content_json', 'TEXT', 1, 0], ['content_sha256', 'TEXT', 1, 0], ['pdf', 'BLOB', 1, 0],
        ['pdf_sha256', 'TEXT', 1, 0], ['blocks_json', 'TEXT', 1, 0], ['signatories_total', 'INTEGER', 1, 0],
      ]);
      expect(columns(db, 'version_signature')).toEqual([
        ['id', 'TEXT', 0, 1], ['version_id', 'TEXT', 1, 0], ['position', 'INTEGER', 1, 0], ['signatory_id', 'TEXT', 0, 0],
        ['signer_name', 'TEXT', 1, 0], ['kind', 'TEXT', 1, 0], ['signed_at', 'TEXT', 1, 0], ['signed_by', 'TEXT', 1, 0],
        ['pdf', 'BLOB', 1, 0], ['pdf_sha256', 'TEXT', 1, 0],
      ]);
      expect(db.pragma('foreign_key_list(version_signature)')).toMatchObject([{ table: 'version', from: 'version_id', to: 'id' }]);

      // Every row kept, the journal included; the new tables start empty.
      const rowsAfter = allRows(db);
      for (const t of Object.keys(rowsBefore)) expect(rowsAfter[t], t).toEqual(rowsBefore[t]);
      expect(rowsAfter.version).toEqual([]);
      expect(rowsAfter.version_signature).toEqual([]);

      // Not journaled (freezing is not an undoable step): the journal's own reading of the schema leaves them out.
      expect([...journalSpec(db).keys()]).toEqual(journaledBefore);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a migrated file opens; its version rows are not journaled, refuse UPDATE and DELETE, and their checks hold', () => {
    const { dir, file } = schema6File();
    const store = Store.open(file, { id: randomUUID(), name: 'Dominique' }, { migrationCopyDir: path.join(dir, 'copies') });
    try {
      const db = store.db;
      expect(db.pragma('user_version', { simple: true }) as number).toBeGreaterThanOrEqual(7);
      const signatory = (db.prepare('SELECT id, name FROM signatory ORDER BY id LIMIT 1').get() as { id: string; name: string });
      // Inside an open journal group, a journaled table records its change, a version row does not.
      const group = (db.prepare('SELECT max(id) AS id FROM journal_group').get() as { id: number }).id;
      db.prepare('UPDATE journal_ctx SET group_id = ?').run(group);
      const changes = count(db, 'journal_change');
      insertVersion(db, 'v1', 1);
      db.prepare(`INSERT INTO version_signature (id, version_id, position, signatory_id, signer_name, kind, signed_at, signed_by, pdf, pdf_sha256)
        VALUES ('g1', 'v1', 1, ?, ?, 'pades', 'now', 'Dominique', X'25504446', ?)`).run(signatory.id, signatory.name, SHA);
      expect(count(db, 'journal_change')).toBe(changes);
      db.prepare("UPDATE partner SET name = name || ' (modifié)' WHERE id = (SELECT min(id) FROM partner)").run();
      expect(count(db, 'journal_change')).toBe(changes + 1);
      db.prepare('UPDATE journal_ctx SET group_id = NULL').run();

      expect(() => db.prepare("UPDATE version SET pdf = X'00'").run()).toThrow(/Version figée : une version figée ne se modifie pas/);
      expect(() => db.prepare('DELETE FROM version').run()).toThrow(/Version figée : une version figée ne se supprime pas/);
      expect(() => db.prepare("UPDATE version_signature SET signer_name = 'x'").run()).toThrow(/Signature : une version figée ne se modifie pas/);
      expect(() => db.prepare('DELETE FROM version_signature').run()).toThrow(/Signature : une version figée ne se supprime pas/);
      // The checks: a signature of an unknown kind, a number below 1, a hash of the wrong length, a number taken twice.
      expect(() => db.prepare(`INSERT INTO version_signature (id, version_id, position, signer_name, kind, signed_at, signed_by, pdf, pdf_sha256)
        VALUES ('g2', 'v1', 2, 'X', 'crayon', 'now', 'D', X'00', ?)`).run(SHA)).toThrow(/CHECK/);
      expect(() => insertVersion(db, 'v0', 0)).toThrow(/CHECK/);
      expect(() => insertVersion(db, 'v1b', 1)).toThrow(/UNIQUE/);
      expect(() => db.prepare(`INSERT INTO version (id, number, frozen_at, frozen_by, content_json, content_sha256, pdf, pdf_sha256, blocks_json, signatories_total)
        VALUES ('v3', 3, 'now', 'D', '{}', 'court', X'00', ?, '[]', 0)`).run(SHA)).toThrow(/CHECK/);
      expect(count(db, 'version')).toBe(1);
      expect(count(db, 'version_signature')).toBe(1);
      expect(store.integrity()).toBe('ok');
    } finally {
      store.close();
    }
  });
});
