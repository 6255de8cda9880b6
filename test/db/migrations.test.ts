import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_VERSION, MIGRATIONS, migrate } from '../../db/migrations';
import { expectedSchema } from '../../db/connection';

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 takes an empty database to version 1 in one transaction, with the journal triggers working', () => {
    const db = new Database(':memory:');
    expect(migrate(db, 1)).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual([
      'commitment', 'commitment_node', 'contrat', 'indicator', 'journal_change', 'journal_ctx', 'journal_group',
      'measurement', 'node', 'partner', 'qpv', 'signatory',
    ]);
    // Seed data as version 1 holds it; the triggers record changes only while a group is set.
    db.prepare("INSERT INTO node (id, parent_id, kind, position, title) VALUES ('e1', NULL, 'enjeu', 0, 'Emploi')").run();
    expect(db.prepare('SELECT count(*) AS n FROM journal_change').get()).toEqual({ n: 0 });
    db.prepare("INSERT INTO journal_group (id, at, author, label) VALUES (1, 'now', 'test', 'x')").run();
    db.prepare('UPDATE journal_ctx SET group_id = 1').run();
    db.prepare("UPDATE node SET title = 'Emploi et insertion' WHERE id = 'e1'").run();
    const c = db.prepare('SELECT tbl, row_key, before, after FROM journal_change').get() as Record<string, string>;
    expect(c.tbl).toBe('node');
    expect(JSON.parse(c.row_key)).toEqual(['e1']);
    expect(JSON.parse(c.before).title).toBe('Emploi');
    expect(JSON.parse(c.after).title).toBe('Emploi et insertion');
    // Constraints of version 1.
    expect(() => db.prepare("INSERT INTO node (id, kind, position, title) VALUES ('x', 'chapitre', 0, 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE node SET tag = 'peut-etre' WHERE id = 'e1'").run()).toThrow(/CHECK/);
    db.close();
  });

  it('a failing migration leaves the database at its previous version', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE node (x INTEGER)'); // clashes with migration 001
    expect(() => migrate(db)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'contrat'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('the expected schema is what the migrations produce', () => {
    expect(expectedSchema().length).toBeGreaterThan(30);
    expect(expectedSchema().some((s) => s.startsWith('trigger|node_journal_update|'))).toBe(true);
  });
});
