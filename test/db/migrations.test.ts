import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { keyOfPosition } from '../../core/domain/order-keys';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_VERSION, MIGRATIONS, checkRegistry, migrate } from '../../db/migrations';
import { expectedSchema } from '../../db/connection';
import { Store } from '../../db/store';
import { hashFile } from '../helpers/files';
import { tmpDir } from '../helpers/tmp';
import { allRows, rawRows } from './helpers';

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

describe('the registry', () => {
  const up = () => undefined;
  it('refuses a duplicate, a gap or a list out of order', () => {
    expect(() => checkRegistry([{ version: 1, name: 'a', up }, { version: 1, name: 'b', up }])).toThrow(/deux fois/);
    expect(() => checkRegistry([{ version: 1, name: 'a', up }, { version: 3, name: 'c', up }])).toThrow(/trou ou désordre/);
    expect(() => checkRegistry([{ version: 2, name: 'b', up }, { version: 1, name: 'a', up }])).toThrow(/trou ou désordre/);
    expect(() => checkRegistry([])).toThrow(/aucune/);
  });

  it('refuses a database from a newer Trame, in French, without touching it', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrow(/version plus récente de Trame \(schéma \d+ > \d+\)/);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    db.close();
  });
});

/** A real schema-1 file on disk holding a row in every table, and a journal with one group per kind of change. */
function v1File(): string {
  const file = path.join(tmpDir(), 'v1.trame');
  const db = new Database(file);
  migrate(db, 1);
  db.exec(`
    INSERT INTO contrat VALUES (1, 'Contrat', 'EPCI', 'emploi', 2024, 2030, '2025-01-02T03:04:05.006Z');
    INSERT INTO qpv VALUES ('q1', 0, 'QN05901M', 'Les Hauts', NULL);
    INSERT INTO node VALUES ('e1', NULL, 'enjeu', 0, 'Enjeu', 'desc', 'repenser', 'pourquoi');
    INSERT INTO node VALUES ('o1', 'e1', 'objectif', 0, 'Objectif', NULL, NULL, NULL);
    INSERT INTO node VALUES ('i1', 'o1', 'indicateur', 0, 'Indicateur', NULL, 'garder', NULL);
    INSERT INTO indicator VALUES ('i1', '%', 'baisse', 24.7, '2017', 18, '2030', 'UU', 9.2, '2017', 'ONPV');
    INSERT INTO measurement VALUES ('m1', 'i1', 0, '2024-12-31', 22.1, 'reference');
    INSERT INTO partner VALUES ('p1', 0, 'France Travail', 'service-public-emploi');
    INSERT INTO partner VALUES ('p2', 1, 'Club local', 'club-entreprises');
    INSERT INTO commitment VALUES ('c1', 0, 'p1', 'Faire', 15, '%', 'i1', '2026-12-31', 'en-cours');
    INSERT INTO commitment_node VALUES ('c1', 'o1', 0);
    INSERT INTO signatory VALUES ('s1', 0, 'p1', 'Mme X', 'Directrice');
    INSERT INTO journal_group (id, at, author, label, focus_undo, focus_redo, undone) VALUES
      (1, '2025-01-02T10:00:00.000Z', 'Camille', 'Renommer', 'e1', 'e1', 0),
      (2, '2025-01-02T09:00:00.000Z', 'Camille', 'Ajouter', 'e1', 'n9', 1);
    UPDATE journal_ctx SET group_id = 1;
    UPDATE node SET title = 'Enjeu renommé' WHERE id = 'e1';
    UPDATE journal_ctx SET group_id = 2;
    INSERT INTO node VALUES ('n9', 'e1', 'objectif', 1, 'Ajouté puis annulé', NULL, NULL, NULL);
    DELETE FROM node WHERE id = 'n9';
    UPDATE journal_ctx SET group_id = NULL;
  `);
  db.close();
  return file;
}

const V1_GROUP_COLS = ['id', 'at', 'author', 'label', 'focus_undo', 'focus_redo', 'undone'];
const pick = (r: Record<string, unknown>, cols: string[]) => Object.fromEntries(cols.map((c) => [c, r[c]]));

/** Every row of every schema-1 table is in the migrated file: same columns where kept, same values. */
function expectKept(before: Record<string, Record<string, unknown>[]>, after: Record<string, Record<string, unknown>[]>): void {
  for (const [table, rows] of Object.entries(before)) {
    expect(after[table], table).toBeDefined();
    if (table === 'journal_group') {
      expect(after[table].map((r) => pick(r, V1_GROUP_COLS)), table).toEqual(rows);
    } else if (table === 'journal_change') {
      // Images gain the columns later migrations add (null: what they held then); the old columns are unchanged.
      // Migration 8 turns a node's position i into its i-th order key (core/domain/order-keys.ts).
      const parsed = (img: unknown) => {
        if (typeof img !== 'string') return img;
        const o = JSON.parse(img) as Record<string, unknown>;
        if ('position' in o && 'parent_id' in o && 'kind' in o) {
          o.order_key = keyOfPosition(o.position as number);
          delete o.position;
        }
        return o;
      };
      const oldKeys = (img: unknown, ref: unknown) =>
        typeof img === 'string' && typeof ref === 'string' ? pick(JSON.parse(img), Object.keys(parsed(ref) as object)) : img;
      // Migration 8 adds op, item, fields and batch beside them (computed from the images: tested in journal-append).
      const cols = rows.length ? Object.keys(rows[0]) : [];
      expect(
        after[table].map((r, i) => ({ ...pick(r, cols), before: oldKeys(r.before, rows[i]?.before), after: oldKeys(r.after, rows[i]?.after) })),
        table,
      ).toEqual(rows.map((r) => ({ ...r, before: parsed(r.before), after: parsed(r.after) })));
    } else {
      // Later migrations may add columns (empty on old rows): the old columns keep their values (node.position
      // became node.order_key: its order is checked in journal-append).
      const cols = rows.length ? Object.keys(rows[0]).filter((c) => !(table === 'node' && c === 'position')) : [];
      expect(after[table].map((r) => pick(r, cols)), table).toEqual(rows.map((r) => pick(r, cols)));
    }
  }
}

describe('migration 002: enumerations, identities, journal clock', () => {
  it('keeps every row of a schema-1 file, gives it identities and enumeration tables', () => {
    const file = v1File();
    const before = rawRows(file);
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    expect(migrate(db)).toBe(LATEST_VERSION - 1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const after = allRows(db);
    expectKept(before, after);
    // Identities: a document id derived from the contrat's creation (the same for every copy of this file), a replica.
    const [ident] = after.document_identity as { document_id: string; replica_id: string; replica_place: string }[];
    expect(ident.document_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ident.replica_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ident.replica_place).toMatch(/^[0-9a-f]{32}$/);
    // Old groups: UUIDs, the file's replica, no author id, clock times increasing in id order even if `at` is not.
    const groups = after.journal_group as { uuid: string; replica_id: string; author_id: null; hlc: string }[];
    expect(new Set(groups.map((g) => g.uuid)).size).toBe(2);
    expect(groups.every((g) => g.replica_id === ident.replica_id && g.author_id === null)).toBe(true);
    expect(groups[0].hlc < groups[1].hlc).toBe(true);
    // A free-text partner type of schema 1 was kept as an enumeration value; the known ones are there.
    expect((after.enum_partner_type as { value: string }[]).map((r) => r.value)).toContain('club-entreprises');
    expect((after.enum_tag as { value: string }[]).length).toBe(6);
    // Enumerations are checked by foreign key now; a new value is one INSERT, no rebuild.
    expect(() => db.prepare("UPDATE node SET kind = 'chapitre' WHERE id = 'e1'").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO enum_node_kind (value) VALUES ('chapitre')").run();
    db.prepare("UPDATE node SET kind = 'chapitre' WHERE id = 'e1'").run();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('two copies of one schema-1 file get the same document id and old group UUIDs, each its own replica', () => {
    const file = v1File();
    const copy = path.join(path.dirname(file), 'copie.trame');
    copyFileSync(file, copy);
    const ids = [file, copy].map((f) => {
      const db = new Database(f);
      migrate(db);
      const r = allRows(db);
      db.close();
      return {
        doc: (r.document_identity[0] as { document_id: string }).document_id,
        replica: (r.document_identity[0] as { replica_id: string }).replica_id,
        groups: r.journal_group.map((g) => g.uuid),
      };
    });
    expect(ids[0].doc).toBe(ids[1].doc);
    expect(ids[0].groups).toEqual(ids[1].groups);
    expect(ids[0].replica).not.toBe(ids[1].replica);
  });

  it('journal ids are never reused: AUTOINCREMENT', () => {
    expect(expectedSchema().some((s) => s.startsWith('table|journal_group|') && s.includes('AUTOINCREMENT'))).toBe(true);
    expect(expectedSchema().some((s) => s.startsWith('table|journal_change|') && s.includes('AUTOINCREMENT'))).toBe(true);
  });
});

const GOLDEN = path.join(__dirname, '../fixtures/golden-v1.trame');

describe('the golden schema-1 file', () => {
  it('opens, migrates, keeps every row, and undo/redo of its old steps is exact', () => {
    const fixtureHash = hashFile(GOLDEN);
    const dir = tmpDir();
    const file = path.join(dir, 'golden.trame');
    copyFileSync(GOLDEN, file);
    const before = rawRows(file);
    const copyHash = hashFile(file);
    expect(before.journal_group.length).toBeGreaterThan(3);
    const store = Store.open(file, { id: randomUUID(), name: 'Dominique' }, { migrationCopyDir: path.join(dir, 'copies') });
    expect(store.notice).toMatch(/version plus ancienne de Trame \(schéma 1\) : il a été mis à jour ; une copie de l'original est gardée dans/);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    // The copy kept before migrating is the original, byte for byte.
    const kept = /gardée dans « (.+) »/.exec(store.notice!)![1];
    expect(path.dirname(kept)).toBe(path.join(dir, 'copies'));
    expect(hashFile(kept)).toBe(copyHash);
    expectKept(before, allRows(store.db));

    // Undo every old step still done, newest first, then redo them all: each row comes back exactly to its image.
    const changesOf = (gid: number) =>
      store.db.prepare('SELECT tbl, row_key, before, after FROM journal_change WHERE group_id = ? ORDER BY id').all(gid) as
        { tbl: string; row_key: string; before: string | null; after: string | null }[];
    const rowNow = (tbl: string, rowKey: string) => {
      const key = JSON.parse(rowKey) as unknown[];
      const pk = (store.db.pragma(`table_info(${tbl})`) as { name: string; pk: number }[]).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      return store.db.prepare(`SELECT * FROM ${tbl} WHERE ${pk.map((c) => `${c.name} = ?`).join(' AND ')}`).get(...key) ?? null;
    };
    const expectImages = (gid: number, side: 'before' | 'after') => {
      const seen = new Set<string>();
      // The last change of a row in the group decides its state after redo, the first its state after undo.
      const changes = side === 'after' ? [...changesOf(gid)].reverse() : changesOf(gid);
      for (const c of changes) {
        const k = `${c.tbl}|${c.row_key}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const image = c[side];
        expect(rowNow(c.tbl, c.row_key), `${side} ${k}`).toEqual(image === null ? null : JSON.parse(image));
      }
    };
    const done = store.journal(100).filter((g) => !g.undone);
    expect(done.length).toBeGreaterThan(2);
    for (const g of done) {
      store.undo();
      expectImages(g.id, 'before');
    }
    for (const g of [...done].reverse()) {
      store.redo();
      expectImages(g.id, 'after');
    }
    // The redo branch kept in the golden file: its step redoes exactly too.
    const branch = store.journal(100).filter((g) => g.undone).reverse();
    expect(branch.length).toBeGreaterThan(0);
    store.redo();
    expectImages(branch[0].id, 'after');
    // A new step after the migration carries the author's id, a UUID and a clock time after every old one.
    store.undo();
    const e = store.journal(100);
    expect(e.every((g) => g.uuid && g.hlc)).toBe(true);
    expect(store.integrity()).toBe('ok');
    store.close();
    expect(hashFile(GOLDEN)).toBe(fixtureHash);
  });
});
