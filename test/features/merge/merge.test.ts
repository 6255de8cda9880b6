// Merging two real copies of one contrat (files on disk, copied with cp, each with its own replica id), edited by
// random scripts on both sides (scripts.ts: the tree — add, retitle, retag, move, delete —, commitments — create,
// edit, status change, delete —, measurements — add, correct, delete —, undo, redo; then a status change and a
// measurement both sides are likely to make on the same rows): merging A←B keeping theirs and
// B←A keeping mine give the same content; merging twice changes nothing; the result never breaks a reference nor the
// nesting rules and passes SQLite's integrity check and Trame's content checks (reopened from disk too); no edit of
// either side is lost that the other side did not conflict with; the merge is one undoable step (one undo gives
// mine back) that records the other copy's groups; the clock moves past the other's.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMerge, planMerge } from '../../../core/features/merge/merge';
import { knownGroups, mergeTables, readImage, readSide } from '../../../core/features/merge/read';
import { Store } from '../../../db/store';
import { changesUnknownTo } from '../../../db/journal';
import { newStore } from '../../helpers/store';
import { collide, content, expectSound, lostEdits, randomEdit, rng, seed } from './scripts';

const copy = (file: string, name: string) => {
  const to = path.join(path.dirname(file), name);
  copyFileSync(file, to);
  return to;
};

/** A seeded contrat edited by `baseEdits` random steps, then copied with cp: A (Camille) and B (Dominique), open. */
function twoCopies(r: ReturnType<typeof rng>, baseEdits: number) {
  const { store, file } = newStore('commun.trame');
  seed(store);
  for (let i = 0; i < baseEdits; i++) randomEdit(store, r, 'Base');
  store.close();
  const fileB = copy(file, 'copie-b.trame');
  return { file, fileB, a: Store.open(file, 'Camille'), b: Store.open(fileB, 'Dominique') };
}

describe('merging two copies', () => {
  const seen = { conflicts: 0, changes: 0, kinds: [] as string[], tables: [] as string[], bulk: 0 };
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    it(`random scripts on both sides (seed ${n}): A←B = B←A, twice = once, sound, nothing lost, one undoable step`, () => {
      const r = rng(n);
      const { file, fileB, a, b } = twoCopies(r, 16);
      expect(a.identity().documentId).toBe(b.identity().documentId);
      expect(a.identity().replicaId).not.toBe(b.identity().replicaId);
      for (let i = 0; i < 20; i++) {
        randomEdit(a, r, 'EPCI');
        randomEdit(b, r, 'Préfecture');
      }
      collide(a, r, 'EPCI');
      collide(b, r, 'Préfecture');
      const before = content(a);
      // The ancestor and both sides' images, from the journals, before any merge: what « lost » is judged against.
      const tables = mergeTables(a.run);
      const sideA = readSide(a.run, tables, knownGroups(b.run));
      const sideB = readSide(b.run, tables, sideA.known);
      // CSV imports since the two parted: bulk entries the merge reads as the rows they touched.
      seen.bulk += changesUnknownTo(a.run, sideB.known).filter((c) => c.batch).length + changesUnknownTo(b.run, sideA.known).filter((c) => c.batch).length;
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
      // No edit lost that the other side did not conflict with, either way.
      expect(lostEdits(tables, sideA.base, sideA.image, sideB.image, readImage(a1.run, tables), ab.preview.conflicts)).toEqual([]);
      expect(lostEdits(tables, sideB.base, sideB.image, sideA.image, readImage(b1.run, tables), ba.preview.conflicts)).toEqual([]);
      // The check sees a loss: mine left as it was, as if nothing had been taken from theirs.
      if (ab.preview.changes > 0) expect(lostEdits(tables, sideA.base, sideA.image, sideB.image, sideA.image, ab.preview.conflicts).length).toBeGreaterThan(0);
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
        // One undo gives mine back; redo the merge.
        a1.undo();
        expect(content(a1)).toEqual(before);
        a1.redo();
        expect(content(a1)).toEqual(content(b1));
      }
      // The merged file, reopened from disk, passes every check of an open.
      const merged = a1.path;
      a1.close();
      b1.close();
      const reopened = Store.open(merged, 'Camille');
      expectSound(reopened);
      reopened.close();
      seen.conflicts += ab.preview.conflicts.length;
      seen.changes += ab.preview.changes + ba.preview.changes;
      seen.kinds = [...new Set([...seen.kinds, ...ab.preview.conflicts.map((c) => c.kind)])];
      seen.tables = [...new Set([...seen.tables, ...[...sideA.touched.keys(), ...sideB.touched.keys()]])];
    });
  }

  it('the scripts above did make changes and conflicts to merge, in the tree, the commitments and the measurements', () => {
    expect(seen.changes).toBeGreaterThan(40);
    expect(seen.bulk).toBeGreaterThan(10);
    expect(seen.conflicts).toBeGreaterThan(0);
    for (const t of ['node', 'commitment', 'commitment_history', 'measurement']) expect(seen.tables).toContain(t);
    expect(seen.kinds).toEqual(expect.arrayContaining(['meme-colonne', 'modifie-supprime', 'statut', 'mesure-doublon']));
  });

  it('merging back makes the two contents identical; the other file is never written', () => {
    const r = rng(42);
    const { file, fileB, a, b } = twoCopies(r, 10);
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
