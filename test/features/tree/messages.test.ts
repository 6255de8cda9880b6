// Issue 8: refusals said in the user's words (through dispatch, on a real .trame file), nesting sentences in plain
// French, and the pure pieces of the triage (an item kept in view under its filter, the next undecided item).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness } from '../../helpers/handlers';
import { SAMPLE_CONTRAT } from '../../helpers/store';
import { nestingError } from '../../../core/domain/tree';
import type { TreeNode } from '../../../core/api/contract';
import { computeRows, nextUndecided } from '../../../renderer/features/tree/rows';
import { titleProblem } from '../../../renderer/features/tree/messages';

describe('messages pour les personnes', () => {
  it('a too-long title or reason is refused whole, named as the user knows it, and nothing is written', async () => {
    const h = harness();
    const doc = await h.must('contrat.create', { path: path.join(h.dir, 'm.trame'), contrat: SAMPLE_CONTRAT });
    const added = await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Emploi' });
    const id = added.focusId!;
    const r = await h.call('tree.update', { docId: doc.docId, id, patch: { title: 'x'.repeat(612) } });
    expect(r.ok || r.error.message).toBe('Le titre est trop long : 500 caractères au plus (vous en avez 612).');
    const n = await h.call('tree.update', { docId: doc.docId, id, patch: { tagNote: 'y'.repeat(5001) } });
    expect(n.ok || n.error.message.replace(/\s/g, ' ')).toBe('La raison du choix est trop longue : 5 000 caractères au plus (vous en avez 5 001).');
    const tree = await h.must('tree.get', { docId: doc.docId });
    expect(tree.nodes.map((x) => [x.title, x.tagNote])).toEqual([['Emploi', null]]);
    // A program's mistake keeps the channel and the path.
    const bad = await h.raw('tree.add', { docId: doc.docId, parentId: null });
    expect(bad.ok || bad.error.message).toBe('Données refusées pour « tree.add » : title : champ obligatoire manquant.');
  });

  it('nesting refusals read as French sentences', () => {
    expect(nestingError('enjeu', 'action')).toBe('Un enjeu ne contient que des objectifs, pas une action.');
    expect(nestingError('objectif', 'enjeu')).toBe('Un objectif ne contient que des actions et des indicateurs de suivi, pas un enjeu.');
    expect(nestingError('indicateur', 'action')).toBe('Un indicateur de suivi ne peut rien contenir : impossible d’y placer une action.');
    expect(nestingError(null, 'objectif')).toBe('Un élément de niveau 1 doit être un enjeu, pas un objectif.');
  });

  it('the renderer says the same about a title before sending it', () => {
    expect(titleProblem('a'.repeat(612))).toBe('Le titre est trop long : 500 caractères au plus (vous en avez 612).');
    expect(titleProblem('  ')).toBe('Le titre ne peut pas être vide.');
    expect(titleProblem('', true)).toBeNull();
  });
});

describe('triage', () => {
  const node = (id: string, parentId: string | null, depth: number, tag: TreeNode['tag']): TreeNode => ({
    id, parentId, kind: depth === 0 ? 'enjeu' : 'objectif', depth, index: 0, title: id, description: null, tag, tagNote: null,
    childCount: 0, indicator: null,
  });
  const nodes = [node('e1', null, 0, 'garder'), node('o1', 'e1', 1, null), node('o2', 'e1', 1, 'jeter'), node('e2', null, 0, null)];

  it('an item just decided stays in view under « Non décidé » until the user moves on', () => {
    expect(computeRows(nodes, 'undecided', new Set()).map((r) => r.node.id)).toEqual(['e1', 'o1', 'e2']);
    const kept = computeRows(nodes, 'undecided', new Set(), new Set(['o2']));
    expect(kept.map((r) => `${r.node.id}${r.context ? '*' : ''}`)).toEqual(['e1*', 'o1', 'o2', 'e2']);
  });

  it('Espace finds the next undecided item in tree order, wrapping to the top', () => {
    expect(nextUndecided(nodes, 'e1')).toEqual({ node: nodes[1], wrapped: false });
    expect(nextUndecided(nodes, 'o1')).toEqual({ node: nodes[3], wrapped: false });
    expect(nextUndecided(nodes, 'e2')).toEqual({ node: nodes[1], wrapped: true });
    expect(nextUndecided(nodes.map((n) => ({ ...n, tag: 'garder' as const })), 'e1')).toBeNull();
  });
});
