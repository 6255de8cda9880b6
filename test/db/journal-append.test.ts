// The journal only grows (issue 19): undo and redo are new groups holding the images they apply, with their own
// clock time; a new edit keeps the undone steps (off the redo branch); what the user sees of undo/redo is unchanged.
// Migration 8 on a real file of schema 7 (the golden schema-1 file brought to 7 by the migrations of that time).
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addNode, loadTree, updateNode } from '../../core/features/tree/queries';
import { migrate } from '../../db/migrations';
import { Store } from '../../db/store';
import { tmpDir } from '../helpers/tmp';
import { allRows, newStore } from './helpers';

type Change = { id: number; group_id: number; tbl: string; row_key: string; before: string | null; after: string | null; op: string; item: string; fields: string | null };
type Group = { id: number; uuid: string; hlc: string; label: string; kind: string; target_id: number | null; undone: number };
const groups = (db: Database.Database) => db.prepare('SELECT id, uuid, hlc, label, kind, target_id, undone FROM journal_group ORDER BY id').all() as Group[];
const changes = (db: Database.Database, gid: number) =>
  db.prepare('SELECT id, group_id, tbl, row_key, before, after, op, item, fields FROM journal_change WHERE group_id = ? ORDER BY id').all(gid) as Change[];
const titles = (s: Store) => loadTree(s).map((n) => n.title);

describe('a journal that only grows', () => {
  it('undo and redo are new groups with the inverse (or the same) images and their own clock time', () => {
    const { store } = newStore();
    const a = addNode(store, { parentId: null, title: 'Emploi' }).focusId!;
    updateNode(store, a, { title: 'Emploi des jeunes' });
    const edit = groups(store.db).at(-1)!;
    expect(edit).toMatchObject({ kind: 'edit', undone: 0 });
    const out = store.undo();
    expect(out.history).toMatchObject({ canRedo: true, redoLabel: edit.label, canUndo: true });
    expect(titles(store)).toEqual(['Emploi']);
    const [undo] = groups(store.db).slice(-1);
    expect(undo).toMatchObject({ kind: 'undo', target_id: edit.id, label: edit.label, undone: 3 });
    expect(undo.hlc > edit.hlc).toBe(true);
    expect(undo.uuid).not.toBe(edit.uuid);
    const [e] = changes(store.db, edit.id);
    const [u] = changes(store.db, undo.id);
    expect(e).toMatchObject({ op: 'update', item: a, fields: 'title' });
    expect(u).toMatchObject({ op: 'update', item: a, fields: 'title', before: e.after, after: e.before, row_key: e.row_key });
    expect(groups(store.db).find((g) => g.id === edit.id)!.undone).toBe(1);

    store.redo();
    expect(titles(store)).toEqual(['Emploi des jeunes']);
    const redo = groups(store.db).at(-1)!;
    expect(redo).toMatchObject({ kind: 'redo', target_id: edit.id, undone: 3 });
    expect(changes(store.db, redo.id).map((c) => [c.before, c.after])).toEqual([[e.before, e.after]]);
    // The journal the user reads lists the steps, not the undo/redo groups.
    expect(store.journal().map((j) => j.label)).toEqual([edit.label, groups(store.db)[0].label]);
    store.close();
  });

  it('a new edit after an undo keeps the undone steps in the journal, off the redo branch; undo goes on past them', () => {
    const { store } = newStore();
    const a = addNode(store, { parentId: null, title: 'A' }).focusId!;
    addNode(store, { parentId: null, title: 'B' });
    addNode(store, { parentId: null, title: 'C' });
    store.undo();
    store.undo();
    expect(titles(store)).toEqual(['A']);
    const before = groups(store.db);
    const changesBefore = (store.db.prepare('SELECT count(*) AS n FROM journal_change').get() as { n: number }).n;
    const out = updateNode(store, a, { title: 'A2' });
    expect(out.history).toMatchObject({ canUndo: true, canRedo: false });
    const after = groups(store.db);
    // Nothing deleted: every group and change is still there; B and C are marked off the branch.
    expect(after.slice(0, before.length).map((g) => g.uuid)).toEqual(before.map((g) => g.uuid));
    expect((store.db.prepare('SELECT count(*) AS n FROM journal_change').get() as { n: number }).n).toBeGreaterThan(changesBefore);
    expect(after.filter((g) => g.undone === 2).map((g) => g.label)).toEqual(['Ajouter enjeu « B »', 'Ajouter enjeu « C »']);
    expect(store.historyState().canRedo).toBe(false);
    // Undo: the rename, then A's creation (B and C stay undone); redo brings back A, then the rename only.
    store.undo();
    expect(titles(store)).toEqual(['A']);
    expect(store.historyState().undoLabel).toBe('Ajouter enjeu « A »');
    store.undo();
    expect(titles(store)).toEqual([]);
    store.redo();
    store.redo();
    expect(titles(store)).toEqual(['A2']);
    expect(store.historyState()).toMatchObject({ canRedo: false });
    expect(() => store.redo()).toThrow(/Rien à rétablir/);
    expect(store.integrity()).toBe('ok');
    store.close();
  });
});

describe('migration 008 on a real file of schema 7', () => {
  function schema7(): string {
    const file = path.join(tmpDir(), 'v7.trame');
    copyFileSync(path.resolve(__dirname, '../fixtures/golden-v1.trame'), file);
    const db = new Database(file);
    expect(migrate(db, 7)).toBe(6);
    db.close();
    return file;
  }

  it('keeps every row, describes the old changes from their images, and the old undone step is still redone', () => {
    const file = schema7();
    let db = new Database(file);
    const before = allRows(db);
    expect(migrate(db, 8)).toBe(1);
    const after = allRows(db);
    for (const [t, rows] of Object.entries(before)) {
      if (t === 'journal_change') continue; // node images: position → order_key (test/db/migrations.test.ts)
      const cols = rows.length ? Object.keys(rows[0]).filter((c) => !(t === 'node' && c === 'position')) : [];
      const pick = (r: Record<string, unknown>) => Object.fromEntries(cols.map((c) => [c, r[c]]));
      expect(after[t].map(pick), t).toEqual(rows.map(pick));
    }
    const jc = after.journal_change as Change[];
    expect(jc.every((c) => c.op === (c.before === null ? 'insert' : c.after === null ? 'delete' : 'update'))).toBe(true);
    const renamed = jc.find((c) => c.tbl === 'contrat')!;
    expect(renamed).toMatchObject({ op: 'update', item: '1', fields: 'name' });
    // Each update's fields are the columns whose values differ between its images.
    for (const c of jc.filter((x) => x.op === 'update')) {
      const b = JSON.parse(c.before!);
      const a = JSON.parse(c.after!);
      expect(c.fields).toBe(Object.keys(a).filter((k) => a[k] !== b[k]).join(','));
    }
    const tagged = jc.find((c) => c.group_id === 2)!;
    expect(tagged.fields).toMatch(/^tag/);
    expect(tagged.item).toBe(JSON.parse(tagged.row_key)[0]);
    expect((after.journal_group as Group[]).every((g) => g.kind === 'edit' && g.target_id === null)).toBe(true);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Sibling order: position i became the i-th key; keys sort as positions did.
    const byParent = new Map<string | null, { id: string; position: number }[]>();
    for (const n of before.node as { id: string; parent_id: string | null; position: number }[]) {
      byParent.set(n.parent_id, [...(byParent.get(n.parent_id) ?? []), n]);
    }
    const keyOf = new Map((after.node as { id: string; order_key: string }[]).map((n) => [n.id, n.order_key]));
    for (const list of byParent.values()) {
      const byPos = [...list].sort((x, y) => x.position - y.position).map((n) => n.id);
      const byKey = [...list].sort((x, y) => (keyOf.get(x.id)! < keyOf.get(y.id)! ? -1 : 1)).map((n) => n.id);
      expect(byKey).toEqual(byPos);
    }
    db.close();

    const store = Store.open(file, 'Test', { migrationCopyDir: tmpDir() });
    expect(store.historyState()).toMatchObject({ canRedo: true, redoLabel: 'Modifier le contrat' });
    store.redo();
    expect(store.historyState()).toMatchObject({ canRedo: false, undoLabel: 'Modifier le contrat' });
    const name = (store.db.prepare('SELECT name FROM contrat').get() as { name: string }).name;
    expect(name).toBe(JSON.parse(renamed.after!).name);
    // New changes are described by the regenerated triggers.
    const id = addNode(store, { parentId: null, title: 'Nouveau' }).focusId!;
    const last = store.db.prepare('SELECT op, item FROM journal_change ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({ op: 'insert', item: id });
    store.close();
    db = new Database(file);
    expect(groups(db).filter((g) => g.kind === 'redo').length).toBe(1);
    db.close();
  });
});
