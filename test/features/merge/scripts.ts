// Random edit scripts for the merge's property tests (issue 19), through the features' own edit functions as the
// handlers call them (a refused edit is skipped, as a user would see it refused): the tree (add, retitle, retag,
// move, delete), commitments (create, edit, status change, delete), measurements (add, a CSV import — one bulk
// journal entry per indicator —, correct, delete), undo and redo. And the invariants a merge must keep: sound content (references, nesting, no loop, SQLite's integrity and
// Trame's content checks), and no edit lost that the other side did not conflict with.
import { expect } from 'vitest';
import { addNode, loadTree, moveNode, removeNode, updateNode } from '../../../core/features/tree/queries';
import { addCommitment, addPartner, removeCommitment, removeNodeDetaching, setStatus, updateCommitment } from '../../../core/features/commitments/edits';
import { addMeasurement, removeMeasurement, updateMeasurement } from '../../../core/features/indicators/queries';
import { commitMeasurements } from '../../../core/features/indicators';
import { mergeTables, readImage } from '../../../core/features/merge/read';
import type { Conflict, Image, MergeTable, Row } from '../../../core/features/merge/model/three-way';
import { canHold, type NodeKind } from '../../../core/domain/tree';
import { COMMITMENT_STATUSES } from '../../../core/domain/format-types';
import { checkContent } from '../../../db/content-check';
import type { Store } from '../../../db/store';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const TAGS = ['garder', 'repenser', 'jeter', null] as const;
const DATES = ['2024-12-31', '2025-06-30', '2025-12-31'];

/** Two partners, an enjeu → objectif → indicateur and a commitment, for the scripts' commitments and measurements. */
export function seed(store: Store): void {
  addPartner(store, { name: 'France Travail', type: 'etat' });
  addPartner(store, { name: 'Département', type: 'collectivite' });
  const e = addNode(store, { parentId: null, title: 'Emploi' }).focusId!;
  const o = addNode(store, { parentId: e, title: 'Lever les freins' }).focusId!;
  addNode(store, { parentId: o, title: 'Taux d’emploi', kind: 'indicateur' });
  const partner = (store.db.prepare('SELECT id FROM partner ORDER BY position LIMIT 1').get() as { id: string }).id;
  addCommitment(store, { partnerId: partner, text: 'Accompagner 200 jeunes', nodeIds: [o] });
}

const all = <T>(store: Store, sql: string) => store.db.prepare(sql).all() as T[];

/** A CSV import of measurements as the commit runs it once the file is read: [indicator, date, value] (QPV). */
function importMeasurements(store: Store, lines: [string, string, number][]): void {
  const rows = lines.map(([nodeId, date, value], k) => ({ line: k + 2, nodeId, date, value, scope: 'qpv' as const, source: 'Observatoire', note: null }));
  commitMeasurements(store, { rows, errorCount: 0, outOfRangeCount: 0 }, true, 'mesures.csv');
}

/** One random edit; `kinds` limits the script (tests of one area). */
export function randomEdit(store: Store, r: () => number, label: string): void {
  const nodes = loadTree(store);
  const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(r() * xs.length)];
  const num = () => Math.floor(r() * 1000);
  const x = r();
  try {
    if (nodes.length === 0 || x < 0.15) {
      const parent = nodes.length && r() < 0.7 ? pick(nodes)! : null;
      addNode(store, { parentId: parent && parent.kind !== 'indicateur' ? parent.id : null, title: `${label} ${num()}`, ...(parent?.kind === 'objectif' && r() < 0.4 ? { kind: 'indicateur' as const } : {}) });
    } else if (x < 0.24) updateNode(store, pick(nodes)!.id, { title: `${label} titre ${num()}` });
    else if (x < 0.32) updateNode(store, pick(nodes)!.id, { tag: TAGS[Math.floor(r() * TAGS.length)] });
    else if (x < 0.4) {
      const p = r() < 0.3 ? null : pick(nodes)!;
      moveNode(store, pick(nodes)!.id, p ? p.id : null, Math.floor(r() * 3));
    } else if (x < 0.46) (r() < 0.5 ? removeNode(store, pick(nodes)!.id) : removeNodeDetaching(store, pick(nodes)!.id));
    else if (x < 0.66) {
      // Commitments: create, edit, status change, delete.
      const partners = all<{ id: string }>(store, 'SELECT id FROM partner ORDER BY id');
      const commitments = all<{ id: string }>(store, 'SELECT id FROM commitment ORDER BY id');
      const y = r();
      const c = pick(commitments);
      if (!c || y < 0.35) {
        const linked = nodes.filter((n) => n.kind !== 'indicateur');
        const indicators = nodes.filter((n) => n.kind === 'indicateur');
        addCommitment(store, {
          partnerId: pick(partners)!.id, text: `${label} engagement ${num()}`, nodeIds: r() < 0.6 && linked.length ? [pick(linked)!.id] : [],
          indicatorId: r() < 0.3 ? pick(indicators)?.id ?? null : null, ...(r() < 0.3 ? { funding: { amount: num() * 100, nature: null } } : {}),
        });
      } else if (y < 0.6) updateCommitment(store, c.id, r() < 0.5 ? { text: `${label} texte ${num()}` } : { due: pick(DATES)! });
      else if (y < 0.85) setStatus(store, c.id, pick([...COMMITMENT_STATUSES])!, r() < 0.5 ? `${label} note` : null);
      else removeCommitment(store, c.id);
    } else if (x < 0.84) {
      // Measurements: add, correct, delete.
      const indicators = nodes.filter((n) => n.kind === 'indicateur');
      const measures = all<{ id: string }>(store, 'SELECT id FROM measurement ORDER BY id');
      const y = r();
      const m = pick(measures);
      if ((!m || y < 0.5) && r() < 0.4) importMeasurements(store, Array.from({ length: 1 + Math.floor(r() * 4) }, () => [pick(indicators)!.id, pick(DATES)!, num() / 10]));
      else if (!m || y < 0.5) addMeasurement(store, pick(indicators)!.id, { date: pick(DATES)!, value: num() / 10, scope: r() < 0.8 ? 'qpv' : 'reference' });
      else if (y < 0.8) updateMeasurement(store, m.id, r() < 0.7 ? { value: num() / 10 } : { note: `${label} correction` });
      else removeMeasurement(store, m.id);
    } else if (x < 0.93) store.undo();
    else store.redo();
  } catch {
    /* refused (nesting, nothing to undo, no indicator yet…): the script goes on */
  }
}

/**
 * Edits both sides are likely to make on the same rows (random scripts alone seldom do): a status change of the
 * oldest commitment still there, a measurement of the first indicator at one of two dates. Refused edits skipped.
 */
export function collide(store: Store, r: () => number, label: string): void {
  const c = store.db.prepare('SELECT id FROM commitment ORDER BY position LIMIT 1').get() as { id: string } | undefined;
  const i = store.db.prepare("SELECT id FROM node WHERE kind = 'indicateur' ORDER BY id LIMIT 1").get() as { id: string } | undefined;
  try {
    if (c) setStatus(store, c.id, COMMITMENT_STATUSES[Math.floor(r() * COMMITMENT_STATUSES.length)], `${label} : point d’étape`);
    // One side adds it by hand, the other imports it from a CSV file (a bulk journal entry).
    if (i && label === 'Préfecture') importMeasurements(store, [[i.id, DATES[Math.floor(r() * 2)], Math.floor(r() * 100)]]);
    else if (i) addMeasurement(store, i.id, { date: DATES[Math.floor(r() * 2)], value: Math.floor(r() * 100), scope: 'qpv' });
  } catch {
    /* refused: the script goes on */
  }
}

/** Every journaled table's rows, sorted: what « the same content » means. */
export function content(store: Store): Record<string, unknown[]> {
  const img = readImage(store.run, mergeTables(store.run));
  const out: Record<string, unknown[]> = {};
  for (const [t, rows] of img) out[t] = [...rows].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
  return out;
}

/** References, nesting, no loop; SQLite's integrity check and the content checks every open runs. */
export function expectSound(store: Store): void {
  expect(store.db.pragma('foreign_key_check')).toEqual([]);
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  const nodes = store.db.prepare('SELECT n.id, n.kind, p.kind AS pk FROM node n LEFT JOIN node p ON p.id = n.parent_id').all() as { kind: NodeKind; pk: NodeKind | null }[];
  for (const n of nodes) expect(canHold(n.pk, n.kind)).toBe(true);
  expect(loadTree(store).length).toBe(nodes.length); // no loop: every node is reached from the roots
  expect(() => checkContent(store.db, 'fusion')).not.toThrow();
}

const same = (a: unknown, b: unknown) => a === b || (a == null && b == null);
const sameRow = (a: Row | undefined, b: Row | undefined, cols: string[]) => a === b || (!!a && !!b && cols.every((c) => same(a[c], b[c])));

/**
 * The edits of one side that the other did not touch, absent from the merge: « table key: what ». A row is left out
 * when a conflict names it (or, for probable duplicates, its indicator, date and perimeter), when a conflict's
 * repair brought it back or took away what it hangs on (a reference to a row missing from the merge), and the tree's
 * structure columns when a loop or a nesting conflict was repaired.
 */
export function lostEdits(tables: readonly MergeTable[], base: Image, mine: Image, theirs: Image, merged: Image, conflicts: readonly Conflict[]): string[] {
  const lost: string[] = [];
  const named = new Set(conflicts.map((c) => `${c.table}|${c.key}`));
  const dupes = new Set(conflicts.filter((c) => c.kind === 'mesure-doublon').map((c) => c.key));
  const treeRepaired = conflicts.some((c) => c.kind === 'boucle' || c.kind === 'imbrication');
  // The rows a reference conflict's repair may bring back.
  for (const c of conflicts) {
    const t = tables.find((x) => x.table === c.table);
    const ref = t?.refs.find((rf) => rf.col === c.column);
    if (!ref) continue;
    for (const img of [mine, theirs, merged]) {
      const v = img.get(c.table)?.get(c.key)?.[ref.col];
      if (v != null) named.add(`${ref.table}|${JSON.stringify([v])}`);
    }
  }
  for (const t of tables) {
    const b = base.get(t.table) ?? new Map<string, Row>();
    const m = mine.get(t.table) ?? new Map<string, Row>();
    const th = theirs.get(t.table) ?? new Map<string, Row>();
    const out = merged.get(t.table) ?? new Map<string, Row>();
    for (const key of new Set([...b.keys(), ...m.keys(), ...th.keys()])) {
      if (named.has(`${t.table}|${key}`)) continue;
      const [br, mr, tr] = [b.get(key), m.get(key), th.get(key)];
      let expected: Row | undefined;
      let side: string;
      if (sameRow(br, mr, t.cols) && !sameRow(br, tr, t.cols)) [expected, side] = [tr, 'leur'];
      else if (sameRow(br, tr, t.cols) && !sameRow(br, mr, t.cols)) [expected, side] = [mr, 'mien'];
      else continue;
      const any = expected ?? br!;
      if (t.table === 'measurement' && dupes.has(`${any.node_id}|${any.date}|${any.scope}`)) continue;
      // What it hangs on is gone from the merge (deleted on the other side, or by a conflict's repair).
      if (t.refs.some((rf) => any[rf.col] != null && !merged.get(rf.table)?.has(JSON.stringify([any[rf.col]])))) continue;
      const got = out.get(key);
      const cols = t.table === 'node' && treeRepaired ? t.cols.filter((c) => !['parent_id', 'kind', 'order_key'].includes(c)) : t.cols;
      if (!expected) {
        if (got) lost.push(`${t.table} ${key}: supprimé (${side}), encore là`);
      } else if (!got) lost.push(`${t.table} ${key}: changé (${side}), absent de la fusion`);
      else if (!sameRow(got, expected, cols)) lost.push(`${t.table} ${key}: ${cols.filter((c) => !same(got[c], expected![c])).join(',')} (${side}) perdu`);
    }
  }
  return lost;
}
