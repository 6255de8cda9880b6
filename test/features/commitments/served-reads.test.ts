// commitments.view reads, of the tree, only the items its commitments serve or are measured by (issue 22, item 5):
// its queries are checked by SQLite's own query plan (no full scan of the item or measurement tables), and what it
// answers is the same as a read of the whole tree would give (each item's enjeu, the measured indicator's progress).
import { describe, expect, it } from 'vitest';
import { loadTree } from '../../../core/features/tree/queries';
import { readCommitments } from '../../../core/features/commitments';
import { commitmentsContrat } from './setup';

describe('commitments.view reads what its commitments serve', () => {
  it('no full scan of the tree or the measurements, and the same enjeux as the whole tree gives', async () => {
    const { h, docId, nodes } = await commitmentsContrat();
    // A larger tree beside: 300 more actions that no commitment serves.
    for (let k = 0; k < 30; k++) {
      const o = (await h.must('tree.add', { docId, parentId: nodes.e2, title: `Objectif ${k}`, kind: 'objectif' })).focusId!;
      for (let j = 0; j < 10; j++) await h.must('tree.add', { docId, parentId: o, title: `Action ${k}.${j}`, kind: 'action' });
    }
    await h.must('partners.addMany', { docId, partners: [{ name: 'France Travail', type: 'service-public-emploi' }] });
    const partnerId = (await h.must('commitments.view', { docId })).partners[0].id;
    await h.must('commitments.add', { docId, partnerId, nodeIds: [nodes.a1, nodes.o2], text: 'Un', target: { value: 30, unit: '%' }, indicatorId: nodes.i1 });
    await h.must('commitments.add', { docId, partnerId, nodeIds: [nodes.a3], text: 'Deux' });

    const store = h.set.store(docId)!;
    const seen: string[] = [];
    const stmt = store.run.stmt.bind(store.run);
    store.run.stmt = (sql: string) => {
      seen.push(sql);
      return stmt(sql);
    };
    const { commitments, enjeux } = readCommitments(store);
    store.run.stmt = stmt;
    for (const sql of seen) {
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(sql.split('?').length - 1).fill(null)) as { detail: string }[]).map((p) => p.detail);
      expect(plan.filter((d) => /^SCAN (node|measurement|indicator)\b/.test(d)), sql).toEqual([]);
    }

    const tree = new Map(loadTree(store).map((n) => [n.id, n]));
    const rootOf = (id: string): string => {
      let n = tree.get(id)!;
      while (n.parentId) n = tree.get(n.parentId)!;
      return n.id;
    };
    expect(enjeux.map((e) => e.id)).toEqual([nodes.e1, nodes.e2]);
    const refs = commitments.flatMap((c) => c.nodes);
    expect(refs.map((r) => r.id)).toEqual([nodes.a1, nodes.o2, nodes.a3]);
    for (const r of refs) expect(r.enjeuId).toBe(rootOf(r.id));
    expect(commitments[0].indicator).toMatchObject({ id: nodes.i1, unit: '%' });
    expect(commitments[0].progress).not.toBeNull();
  });
});
