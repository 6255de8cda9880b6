// Merging two real copies of one contrat (files on disk, copied with cp, each with its own replica id), edited by
// random scripts on both sides (add, retitle, retag, move, delete, undo, redo): merging A←B keeping theirs and B←A
// keeping mine give the same content; merging twice changes nothing; the result never breaks a reference nor the
// nesting rules; the merge is one undoable step that records the other copy's groups; the clock moves past the other's.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addNode, loadTree, moveNode, removeNode, updateNode } from '../../../core/features/tree/queries';
import { applyMerge, planMerge } from '../../../core/features/merge/merge';
import { mergeTables, readImage } from '../../../core/features/merge/read';
import { canHold, type NodeKind } from '../../../core/domain/tree';
import { Store } from '../../../db/store';
import { newStore } from '../../helpers/store';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const TAGS = ['garder', 'repenser', 'jeter', null] as const;

/** One random edit (through the tree's edit functions, as the handlers call them); refused edits are skipped. */
function randomEdit(store: Store, r: () => number, label: string): void {
  const nodes = loadTree(store);
  const any = () => nodes[Math.floor(r() * nodes.length)];
  const x = r();
  try {
    if (nodes.length === 0 || x < 0.25) {
      const parent = nodes.length && r() < 0.7 ? any() : null;
      addNode(store, { parentId: parent && parent.kind !== 'indicateur' ? parent.id : null, title: `${label} ${Math.floor(r() * 1000)}` });
    } else if (x < 0.4) updateNode(store, any().id, { title: `${label} titre ${Math.floor(r() * 1000)}` });
    else if (x < 0.55) updateNode(store, any().id, { tag: TAGS[Math.floor(r() * TAGS.length)] });
    else if (x < 0.68) {
      const n = any();
      const p = r() < 0.3 ? null : any();
      moveNode(store, n.id, p ? p.id : null, Math.floor(r() * 3));
    } else if (x < 0.78) removeNode(store, any().id);
    else if (x < 0.9) store.undo();
    else store.redo();
  } catch {
    /* refused (nesting, nothing to undo…): the script goes on */
  }
}

function content(store: Store) {
  const tables = mergeTables(store.run);
  const img = readImage(store.run, tables);
  const out: Record<string, unknown[]> = {};
  for (const [t, rows] of img) out[t] = [...rows].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  return out;
}

function expectSound(store: Store): void {
  expect(store.db.pragma('foreign_key_check')).toEqual([]);
  const nodes = store.db.prepare('SELECT n.id, n.kind, p.kind AS pk FROM node n LEFT JOIN node p ON p.id = n.parent_id').all() as { kind: NodeKind; pk: NodeKind | null }[];
  for (const n of nodes) expect(canHold(n.pk, n.kind)).toBe(true);
  expect(loadTree(store).length).toBe(nodes.length); // no loop: every node is reached from the roots
}

const copy = (file: string, name: string) => {
  const to = path.join(path.dirname(file), name);
  copyFileSync(file, to);
  return to;
};

describe('merging two copies', () => {
  const seen = { conflicts: 0, changes: 0, kinds: [] as string[] };
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`random scripts on both sides (seed ${seed}): A←B = B←A, twice = once, sound, one undoable step`, () => {
      const r = rng(seed);
      const { store, file } = newStore('commun.trame');
      for (let i = 0; i < 12; i++) randomEdit(store, r, 'Base');
      store.close();
      const fileB = copy(file, 'copie-b.trame');
      const a = Store.open(file, 'Camille');
      const b = Store.open(fileB, 'Dominique');
      expect(a.identity().documentId).toBe(b.identity().documentId);
      expect(a.identity().replicaId).not.toBe(b.identity().replicaId);
      for (let i = 0; i < 15; i++) {
        randomEdit(a, r, 'EPCI');
        randomEdit(b, r, 'Préfecture');
      }
      const before = content(a);
      a.close();
      b.close();
      // Four working copies: A←B keeping theirs, B←A keeping mine.
      const a1 = Store.open(copy(file, 'a1.trame'), 'Camille');
      const b1 = Store.open(copy(fileB, 'b1.trame'), 'Dominique');
      const ab = applyMerge(a1, fileB, new Map(), 'leur');
      const ba = applyMerge(b1, file, new Map(), 'mien');
      expect(content(a1)).toEqual(content(b1));
      expectSound(a1);
      expectSound(b1);
      // Merging the same copy again changes nothing.
      const again = planMerge(a1, fileB, new Map(), null);
      expect(again.preview.changes).toBe(0);
      expect(again.preview.conflicts).toEqual([]);
      expect(applyMerge(a1, fileB).outcome).toBeNull();
      if (ab.outcome) {
        // One step, recorded: the other copy's groups are known, the clock is past theirs.
        const merge = a1.db.prepare("SELECT id, hlc, label FROM journal_group WHERE kind = 'merge' ORDER BY id DESC LIMIT 1").get() as { id: number; hlc: string; label: string };
        expect(merge.label).toMatch(/^Fusion avec la copie de /);
        const other = Store.openForReading(fileB);
        const theirs = other.db.prepare('SELECT uuid, hlc FROM journal_group').all() as { uuid: string; hlc: string }[];
        other.close();
        expect(merge.hlc > theirs.map((g) => g.hlc).sort().at(-1)!).toBe(true);
        const known = new Set(a1.db.prepare('SELECT uuid FROM journal_group').pluck().all() as string[]);
        expect(theirs.every((g) => known.has(g.uuid))).toBe(true);
        a1.undo();
        expect(content(a1)).toEqual(before);
        a1.redo();
        expect(content(a1)).toEqual(content(b1));
      }
      seen.conflicts += ab.preview.conflicts.length;
      seen.changes += ab.preview.changes + ba.preview.changes;
      seen.kinds = [...new Set([...seen.kinds, ...ab.preview.conflicts.map((c) => c.kind)])];
      a1.close();
      b1.close();
    });
  }

  it('the scripts above did make changes and conflicts to merge', () => {
    expect(seen.changes).toBeGreaterThan(20);
    expect(seen.conflicts).toBeGreaterThan(0);
  });

  it('merging back makes the two contents identical; the other file is never written', () => {
    const r = rng(42);
    const { store, file } = newStore('commun.trame');
    for (let i = 0; i < 10; i++) randomEdit(store, r, 'Base');
    store.close();
    const fileB = copy(file, 'copie-b.trame');
    const a = Store.open(file, 'Camille');
    const b = Store.open(fileB, 'Dominique');
    for (let i = 0; i < 10; i++) {
      randomEdit(a, r, 'EPCI');
      randomEdit(b, r, 'Préfecture');
    }
    b.close();
    const bytes = Store.openForReading(fileB);
    const bBefore = content(bytes as Store);
    bytes.close();
    applyMerge(a, fileB, new Map(), 'leur');
    a.close();
    const b2 = Store.open(fileB, 'Dominique');
    expect(content(b2)).toEqual(bBefore);
    const back = applyMerge(b2, file);
    expect(back.preview.conflicts).toEqual([]);
    const a2 = Store.openForReading(file);
    expect(content(b2)).toEqual(content(a2 as Store));
    a2.close();
    b2.close();
  });
});
