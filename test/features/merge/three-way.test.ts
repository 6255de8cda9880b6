// The pure three-way merge on every conflict kind of issue 19, over small hand-made images.
import { describe, expect, it } from 'vitest';
import { diffImages, mergeImages, type Image, type MergeTable, type Row } from '../../../core/features/merge/model/three-way';

const TABLES: MergeTable[] = [
  { table: 'node', key: ['id'], cols: ['id', 'parent_id', 'kind', 'order_key', 'title', 'tag'], refs: [{ col: 'parent_id', table: 'node', notNull: false }] },
  { table: 'measurement', key: ['id'], cols: ['id', 'node_id', 'date', 'value', 'scope'], refs: [{ col: 'node_id', table: 'node', notNull: true }] },
  { table: 'commitment', key: ['id'], cols: ['id', 'text', 'status'], refs: [] },
];
const n = (id: string, parent: string | null, kind: string, title: string, extra: Partial<Row> = {}): Row =>
  ({ id, parent_id: parent, kind, order_key: 'a0', title, tag: null, ...extra });
function image(rows: Record<string, Row[]>): Image {
  return new Map(TABLES.map((t) => [t.table, new Map((rows[t.table] ?? []).map((r) => [JSON.stringify([r.id]), r]))]));
}
const BASE = {
  node: [n('E', null, 'enjeu', 'Emploi'), n('O', 'E', 'objectif', 'Lever les freins'), n('A', 'O', 'action', 'Cafés'), n('B', 'O', 'action', 'Salon'), n('I', 'O', 'indicateur', 'Taux')],
  commitment: [{ id: 'c1', text: 'Financer', status: 'acte' }],
};
const edit = (rows: typeof BASE, f: (r: { node: Row[]; measurement: Row[]; commitment: Row[] }) => void): Image => {
  const copy = { node: rows.node.map((r) => ({ ...r })), measurement: [] as Row[], commitment: rows.commitment.map((r) => ({ ...r })) };
  f(copy);
  return image(copy);
};
const set = (rows: Row[], id: string, patch: Partial<Row>) => Object.assign(rows.find((r) => r.id === id)!, patch);
const drop = (rows: Row[], id: string) => rows.splice(rows.findIndex((r) => r.id === id), 1);
const row = (img: Image, t: string, id: string) => img.get(t)!.get(JSON.stringify([id]));

describe('three-way merge', () => {
  const base = image(BASE);

  it('takes silently changes to different rows and to different columns of one row', () => {
    const mine = edit(BASE, (r) => set(r.node, 'A', { title: 'Cafés emploi' }));
    const theirs = edit(BASE, (r) => { set(r.node, 'A', { tag: 'garder' }); set(r.node, 'B', { title: 'Salon 2026' }); });
    const out = mergeImages(TABLES, base, mine, theirs);
    expect(out.conflicts).toEqual([]);
    expect(row(out.merged, 'node', 'A')).toMatchObject({ title: 'Cafés emploi', tag: 'garder' });
    expect(row(out.merged, 'node', 'B')).toMatchObject({ title: 'Salon 2026' });
  });

  it('the same column changed on both sides: a conflict with both values; a text may be combined', () => {
    const mine = edit(BASE, (r) => set(r.node, 'A', { title: 'Cafés emploi' }));
    const theirs = edit(BASE, (r) => set(r.node, 'A', { title: 'Cafés itinérants' }));
    const out = mergeImages(TABLES, base, mine, theirs);
    expect(out.conflicts).toMatchObject([{ kind: 'meme-colonne', table: 'node', column: 'title', base: 'Cafés', mine: 'Cafés emploi', theirs: 'Cafés itinérants', text: true }]);
    const id = out.conflicts[0].id;
    expect(row(mergeImages(TABLES, base, mine, theirs, new Map([[id, 'leur']])).merged, 'node', 'A')!.title).toBe('Cafés itinérants');
    expect(row(mergeImages(TABLES, base, mine, theirs, new Map([[id, { texte: 'Cafés emploi itinérants' }]])).merged, 'node', 'A')!.title).toBe('Cafés emploi itinérants');
  });

  it('a change on one side, a deletion on the other', () => {
    const mine = edit(BASE, (r) => set(r.node, 'B', { tag: 'jeter' }));
    const theirs = edit(BASE, (r) => drop(r.node, 'B'));
    const out = mergeImages(TABLES, base, mine, theirs);
    expect(out.conflicts).toMatchObject([{ kind: 'modifie-supprime', table: 'node', key: '["B"]' }]);
    expect(row(mergeImages(TABLES, base, mine, theirs, new Map(), 'leur').merged, 'node', 'B')).toBeUndefined();
    expect(row(mergeImages(TABLES, base, mine, theirs, new Map(), 'mien').merged, 'node', 'B')).toMatchObject({ tag: 'jeter' });
  });

  it('a commitment status changed on both sides', () => {
    const mine = edit(BASE, (r) => set(r.commitment, 'c1', { status: 'en-cours' }));
    const theirs = edit(BASE, (r) => set(r.commitment, 'c1', { status: 'abandonne' }));
    expect(mergeImages(TABLES, base, mine, theirs).conflicts).toMatchObject([{ kind: 'statut', column: 'status', mine: 'en-cours', theirs: 'abandonne' }]);
  });

  it('a move into a subtree the other side deleted: restore it, or delete what was moved', () => {
    const mine = edit(BASE, (r) => { r.node.push(n('O2', 'E', 'objectif', 'Mobilité')); set(r.node, 'A', { parent_id: 'O2' }); });
    const theirs = edit(BASE, (r) => set(r.node, 'A', { title: 'Cafés emploi' }));
    // No conflict there; now the other side deletes the objective A was under.
    const theirs2 = edit(BASE, (r) => { drop(r.node, 'A'); drop(r.node, 'B'); drop(r.node, 'I'); drop(r.node, 'O'); });
    expect(mergeImages(TABLES, base, mine, theirs).conflicts).toEqual([]);
    const out = mergeImages(TABLES, base, mine, theirs2);
    const kinds = out.conflicts.map((c) => c.kind);
    expect(kinds).toContain('modifie-supprime'); // A moved here, deleted there
    // Keeping theirs everywhere: A is gone, no row left under a missing parent.
    const leur = mergeImages(TABLES, base, mine, theirs2, new Map(), 'leur').merged;
    expect(row(leur, 'node', 'A')).toBeUndefined();
    expect(row(leur, 'node', 'O2')).toBeDefined();
    // An action added here under O, which the other side deleted: the parent is missing → « sous-supprime ».
    const mine3 = edit(BASE, (r) => r.node.push(n('N', 'O', 'action', 'Nouvelle', { order_key: 'a5' })));
    const theirs3 = edit(BASE, (r) => { drop(r.node, 'A'); drop(r.node, 'B'); drop(r.node, 'I'); drop(r.node, 'O'); });
    for (const side of ['mien', 'leur'] as const) {
      const out3 = mergeImages(TABLES, base, mine3, theirs3, new Map(), side);
      expect(out3.conflicts.map((c) => c.kind)).toContain('sous-supprime');
      const m3 = out3.merged.get('node')!;
      for (const r of m3.values()) if (r.parent_id !== null) expect(m3.has(JSON.stringify([r.parent_id]))).toBe(true);
      // Keep mine: O comes back with the new action; keep theirs: the new action goes with O.
      expect(m3.has('["N"]')).toBe(side === 'mien');
      expect(m3.has('["O"]')).toBe(side === 'mien');
    }
  });

  it('two crossed moves that would make a loop', () => {
    const b = image({ node: [n('E', null, 'enjeu', 'E'), n('X', 'E', 'objectif', 'X'), n('Y', 'E', 'objectif', 'Y')] });
    // Here X goes under Y (becoming an action); there Y goes under X.
    const mine = image({ node: [n('E', null, 'enjeu', 'E'), n('X', 'Y', 'action', 'X'), n('Y', 'E', 'objectif', 'Y')] });
    const theirs = image({ node: [n('E', null, 'enjeu', 'E'), n('X', 'E', 'objectif', 'X'), n('Y', 'X', 'action', 'Y')] });
    const out = mergeImages(TABLES, b, mine, theirs, new Map(), 'mien');
    expect(out.conflicts.map((c) => c.kind)).toContain('boucle');
    const m = out.merged.get('node')!;
    expect(m.get('["X"]')).toMatchObject({ parent_id: 'Y', kind: 'action' });
    expect(m.get('["Y"]')).toMatchObject({ parent_id: 'E', kind: 'objectif' });
    const leur = mergeImages(TABLES, b, mine, theirs, new Map(), 'leur').merged.get('node')!;
    expect(leur.get('["Y"]')).toMatchObject({ parent_id: 'X', kind: 'action' });
    expect(leur.get('["X"]')).toMatchObject({ parent_id: 'E', kind: 'objectif' });
  });

  it('a nesting the rules refuse is a conflict, never committed', () => {
    const mine = edit(BASE, (r) => set(r.node, 'B', { kind: 'objectif', parent_id: 'E' }));
    const theirs = edit(BASE, (r) => r.node.push(n('A2', 'B', 'action', 'Sous-action')));
    const out = mergeImages(TABLES, base, mine, theirs, new Map(), 'mien');
    // An action under an objective is fine; now a crossed rule: theirs adds an action under the indicator's parent kind change.
    expect(out.conflicts).toEqual([]);
    const mine2 = edit(BASE, (r) => set(r.node, 'B', { kind: 'indicateur' }));
    const out2 = mergeImages(TABLES, base, mine2, theirs, new Map(), 'mien');
    expect(out2.conflicts.map((c) => c.kind)).toContain('imbrication');
  });

  it('measurements of one indicator, date and perimeter added on both sides: keep both, mine or theirs', () => {
    const mine = edit(BASE, (r) => r.measurement.push({ id: 'm1', node_id: 'I', date: '2025', value: 12, scope: 'qpv' }));
    const theirs = edit(BASE, (r) => r.measurement.push({ id: 'm2', node_id: 'I', date: '2025', value: 13, scope: 'qpv' }));
    const out = mergeImages(TABLES, base, mine, theirs);
    expect(out.conflicts).toMatchObject([{ kind: 'mesure-doublon', both: true, mine: '12', theirs: '13' }]);
    const id = out.conflicts[0].id;
    const count = (c: 'mien' | 'leur' | 'les-deux') => mergeImages(TABLES, base, mine, theirs, new Map([[id, c]])).merged.get('measurement')!.size;
    expect([count('mien'), count('leur'), count('les-deux')]).toEqual([1, 1, 2]);
  });

  it('without shared history every difference is a conflict', () => {
    const mine = edit(BASE, (r) => set(r.node, 'A', { title: 'x' }));
    const out = mergeImages(TABLES, new Map(), mine, base, new Map(), null, true);
    expect(out.conflicts.map((c) => c.kind)).toEqual(['sans-historique']);
  });

  it('diffImages lists what to write into mine', () => {
    const mine = edit(BASE, (r) => drop(r.node, 'B'));
    expect(diffImages(TABLES, mine, base)).toEqual([{ table: 'node', key: '["B"]', row: BASE.node[3] }]);
  });
});
