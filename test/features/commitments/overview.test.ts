// commitments.overview (issue 22, item 5): what « Engagements » opens on, counted and summed in SQL, must say what the
// domain's rules say over the full commitments (matrixOf, fundingSummary, lateList): on the handlers' small contrat
// (a commitment serving two enjeux, one serving none, one without funding, a closed one past its deadline) and on the
// bench's generated contrat (200 partners, 2 000 commitments, 110 enjeux).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fundingSummary, lateList, matrixCounts, matrixOf } from '../../../core/domain/commitments';
import type { CommitmentsOverview, CommitmentsView } from '../../../core/features/commitments/contract';
import { readView } from '../../../core/features/commitments';
import { readOverview } from '../../../core/features/commitments/overview';
import { createFromDocument } from '../../../core/features/files/import';
import { Store } from '../../../db/store';
import { generateDocument } from '../../bench/generate';
import { withCommitments } from '../../bench/commitments';
import { commitmentsContrat } from './setup';

const round = <T>(x: T): T => JSON.parse(JSON.stringify(x, (_, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));

function sameAsTheRules(o: CommitmentsOverview, v: CommitmentsView, today: string): void {
  const m = matrixOf(v.commitments, v.partners, v.enjeux);
  expect(o.enjeux).toEqual(m.enjeux);
  expect(o.partners).toEqual(v.partners.map((p) => ({ id: p.id, name: p.name })));
  const counts = matrixCounts(o.partners, o.enjeux, o.cells);
  const expected = [...m.cells].flatMap(([p, row]) => [...row].map(([e, c]) => [p, e, c.ids.length, c.worst]));
  const got = [...counts.cells].flatMap(([p, row]) => [...row].map(([e, c]) => [p, e, c.count, c.worst]));
  const sort = (a: unknown[][]) => a.map((x) => JSON.stringify(x)).sort();
  expect(sort(got)).toEqual(sort(expected));
  expect(round(o.funding)).toEqual(round(fundingSummary(v.commitments, v.partners, v.enjeux)));
  const late = lateList(v.commitments, today);
  expect(o.late.map((l) => [l.line.id, l.days, l.line.partnerName, l.line.text, l.line.due, l.line.status])).toEqual(
    late.map((l) => [l.commitment.id, l.days, l.commitment.partnerName, l.commitment.text, l.commitment.due, l.commitment.status]),
  );
  expect(o.count).toBe(v.commitments.length);
}

describe('commitments.overview: counts and sums in SQL, as the rules say', () => {
  it('on a small contrat: two enjeux, « Sans enjeu », no funding, a closed commitment past its deadline', async () => {
    const { h, docId, nodes } = await commitmentsContrat();
    await h.must('partners.addMany', { docId, partners: [{ name: 'État', type: 'etat' }, { name: 'Région', type: 'collectivite' }, { name: 'CAF', type: 'social' }] });
    const [etat, region] = (await h.must('commitments.view', { docId })).partners;
    const c1 = (await h.must('commitments.add', { docId, partnerId: etat.id, nodeIds: [nodes.a1, nodes.a3], text: 'Deux enjeux', due: '2024-06', funding: { amount: 100000.5, nature: 'credits-specifiques' } })).focusId!;
    await h.must('commitments.add', { docId, partnerId: etat.id, nodeIds: [nodes.a2, nodes.o1], text: 'Un enjeu, deux items', due: '2023', funding: { amount: 50000, nature: 'droit-commun' } });
    await h.must('commitments.add', { docId, partnerId: region.id, nodeIds: [], text: 'Sans enjeu', due: '2025-01-15', funding: { amount: 7000, nature: null } });
    const closed = (await h.must('commitments.add', { docId, partnerId: region.id, nodeIds: [nodes.a3], text: 'Tenu', due: '2020' })).focusId!;
    await h.must('commitments.setStatus', { docId, id: c1, status: 'non-tenu' });
    await h.must('commitments.setStatus', { docId, id: closed, status: 'tenu' });
    const today = '2026-12-05';
    const o = await h.must('commitments.overview', { docId, today });
    const v = await h.must('commitments.view', { docId });
    sameAsTheRules(o, v, today);
    // What the screen shows, spelled out.
    expect(o.enjeux.map((e) => e.title)).toEqual(['Accès à l’emploi', 'Formation', 'Sans enjeu']);
    const m = matrixCounts(o.partners, o.enjeux, o.cells);
    expect(m.cells.get(etat.id)!.get(nodes.e1)).toEqual({ count: 2, worst: 'non-tenu' });
    expect(m.cells.get(etat.id)!.get(nodes.e2)).toEqual({ count: 1, worst: 'non-tenu' });
    expect(m.cells.get(region.id)!.get('')).toEqual({ count: 1, worst: 'propose' });
    expect(o.funding.total).toMatchObject({ droitCommun: 50000, creditsSpecifiques: 100000.5, nonPrecise: 7000 });
    expect(o.late.map((l) => l.line.text)).toEqual(['Un enjeu, deux items', 'Deux enjeux', 'Sans enjeu']);
    // An undone commitment leaves the overview as it was.
    await h.must('journal.undo', { docId });
    sameAsTheRules(await h.must('commitments.overview', { docId, today }), await h.must('commitments.view', { docId }), today);
  });

  it('on the bench contrat: 200 partners, 2 000 commitments, 110 enjeux', async () => {
    const { h } = await commitmentsContrat();
    const file = path.join(h.dir, 'grand.trame');
    createFromDocument(file, withCommitments(generateDocument(10_000)));
    const store = Store.openForReading(file);
    try {
      const today = '2026-11-27';
      const o = readOverview(store, today);
      expect(o.count).toBe(2000);
      expect(o.late.length).toBeGreaterThan(100);
      sameAsTheRules(o, readView(store), today);
      // The first screen's reply stays small beside the full commitments'.
      expect(JSON.stringify(o).length).toBeLessThan(JSON.stringify(readView(store)).length / 4);
    } finally {
      store.close();
    }
  }, 60_000);
});
