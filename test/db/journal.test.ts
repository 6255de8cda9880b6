// The journal grows with the schema: a migration that adds a column regenerates the table's triggers and upgrades the
// stored images; a step whose images were not upgraded is refused in French, never replayed with a NULL.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addNode, loadTree, updateNode } from '../../core/features/tree/queries';
import { rawOpen } from '../../db/connection';
import { journalSpec, regenerateJournalTriggers, upgradeImages } from '../../db/journal';
import { MIGRATIONS, migrate, type Migration } from '../../db/migrations';
import { Store } from '../../db/store';
import { allRows, newStore } from './helpers';

/** A schema-3 that only exists in this test: node gains a column. */
function addColor(upgrade: boolean): Migration {
  return {
    version: MIGRATIONS.length + 1,
    name: 'couleur des éléments (test)',
    up(db) {
      db.exec("ALTER TABLE node ADD COLUMN color TEXT NOT NULL DEFAULT 'bleu'");
      regenerateJournalTriggers(db, 'node');
      if (upgrade) upgradeImages(db, 'node', { add: { color: 'bleu' } });
    },
  };
}

/** A file with a rename in its journal, migrated by `m`, reopened as a store over the new schema. */
function renamedThenMigrated(m: Migration): { store: Store; id: string } {
  const { store, file } = newStore();
  const id = addNode(store, { parentId: null, title: 'Avant' }).focusId!;
  updateNode(store, id, { title: 'Après' });
  store.close();
  const db = new Database(file);
  migrate(db, m.version, [...MIGRATIONS, m]);
  db.close();
  const again = rawOpen(file);
  again.pragma('foreign_keys = ON');
  return { store: new Store(again, file, false, null, 'Test'), id };
}

describe('a journal that can grow', () => {
  it('reads its tables, keys and columns from the live schema', () => {
    const { store } = newStore();
    const spec = journalSpec(store.db);
    expect([...spec.keys()]).toEqual(['commitment', 'commitment_funding', 'commitment_history', 'commitment_node', 'contrat', 'copil', 'indicator', 'indicator_qpv', 'measurement', 'node', 'partner', 'partner_contact', 'protocole', 'qpv', 'signatory']);
    expect(spec.get('commitment_node')!.key).toEqual(['commitment_id', 'node_id']);
    expect(spec.get('indicator')!.key).toEqual(['node_id']);
    store.db.exec("DROP TRIGGER node_journal_delete");
    expect(() => journalSpec(store.db)).toThrow(/journal des modifications de la table « node » est incomplet/);
    store.close();
  });

  it('a step recorded before a column was added is refused in French when its images were not upgraded', () => {
    const { store, id } = renamedThenMigrated(addColor(false));
    const before = allRows(store.db);
    let err: { message: string; details?: string[] } | undefined;
    try {
      store.undo();
    } catch (e) {
      err = e as typeof err;
    }
    expect(err?.message).toMatch(/version plus ancienne de Trame et la table « node » a changé depuis : elle ne peut pas être annulée/);
    expect(err?.details).toEqual(['colonne absente de l\'image : color']);
    // Nothing changed: no silent NULL, the step is still there to undo.
    expect(allRows(store.db)).toEqual(before);
    expect(loadTree(store).find((n) => n.id === id)!.title).toBe('Après');
    expect(store.historyState().canUndo).toBe(true);
    store.close();
  });

  it('with the images upgraded by the migration, the same undo and redo are exact', () => {
    const { store, id } = renamedThenMigrated(addColor(true));
    const color = () => (store.db.prepare('SELECT color FROM node WHERE id = ?').get(id) as { color: string }).color;
    store.undo();
    expect(loadTree(store).find((n) => n.id === id)!.title).toBe('Avant');
    expect(color()).toBe('bleu');
    store.redo();
    expect(loadTree(store).find((n) => n.id === id)!.title).toBe('Après');
    // The regenerated triggers record the new column in new steps (a write outside any journal group, through the
    // store: a raw write on its connection would look, to the store, like another program changing the file).
    store.write(() => store.db.prepare("UPDATE node SET color = 'rouge' WHERE id = ?").run(id));
    updateNode(store, id, { title: 'Encore' });
    const change = store.db.prepare("SELECT before FROM journal_change WHERE tbl = 'node' ORDER BY id DESC LIMIT 1").get() as { before: string };
    expect(JSON.parse(change.before).color).toBe('rouge');
    store.undo();
    expect(color()).toBe('rouge');
    expect(store.integrity()).toBe('ok');
    store.close();
  });

  it('journal ids are never reused, even when a redo branch is dropped', () => {
    const { store } = newStore();
    const id = addNode(store, { parentId: null, title: 'A' }).focusId!;
    updateNode(store, id, { title: 'B' });
    const dropped = store.journal(1)[0].id;
    const droppedChange = (store.db.prepare('SELECT max(id) AS m FROM journal_change').get() as { m: number }).m;
    store.undo();
    updateNode(store, id, { title: 'C' }); // ends the redo branch: the group of « B » is deleted
    const [c] = store.journal(1);
    expect(store.journal(10).some((g) => g.id === dropped)).toBe(false);
    expect(c.id).toBeGreaterThan(dropped);
    expect((store.db.prepare('SELECT min(id) AS m FROM journal_change WHERE group_id = ?').get(c.id) as { m: number }).m).toBeGreaterThan(droppedChange);
    store.close();
  });
});
