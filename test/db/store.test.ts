import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Store } from '../../db/store';
import {
  addNode, indentNode, loadTree, moveNode, outdentNode, removeNode, setIndicator, updateNode,
} from '../../core/features/tree/queries';
import { readContrat } from '../../core/features/contrat/queries';
import { APPLICATION_ID, LATEST_VERSION } from '../../db/migrations';
import { newStore } from './helpers';

function titles(store: Store): string[] {
  return loadTree(store).map((n) => `${'  '.repeat(n.depth)}${n.kind}:${n.title}${n.tag ? ` [${n.tag}]` : ''}`);
}

function build4(store: Store): { e: string; o1: string; o2: string; a: string; i: string } {
  const e = addNode(store, { parentId: null, title: 'Lever les freins' }).focusId!;
  const o1 = addNode(store, { parentId: e, title: 'Mobilité' }).focusId!;
  const o2 = addNode(store, { parentId: e, title: 'Garde d’enfants' }).focusId!;
  const a = addNode(store, { parentId: o1, title: 'Plateforme mobilité' }).focusId!;
  const i = addNode(store, { parentId: a, title: 'Personnes accompagnées' }).focusId!;
  return { e, o1, o2, a, i };
}

describe('store on a real .trame file', () => {
  it('creates a file with application_id, user_version, WAL and synchronous=EXTRA', () => {
    const { store, file } = newStore();
    expect(store.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(3);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(readContrat(store).qpv[0].code).toBe('QN05901M');
    store.close();
    // At rest the file is one self-contained SQLite file in rollback mode.
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
  });

  it('builds the four levels and defaults kinds from the parent', () => {
    const { store } = newStore();
    build4(store);
    expect(titles(store)).toEqual([
      'enjeu:Lever les freins',
      '  objectif:Mobilité',
      '    action:Plateforme mobilité',
      '      indicateur:Personnes accompagnées',
      '  objectif:Garde d’enfants',
    ]);
    store.close();
  });

  it('refuses wrong nesting with a French message', () => {
    const { store } = newStore();
    const { e, i } = build4(store);
    expect(() => addNode(store, { parentId: e, kind: 'action', title: 'x' })).toThrow('Un enjeu ne contient que des objectifs, pas une action.');
    expect(() => addNode(store, { parentId: i, title: 'x' })).toThrow(/ne peut rien contenir/);
    expect(() => addNode(store, { parentId: null, kind: 'objectif', title: 'x' })).toThrow(/doit être un enjeu/);
    store.close();
  });

  it('edits persist across close and reopen, with the undo history', () => {
    const { store, file } = newStore();
    const { a } = build4(store);
    updateNode(store, a, { tag: 'repenser', tagNote: 'Trop peu de places' });
    store.close();
    const again = Store.open(file, 'Autre');
    expect(titles(again)).toContain('    action:Plateforme mobilité [repenser]');
    expect(again.historyState().undoLabel).toMatch(/Marquer/);
    again.undo();
    expect(loadTree(again).find((n) => n.id === a)!.tag).toBeNull();
    again.close();
  });

  it('undo and redo every kind of edit, back to the same tree', () => {
    const { store } = newStore();
    const ids = build4(store);
    const snapshots: string[][] = [titles(store)];
    const edits = [
      () => updateNode(store, ids.o1, { title: 'Mobilité renouvelée' }),
      () => updateNode(store, ids.o2, { tag: 'jeter', tagNote: 'Porté par la CAF' }),
      () => moveNode(store, ids.a, ids.o2, 0),
      () => setIndicator(store, ids.i, { unit: '%', baselineValue: 24.7, baselineDate: '2017', direction: 'baisse' }),
      () => removeNode(store, ids.o1),
      () => addNode(store, { parentId: null, title: 'Second enjeu' }),
    ];
    for (const e of edits) {
      e();
      snapshots.push(titles(store));
    }
    for (let k = edits.length - 1; k >= 0; k--) {
      store.undo();
      expect(titles(store)).toEqual(snapshots[k]);
    }
    // The five additions of build4 are undoable too, then nothing is left.
    for (let k = 0; k < 5; k++) store.undo();
    expect(loadTree(store)).toEqual([]);
    expect(() => store.undo()).toThrow('Rien à annuler');
    for (let k = 0; k < 5; k++) store.redo();
    expect(titles(store)).toEqual(snapshots[0]);
    for (let k = 1; k <= edits.length; k++) {
      store.redo();
      expect(titles(store)).toEqual(snapshots[k]);
    }
    expect(() => store.redo()).toThrow('Rien à rétablir');
    expect(store.integrity()).toBe('ok');
    store.close();
  });

  it('a new edit after undo drops the redo branch', () => {
    const { store } = newStore();
    const { e } = build4(store);
    updateNode(store, e, { title: 'A' });
    store.undo();
    expect(store.historyState().canRedo).toBe(true);
    updateNode(store, e, { title: 'B' });
    expect(store.historyState().canRedo).toBe(false);
    store.close();
  });

  it('moves a subtree and refuses a move into itself or under a wrong parent', () => {
    const { store } = newStore();
    const { e, o1, o2, a } = build4(store);
    moveNode(store, a, o2, 0);
    expect(loadTree(store).find((n) => n.id === a)!.parentId).toBe(o2);
    expect(loadTree(store).find((n) => n.title === 'Personnes accompagnées')!.depth).toBe(3);
    expect(() => moveNode(store, a, e, 0)).toThrow(/ne contient que/);
    expect(() => moveNode(store, e, o1, 0)).toThrow();
    // Reorder among siblings.
    moveNode(store, o2, e, 0);
    expect(loadTree(store).filter((n) => n.parentId === e).map((n) => n.title)).toEqual(['Garde d’enfants', 'Mobilité']);
    store.close();
  });

  it('indent and outdent re-kind enjeu/objectif/action, keep indicateurs, refuse past the last level', () => {
    const { store } = newStore();
    const e1 = addNode(store, { parentId: null, title: 'E1' }).focusId!;
    const e2 = addNode(store, { parentId: null, title: 'E2' }).focusId!;
    indentNode(store, e2); // E2 becomes an objectif under E1
    expect(loadTree(store).find((n) => n.id === e2)).toMatchObject({ kind: 'objectif', parentId: e1 });
    const o = addNode(store, { parentId: e1, title: 'O2' }).focusId!;
    indentNode(store, o); // O2 → action under E2
    expect(loadTree(store).find((n) => n.id === o)).toMatchObject({ kind: 'action', parentId: e2 });
    expect(() => indentNode(store, e2)).toThrow(/premier de son niveau/);
    const ind = addNode(store, { parentId: o, title: 'I' }).focusId!;
    outdentNode(store, ind); // indicateur under the objectif: allowed
    expect(loadTree(store).find((n) => n.id === ind)).toMatchObject({ kind: 'indicateur', parentId: e2 });
    expect(() => outdentNode(store, ind)).toThrow(/ne contient que/);
    outdentNode(store, o); // action → objectif
    expect(loadTree(store).find((n) => n.id === o)).toMatchObject({ kind: 'objectif', parentId: e1 });
    expect(() => outdentNode(store, e1)).toThrow(/déjà au premier niveau/);
    store.undo();
    expect(loadTree(store).find((n) => n.id === o)).toMatchObject({ kind: 'action', parentId: e2 });
    store.close();
  });

  it('remove deletes the whole subtree, undo brings it back with its indicator', () => {
    const { store } = newStore();
    const { o1, i } = build4(store);
    setIndicator(store, i, { unit: 'nombre', targetValue: 120 });
    const before = loadTree(store);
    removeNode(store, o1);
    expect(loadTree(store).some((n) => n.id === i)).toBe(false);
    store.undo();
    expect(loadTree(store)).toEqual(before);
    store.close();
  });

  it('journals who, when and what', () => {
    const { store } = newStore();
    const { e } = build4(store);
    const before = new Date().toISOString();
    updateNode(store, e, { title: 'Enjeu renommé' });
    const after = new Date().toISOString();
    const j = store.journal(1)[0];
    expect(j.author).toBe('Camille Testeur');
    expect(j.label).toBe('Renommer « Lever les freins » en « Enjeu renommé »');
    // When: the time of the edit itself (ISO strings of one format compare in time order).
    expect(j.at >= before && j.at <= after, `${before} ≤ ${j.at} ≤ ${after}`).toBe(true);
    const change = store.db
      .prepare("SELECT before, after FROM journal_change WHERE group_id = ? AND tbl = 'node'")
      .get(j.id) as { before: string; after: string };
    expect(JSON.parse(change.before).title).toBe('Lever les freins');
    expect(JSON.parse(change.after).title).toBe('Enjeu renommé');
    store.close();
  });

  it('refuses an empty title and an edit of a missing item', () => {
    const { store } = newStore();
    const { e } = build4(store);
    expect(() => updateNode(store, e, { title: '   ' })).toThrow(/ne peut pas être vide/);
    expect(() => updateNode(store, 'nope', { title: 'x' })).toThrow(/n'existe plus/);
    store.close();
  });

  it('the same file cannot be opened twice, even by another connection', () => {
    const { store, file } = newStore();
    expect(() => Store.open(file, 'x')).toThrow(/déjà ouvert/);
    store.close();
    const again = Store.open(file, 'x');
    again.close();
  });

  it('« Enregistrer sous » writes a consistent copy that opens on its own', () => {
    const { store, dir } = newStore();
    build4(store);
    const copy = `${dir}/copie.trame`;
    store.copyTo(copy);
    const c = Store.open(copy, 'x');
    expect(titles(c)).toEqual(titles(store));
    c.close();
    store.close();
    void readFileSync;
    void writeFileSync;
  });
  it('when the file stops accepting writes, the in-memory copy is the committed state: same ids, tree and history', () => {
    const { store, file } = newStore();
    const { o1, o2, a } = build4(store);
    // More than 200 writes, so that the shadow image was retaken at least once, then edits of every kind after it.
    for (let k = 0; k < 230; k++) addNode(store, { parentId: o1, title: `Action ${k}` });
    updateNode(store, a, { tag: 'repenser', tagNote: 'avant la panne' });
    moveNode(store, a, o2, 0);
    removeNode(store, loadTree(store).find((n) => n.title === 'Action 7')!.id);
    store.undo();
    store.undo();
    store.redo(); // the move is done again; the removal stays undone, on the redo branch
    const before = { nodes: loadTree(store), history: store.historyState(), journal: store.journal(500) };
    expect(before.history.undoLabel).toMatch(/^Déplacer/);
    store.simulateWriteFailure = true; // the USB key is pulled out
    const out = addNode(store, { parentId: null, title: 'Après la panne' });
    expect(out.offline).toMatch(/gardées en mémoire/);
    expect(loadTree(store).filter((n) => n.title !== 'Après la panne')).toEqual(before.nodes);
    // Same journal, ids and times included; the new edit ended the redo branch, as it would have on the file.
    expect(store.journal(500).slice(1)).toEqual(before.journal.filter((g) => !g.undone));
    store.undo(); // the edit made in memory
    expect(store.historyState().undoLabel).toBe(before.history.undoLabel);
    store.undo(); // the move, made before the failure, undone in memory
    expect(loadTree(store).find((n) => n.id === a)!.parentId).toBe(o1);
    expect(store.integrity()).toBe('ok');
    store.close();
    // The file itself keeps its last committed state.
    const again = Store.open(file, 'x');
    expect(loadTree(again)).toEqual(before.nodes);
    again.close();
  });
});
