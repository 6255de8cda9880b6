// The renderer's pure tree logic (what is shown under a filter, where a drop lands), checked without a browser.
import { describe, expect, it } from 'vitest';
import type { TreeNode } from '../../core/api/contract';
import type { NodeKind, Tag } from '../../core/domain/tree';
import { computeRows, countTags } from '../../renderer/features/tree/rows';
import { dropVerdict, zoneFor } from '../../renderer/features/tree/drop';
import { parseDate, parseNumber, slugify } from '../../renderer/lib/text';
import { formatHash, parseHash } from '../../renderer/lib/route';

// e1 ─ o1 ─ a1 ─ i1
//         └ a2
//    └ o2 ─ a3
// e2
function tree(): TreeNode[] {
  const spec: [string, string | null, NodeKind, number, number, Tag | null][] = [
    ['e1', null, 'enjeu', 0, 0, 'repenser'],
    ['o1', 'e1', 'objectif', 1, 0, 'garder'],
    ['a1', 'o1', 'action', 2, 0, 'ajouter'],
    ['i1', 'a1', 'indicateur', 3, 0, null],
    ['a2', 'o1', 'action', 2, 1, 'jeter'],
    ['o2', 'e1', 'objectif', 1, 1, 'ajouter'],
    ['a3', 'o2', 'action', 2, 0, 'mettre-en-veille'],
    ['e2', null, 'enjeu', 0, 1, null],
  ];
  return spec.map(([id, parentId, kind, depth, index, tag]) => ({
    id, parentId, kind, depth, index, tag, title: id, description: null, tagNote: null,
    childCount: spec.filter((s) => s[1] === id).length, indicator: null,
  }));
}
const byId = (nodes: TreeNode[]) => new Map(nodes.map((n) => [n.id, n]));

describe('computeRows', () => {
  it('shows everything, with sibling positions, when not filtered', () => {
    const rows = computeRows(tree(), 'all', new Set());
    expect(rows.map((r) => r.node.id)).toEqual(['e1', 'o1', 'a1', 'i1', 'a2', 'o2', 'a3', 'e2']);
    expect(rows.find((r) => r.node.id === 'o2')).toMatchObject({ posInSet: 2, setSize: 2, hasChildren: true, expanded: true });
    expect(rows.find((r) => r.node.id === 'e2')).toMatchObject({ hasChildren: false, expanded: false });
  });
  it('keeps matches and their ancestors (as context) under a family filter', () => {
    const rows = computeRows(tree(), 'ajouter', new Set());
    expect(rows.map((r) => `${r.node.id}${r.context ? '*' : ''}`)).toEqual(['e1*', 'o1*', 'a1', 'o2']);
    expect(rows.find((r) => r.node.id === 'a1')).toMatchObject({ hasChildren: false });
    expect(computeRows(tree(), 'jeter', new Set()).map((r) => r.node.id)).toEqual(['e1', 'o1', 'a2', 'o2', 'a3']);
    expect(computeRows(tree(), 'undecided', new Set()).map((r) => r.node.id)).toEqual(['e1', 'o1', 'a1', 'i1', 'e2']);
  });
  it('hides the descendants of collapsed items', () => {
    const rows = computeRows(tree(), 'all', new Set(['o1']));
    expect(rows.map((r) => r.node.id)).toEqual(['e1', 'o1', 'o2', 'a3', 'e2']);
    expect(rows[1]).toMatchObject({ hasChildren: true, expanded: false });
  });
  it('counts tags per family', () => {
    expect(countTags(tree())).toEqual({ ajouter: 2, garder: 2, jeter: 2, undecided: 2, total: 8 });
  });
  it('takes 10 000 items (how fast: `npm run bench`, rows-10k-ms)', () => {
    const nodes: TreeNode[] = [];
    for (let i = 0; i < 10_000; i++) {
      nodes.push({ id: `n${i}`, parentId: null, kind: 'enjeu', depth: 0, index: i, title: `n${i}`, description: null, tag: i % 3 ? null : 'ajouter', tagNote: null, childCount: 0, indicator: null });
    }
    const all = computeRows(nodes, 'all', new Set());
    expect(all).toHaveLength(10_000);
    expect(all[9_999]).toMatchObject({ posInSet: 10_000, setSize: 10_000, context: false });
    const added = computeRows(nodes, 'ajouter', new Set());
    expect(added).toHaveLength(3_334);
    expect(added.every((r) => r.node.tag === 'ajouter' && !r.context)).toBe(true);
  });
});

describe('dropVerdict', () => {
  const nodes = tree();
  const m = byId(nodes);
  it('thirds of a row: before, inside, after', () => {
    expect(zoneFor(100, 100, 60)).toBe('before');
    expect(zoneFor(130, 100, 60)).toBe('inside');
    expect(zoneFor(155, 100, 60)).toBe('after');
  });
  it('moves an action under another objectif, as last child', () => {
    expect(dropVerdict(m, m.get('a2')!, m.get('o2')!, 'inside')).toEqual({ ok: true, parentId: 'o2', index: 1 });
  });
  it('counts the index once the item has left its place', () => {
    expect(dropVerdict(m, m.get('a1')!, m.get('a2')!, 'after')).toEqual({ ok: true, parentId: 'o1', index: 1 });
    expect(dropVerdict(m, m.get('a2')!, m.get('a1')!, 'before')).toEqual({ ok: true, parentId: 'o1', index: 0 });
    expect(dropVerdict(m, m.get('a1')!, m.get('a2')!, 'before')).toEqual({ ok: false, reason: null });
  });
  it('refuses what the nesting rules refuse, in French', () => {
    const v = dropVerdict(m, m.get('a2')!, m.get('i1')!, 'inside');
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason).toMatch(/ne peut rien contenir/);
    const w = dropVerdict(m, m.get('a2')!, m.get('e2')!, 'after');
    expect(!w.ok && w.reason).toMatch(/niveau 1 doit être un enjeu/);
    const x = dropVerdict(m, m.get('e1')!, m.get('a3')!, 'inside');
    expect(!x.ok && x.reason).toMatch(/lui-même/);
  });
});

describe('saisie', () => {
  it('reads French numbers, and dates typed the French way or ISO', () => {
    expect(parseNumber('24,7')).toEqual({ ok: true, value: 24.7 });
    expect(parseNumber(' 1 234,5 ')).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber('')).toEqual({ ok: true, value: null });
    expect(parseNumber('douze').ok).toBe(false);
    expect(parseDate('2030')).toEqual({ ok: true, value: '2030' });
    expect(parseDate('2030-12-31')).toEqual({ ok: true, value: '2030-12-31' });
    expect(parseDate('31/12/2030')).toEqual({ ok: true, value: '2030-12-31' });
    expect(parseDate('juin 2026')).toEqual({ ok: true, value: '2026-06' });
    expect(parseDate('31/02/2030').ok).toBe(false);
  });
  it('makes file names and addresses', () => {
    expect(slugify('Contrat de ville — Agglo d’Évry-Courcouronnes')).toBe('contrat-de-ville-agglo-d-evry-courcouronnes');
    const h = formatHash({ name: 'contrat', path: '/tmp/a b/é.trame', sel: 'x1' });
    expect(parseHash(h)).toEqual({ name: 'contrat', path: '/tmp/a b/é.trame', sel: 'x1' });
    expect(parseHash('#/nouveau')).toEqual({ name: 'new' });
    expect(parseHash('#/contrat')).toEqual({ name: 'start' });
  });
});
