// Bulk journal entries (db/journal/bulk.ts): many rows inserted in one edit are recorded as one journal row per item
// they hang on, holding the same images the per-row triggers would have written; undo and redo (new entries: the
// journal only grows) replay them exactly; the content checks refuse a malformed one in French, and a replay refuses
// an image that does not fit the table rather than guess. Each compared with the same rows inserted one by one
// (the triggers) on a copy of the same file.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addNode } from '../../core/features/tree/queries';
import { checkContent } from '../../db/content-check';
import { schemaOf } from '../../db/schema-check';
import { bulkRows, upgradeImages } from '../../db/journal';
import { Store } from '../../db/store';
import { allRows, newStore } from './helpers';

const COLS = ['id', 'node_id', 'position', 'date', 'value', 'scope', 'source', 'note'];

/** A contrat with two indicators, copied before anything else is written: the same file twice. */
function twoFiles(): { a: Store; b: Store; fileA: string; fileB: string; ids: [string, string]; rows: unknown[][] } {
  const { store, file, dir } = newStore();
  const e = addNode(store, { parentId: null, title: 'Emploi' }).focusId!;
  const o = addNode(store, { parentId: e, title: 'Lever les freins' }).focusId!;
  const i1 = addNode(store, { parentId: o, title: 'Taux d’emploi', kind: 'indicateur' }).focusId!;
  const i2 = addNode(store, { parentId: o, title: 'Demandeurs d’emploi', kind: 'indicateur' }).focusId!;
  store.close();
  const fileB = path.join(dir, 'copie.trame');
  copyFileSync(file, fileB);
  // Interleaved between the two indicators, with a decimal, a whole value as a REAL, a NULL and an accent.
  const rows: unknown[][] = [
    ['m1', i1, 0, '2024', 61.5, 'qpv', 'Insee', null],
    ['m2', i2, 0, '2024-06', 1200, 'qpv', null, 'première mesure'],
    ['m3', i1, 1, '2024', 70, 'reference', 'Insee', null],
    ['m4', i2, 1, '2025-06-30', 1100.25, 'reference', 'France Travail', 'corrigée « à la main »'],
    ['m5', i1, 2, '2025', -3, 'qpv', null, null],
  ];
  return { a: Store.open(file, 'Camille Testeur'), b: Store.open(fileB, 'Camille Testeur'), fileA: file, fileB, ids: [i1, i2], rows };
}

const bulkEdit = (s: Store, rows: unknown[][]) =>
  s.edit('Importer 5 mesures', () => {
    s.insertRows('measurement', COLS, rows);
    return { undo: null, redo: null };
  });
const rowByRowEdit = (s: Store, rows: unknown[][]) =>
  s.edit('Importer 5 mesures', () => {
    const ins = s.db.prepare(`INSERT INTO measurement (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})`);
    for (const r of rows) ins.run(...r);
    return { undo: null, redo: null };
  });

interface Change { tbl: string; row_key: string; before: string | null; after: string | null; op: string; item: string | null; fields: string | null; batch: number }
const lastGroup = (s: Store) => s.db.prepare('SELECT max(id) FROM journal_group').pluck().get() as number;
const changesOf = (s: Store, gid: number) =>
  s.db.prepare('SELECT tbl, row_key, before, after, op, item, fields, batch FROM journal_change WHERE group_id = ? ORDER BY id').all(gid) as Change[];

/** Per-row entries, and bulk entries expanded into the per-row entries they stand for, comparable (images parsed). */
function perRow(changes: Change[]): unknown[] {
  const out = changes.flatMap((c): unknown[] =>
    c.batch
      ? bulkRows(c).map((r) => ({
          tbl: c.tbl, key: [(r.after ?? r.before)!.id], before: r.before, after: r.after, op: r.after ? 'insert' : 'delete',
          item: (r.after ?? r.before)!.node_id, fields: null,
        }))
      : [{ tbl: c.tbl, key: JSON.parse(c.row_key), before: c.before && JSON.parse(c.before), after: c.after && JSON.parse(c.after), op: c.op, item: c.item, fields: c.fields }],
  );
  return out.sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
}

/** Every table but the journal's own (and the copy's own replica id). */
const content = (s: Store) => {
  const all = allRows(s.db);
  delete all.journal_change;
  delete all.journal_group;
  delete all.document_identity;
  return all;
};

describe('bulk journal entries', () => {
  it('record one entry per item holding exactly the images the per-row triggers write', () => {
    const { a, b, ids, rows } = twoFiles();
    try {
      const schema = schemaOf(a.db);
      bulkEdit(a, rows);
      rowByRowEdit(b, rows);
      // The insert trigger, taken out for the rows, is back as it was.
      expect(schemaOf(a.db)).toEqual(schema);
      const bulk = changesOf(a, lastGroup(a));
      // One entry per indicator, in the order of their first row, not one per row.
      expect(bulk.map((c) => [c.tbl, c.batch, c.op, c.item, c.row_key, c.before])).toEqual([
        ['measurement', 1, 'insert', ids[0], '[]', null],
        ['measurement', 1, 'insert', ids[1], '[]', null],
      ]);
      expect(bulkRows(bulk[0]).map((r) => r.after!.id).sort()).toEqual(['m1', 'm3', 'm5']);
      const single = changesOf(b, lastGroup(b));
      expect(single).toHaveLength(5);
      expect(perRow(bulk)).toEqual(perRow(single));
      expect(content(a)).toEqual(content(b));
    } finally {
      a.close();
      b.close();
    }
  });

  it('are undone and redone exactly, as new journal entries (the journal only grows)', () => {
    const { a, b, rows } = twoFiles();
    try {
      const before = content(a);
      bulkEdit(a, rows);
      rowByRowEdit(b, rows);
      const after = content(a);
      const step = lastGroup(a);
      const count = () => a.db.prepare('SELECT count(*) FROM journal_change').pluck().get() as number;
      const n = count();
      a.undo();
      b.undo();
      expect(content(a)).toEqual(before);
      expect(content(a)).toEqual(content(b));
      const undo = changesOf(a, lastGroup(a));
      expect(undo.map((c) => [c.batch, c.op, c.after])).toEqual([[1, 'delete', null], [1, 'delete', null]]);
      expect(perRow(undo)).toEqual(perRow(changesOf(b, lastGroup(b))));
      expect(count()).toBe(n + 2);
      a.redo();
      b.redo();
      expect(content(a)).toEqual(after);
      expect(perRow(changesOf(a, lastGroup(a)))).toEqual(perRow(changesOf(b, lastGroup(b))));
      expect(perRow(changesOf(a, lastGroup(a)))).toEqual(perRow(changesOf(a, step)));
      expect(count()).toBe(n + 4);
      a.undo();
      expect(content(a)).toEqual(before);
      expect(a.historyState()).toMatchObject({ canRedo: true, redoLabel: 'Importer 5 mesures' });
    } finally {
      a.close();
      b.close();
    }
  });

  it('are written inside an edit only, into a journaled table, all or nothing', () => {
    const { a, b, rows } = twoFiles();
    try {
      expect(() => a.insertRows('measurement', COLS, rows)).toThrow(/hors d’une modification/);
      expect(() => a.edit('x', () => (a.insertRows('journal_ctx', ['id'], [[2]]), { undo: null, redo: null }))).toThrow(/n'est pas journalisée/);
      expect(() => a.edit('x', () => (a.insertRows('measurement', ['id', 'nope'], [['m9', 1]]), { undo: null, redo: null }))).toThrow(/colonne inconnue/);
      // A row refused (an indicator that does not exist): nothing written, the trigger still there, no step.
      const schema = schemaOf(a.db);
      const groups = lastGroup(a);
      expect(() => bulkEdit(a, [...rows, ['m6', 'absent', 0, '2024', 1, 'qpv', null, null]])).toThrow(/n’existe pas/);
      expect(schemaOf(a.db)).toEqual(schema);
      expect(lastGroup(a)).toBe(groups);
      expect(a.db.prepare('SELECT count(*) FROM measurement').pluck().get()).toBe(0);
      rowByRowEdit(a, rows.slice(0, 1));
      expect(changesOf(a, lastGroup(a)).map((c) => [c.batch, c.op])).toEqual([[0, 'insert']]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('a malformed bulk entry is refused by the content checks in French; an image that does not fit the table, by undo', () => {
    const { a, b, fileA, rows } = twoFiles();
    bulkEdit(a, rows);
    a.close();
    b.close();
    const forms: [string, string][] = [
      ['after', `'{"rows": 5}'`],
      ['after', `'{"lignes": []}'`],
      ['after', `'{"rows": [1, 2]}'`],
      ['after', `'[]'`],
      ['row_key', `'["m1"]'`],
      ['op', `'update'`],
      ['before', `after`],
    ];
    for (const [col, value] of forms) {
      const hostile = path.join(path.dirname(fileA), `hostile-${col}-${forms.findIndex((f) => f[1] === value)}.trame`);
      copyFileSync(fileA, hostile);
      const db = new Database(hostile);
      db.exec(`UPDATE journal_change SET ${col} = ${value} WHERE id = (SELECT min(id) FROM journal_change WHERE batch = 1)`);
      let refusal: { code?: string; message: string; details?: string[] } | undefined;
      try {
        checkContent(db, 'hostile.trame');
      } catch (e) {
        refusal = e as typeof refusal;
      }
      db.close();
      expect(refusal?.code, `${col} = ${value}`).toBe('fichier-invalide');
      expect(refusal?.message).toMatch(/ne respectent pas les règles de Trame/);
      expect(refusal?.details?.join('\n')).toMatch(/entrées groupées qui ne sont pas une liste de lignes ajoutées ou supprimées/);
      expect(() => Store.open(hostile, 'x')).toThrow(/ne respectent pas les règles de Trame/);
    }
    // Well formed, but an image without the table's columns: undo refuses, and nothing changes.
    const odd = path.join(path.dirname(fileA), 'odd.trame');
    copyFileSync(fileA, odd);
    const db = new Database(odd);
    db.exec(`UPDATE journal_change SET after = '{"rows": [{"id": "m1"}]}' WHERE id = (SELECT min(id) FROM journal_change WHERE batch = 1)`);
    db.close();
    const s = Store.open(odd, 'x');
    try {
      const then = allRows(s.db);
      expect(() => s.undo()).toThrow(/ne peut pas être annulée ou rétablie exactement/);
      expect(allRows(s.db)).toEqual(then);
    } finally {
      s.close();
    }
  });

  it('work in a file of schema 1 once migrated, beside its old per-row steps', () => {
    const dir = path.dirname(newStore().file);
    const file = path.join(dir, 'golden.trame');
    copyFileSync(path.join(__dirname, '../fixtures/golden-v1.trame'), file);
    const s = Store.open(file, 'Dominique', { migrationCopyDir: path.join(dir, 'copies') });
    try {
      const before = content(s);
      const rows = [
        ['g1', 'ind-taux-emploi', 100, '2031', 52.5, 'qpv', 'Insee', null],
        ['g2', 'ind-cej', 100, '2031', 40, 'qpv', null, null],
        ['g3', 'ind-taux-emploi', 101, '2031', 61, 'reference', 'Insee', null],
      ];
      bulkEdit(s, rows);
      const after = content(s);
      expect(changesOf(s, lastGroup(s)).map((c) => [c.batch, c.item])).toEqual([[1, 'ind-taux-emploi'], [1, 'ind-cej']]);
      s.undo();
      expect(content(s)).toEqual(before);
      // The step before the import, recorded by schema 1 row by row, is undone and redone as before.
      s.undo();
      s.redo();
      s.redo();
      expect(content(s)).toEqual(after);
      expect(s.integrity()).toBe('ok');
    } finally {
      s.close();
    }
    const again = Store.open(file, 'Dominique');
    again.close();
  });

  it('have each of their images upgraded by a migration that renames a column', () => {
    const { a, b, fileA, rows } = twoFiles();
    bulkEdit(a, rows);
    a.close();
    b.close();
    const db = new Database(fileA);
    try {
      upgradeImages(db, 'measurement', { rename: { note: 'remark' } });
      const images = (db.prepare('SELECT before, after FROM journal_change WHERE batch = 1').all() as { before: string | null; after: string | null }[]).flatMap((c) => bulkRows(c));
      expect(images).toHaveLength(5);
      for (const r of images) {
        expect(Object.keys(r.after!)).toContain('remark');
        expect(Object.keys(r.after!)).not.toContain('note');
      }
      expect(images.find((r) => r.after!.id === 'm2')!.after!.remark).toBe('première mesure');
    } finally {
      db.close();
    }
  });
});
