// Migration 10 on a real file of schema 9 (the golden schema-1 file brought to 9 by the migrations): a frozen
// version's number may change (a merge numbers both copies' versions again), every other column still refuses an
// update, a version and a signature still refuse deletion, a signature still refuses any update; the rows are kept
// and nothing else of the schema changes. Migration 10 alone is applied (`migrate(db, 10)`).
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrations';
import { tmpDir } from '../../helpers/tmp';
import { allRows } from '../../db/helpers';

const GOLDEN = path.resolve(__dirname, '../../fixtures/golden-v1.trame');
const SHA = 'a'.repeat(64);
type SchemaRow = { type: string; name: string; sql: string | null };
const schema = (db: Database.Database): SchemaRow[] =>
  db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as SchemaRow[];

describe('migration 010: the number of a frozen version', () => {
  it('lets the number change and nothing else', () => {
    const file = path.join(tmpDir(), 'v9.trame');
    copyFileSync(GOLDEN, file);
    const db = new Database(file);
    try {
      migrate(db, 9);
      const insert = (id: string, n: number) =>
        db.prepare(`INSERT INTO version (id, number, frozen_at, frozen_by, content_json, content_sha256, pdf, pdf_sha256, blocks_json, signatories_total)
          VALUES (?, ?, 'now', 'Dominique', '{}', ?, X'25504446', ?, '[]', 1)`).run(id, n, SHA, SHA);
      insert('v1', 1);
      insert('v2', 2);
      db.prepare(`INSERT INTO version_signature (id, version_id, position, signer_name, kind, signed_at, signed_by, pdf, pdf_sha256)
        VALUES ('s1', 'v1', 1, 'Claire', 'drawn', 'now', 'Camille', X'25504446', ?)`).run(SHA);
      // Before: even the number is refused.
      expect(() => db.prepare('UPDATE version SET number = 5 WHERE id = ?').run('v2')).toThrow(/ne se modifie pas/);
      const before = schema(db);
      const rows = allRows(db);
      expect(migrate(db, 10)).toBe(1);
      expect(allRows(db)).toEqual(rows);
      const after = schema(db);
      expect(after.filter((r) => !before.some((b) => b.name === r.name && b.sql === r.sql)).map((r) => r.name)).toEqual(['version_immutable_update']);
      expect(after.map((r) => r.name)).toEqual(before.map((r) => r.name));
      db.prepare('UPDATE version SET number = 5 WHERE id = ?').run('v2');
      expect(db.prepare('SELECT number FROM version WHERE id = ?').pluck().get('v2')).toBe(5);
      for (const col of ['frozen_by', 'content_json', 'pdf', 'content_sha256', 'pdf_sha256', 'blocks_json', 'frozen_at', 'id']) {
        expect(() => db.prepare(`UPDATE version SET ${col} = ${col} WHERE id = 'v1'`).run(), col).toThrow(/ne se modifie pas/);
      }
      expect(() => db.prepare("UPDATE version SET number = 7, frozen_by = 'x' WHERE id = 'v1'").run()).toThrow(/ne se modifie pas/);
      expect(() => db.prepare("DELETE FROM version WHERE id = 'v2'").run()).toThrow(/ne se supprime pas/);
      expect(() => db.prepare("UPDATE version_signature SET position = 2 WHERE id = 's1'").run()).toThrow(/ne se modifie pas/);
      expect(() => db.prepare("DELETE FROM version_signature WHERE id = 's1'").run()).toThrow(/ne se supprime pas/);
    } finally {
      db.close();
    }
  });
});
