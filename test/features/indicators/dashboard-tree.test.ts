// The COPIL dashboard's reading of the tree (dashboard.ts) against the tree itself: on a
// generated contrat whose items were then moved, added and removed (order keys no longer follow the creation
// order), the dashboard lists every indicator in the order of tree.get, each under the enjeu above it, and its tag
// counts are those the pure tagCounts gives for tree.get's items.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFromDocument } from '../../../core/features/files/import';
import { tagCounts } from '../../../core/features/indicators/model/tags';
import { TAGS } from '../../../core/domain/tree';
import { generateContrat } from '../../helpers/contrat-generator';
import { harness } from '../../helpers/handlers';

describe('the dashboard reads the tree as the tree reads itself', () => {
  it('indicators in tree order with their enjeu, tag counts per enjeu, after moves, additions and removals', async () => {
    const h = harness();
    const file = path.join(h.dir, 'tableau.trame');
    createFromDocument(
      file,
      generateContrat({
        counts: [4, 3, 3, 2],
        tags: { cycle: [...TAGS, undefined], order: 'pre' },
        contrat: { name: 'Contrat du tableau', epci: 'Agglo Test', period: { start: 2024, end: 2030 }, qpv: [] },
      }),
    );
    const { docId } = await h.must('doc.open', { path: file });
    const nodes = async () => (await h.must('tree.get', { docId })).nodes;
    let tree = await nodes();
    const enjeux = tree.filter((n) => n.kind === 'enjeu');
    const actions = tree.filter((n) => n.kind === 'action');
    const indicateurs = tree.filter((n) => n.kind === 'indicateur');
    // Reorder: an enjeu to the end, an action to another objectif of another enjeu, an indicator first among its
    // siblings; one indicator added before the others, one removed.
    await h.must('tree.move', { docId, id: enjeux[0].id, parentId: null, index: enjeux.length - 1 });
    const otherObjectif = tree.find((n) => n.kind === 'objectif' && n.parentId === enjeux[2].id)!;
    await h.must('tree.move', { docId, id: actions[1].id, parentId: otherObjectif.id, index: 0 });
    const last = indicateurs[indicateurs.length - 1];
    await h.must('tree.move', { docId, id: last.id, parentId: last.parentId, index: 0 });
    await h.must('tree.add', { docId, parentId: actions[5].id, index: 0, kind: 'indicateur', title: 'Indicateur ajouté en tête' });
    await h.must('tree.remove', { docId, id: indicateurs[3].id });
    await h.must('tree.update', { docId, id: indicateurs[6].id, patch: { tag: 'jeter' } });
    // Leaves that are no indicators (an action, an objectif without children), tagged, among siblings that lead to
    // indicators: counted, not listed.
    const leafAction = (await h.must('tree.add', { docId, parentId: otherObjectif.id, index: 1, kind: 'action', title: 'Action sans indicateur' })).focusId!;
    await h.must('tree.update', { docId, id: leafAction, patch: { tag: 'ajouter' } });
    const leafObjectif = (await h.must('tree.add', { docId, parentId: enjeux[1].id, index: 0, kind: 'objectif', title: 'Objectif vide' })).focusId!;
    await h.must('tree.update', { docId, id: leafObjectif, patch: { tag: 'mettre-en-veille' } });

    tree = await nodes();
    const byId = new Map(tree.map((n) => [n.id, n] as const));
    const enjeuOf = (id: string): string => {
      let n = byId.get(id)!;
      while (n.parentId !== null) n = byId.get(n.parentId)!;
      return n.id;
    };
    const expected = tree.filter((n) => n.kind === 'indicateur').map((n) => ({ id: n.id, title: n.title, enjeuId: enjeuOf(n.id) }));
    expect(expected.length).toBe(indicateurs.length);

    const d = await h.must('indicators.dashboard', { docId });
    expect(d.indicators.map((i) => ({ id: i.id, title: i.title, enjeuId: i.enjeuId }))).toEqual(expected);
    expect(d.enjeux).toEqual(tree.filter((n) => n.parentId === null).map((n) => ({ id: n.id, title: n.title })));
    expect(d.tags).toEqual(tagCounts(tree));
    // The moved enjeu is last, and its indicators come last.
    expect(d.enjeux.at(-1)?.id).toBe(enjeux[0].id);
    expect(d.indicators.at(-1)?.enjeuId).toBe(enjeux[0].id);

    // A filter by enjeu keeps the same order.
    const second = d.enjeux[1].id;
    const filtered = await h.must('indicators.dashboard', { docId, filters: { enjeuId: second } });
    expect(filtered.indicators.map((i) => i.id)).toEqual(expected.filter((i) => i.enjeuId === second).map((i) => i.id));
  });
});
