// « Depuis le dernier COPIL » through dispatch on a real .trame: the net effect of the steps in effect (an undone
// step does not appear, a redone one is back), one change per kind per step, the last five listed with the count of
// all, and the plan reads the journal's groups by time.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readChangesSince } from '../../../core/features/indicators';
import { harness } from '../../helpers/handlers';
import { SAMPLE_CONTRAT } from '../../helpers/store';

describe('« depuis le dernier COPIL »', () => {
  it('shows the net effect of the steps in effect, one change per kind per step, the last five and the count', async () => {
    const h = harness();
    const file = path.join(h.dir, 'c.trame');
    const { docId } = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    const add = async (parentId: string | null, title: string, kind?: 'indicateur') => (await h.must('tree.add', { docId, parentId, title, ...(kind ? { kind } : {}) })).focusId!;
    const e = await add(null, 'Accès à l’emploi');
    const o = await add(e, 'Réduire le chômage');
    const i = await add(o, 'Taux de chômage', 'indicateur');
    const today = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    await h.must('copil.add', { docId, date: `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`, title: 'COPIL annuel' });
    // Seven measurements of the indicator, seven steps: seven « Modifié », the last five listed.
    for (let y = 0; y < 7; y++) await h.must('indicators.addMeasurement', { docId, id: i, date: String(2018 + y), value: 30 - y, scope: 'qpv' });
    // A rename undone: absent. A retag undone then redone: present. A description: « Modifié ».
    await h.must('tree.update', { docId, id: e, patch: { title: 'Titre annulé' } });
    await h.must('journal.undo', { docId });
    await h.must('tree.update', { docId, id: o, patch: { tag: 'garder' } });
    await h.must('journal.undo', { docId });
    let d = await h.must('indicators.dashboard', { docId });
    expect(d.since.items.map((x) => x.title)).toEqual(['Taux de chômage']);
    await h.must('journal.redo', { docId });
    await h.must('tree.update', { docId, id: o, patch: { description: 'Priorité' } });
    d = await h.must('indicators.dashboard', { docId });
    const by = Object.fromEntries(d.since.items.map((x) => [x.title, x]));
    expect(Object.keys(by)).toEqual(['Réduire le chômage', 'Taux de chômage']);
    expect(by['Réduire le chômage']).toMatchObject({ type: 'Objectif', kinds: ['retagged', 'edited'], changeCount: 2 });
    expect(by['Réduire le chômage'].changes.map((c) => c.what)).toEqual(['retagged', 'edited']);
    expect(by['Taux de chômage']).toMatchObject({ type: 'Indicateur', kinds: ['edited'], changeCount: 7 });
    expect(by['Taux de chômage'].changes).toHaveLength(5);
    expect(d.since.counts).toEqual({ created: 0, deleted: 0, retagged: 1, edited: 2, moved: 0 });

    // The groups are found through the index on time (read once the contrat is closed).
    await h.must('doc.close', { docId });
    const db = new Database(file, { readonly: true });
    try {
      const sql: string[] = [];
      const run = { stmt: (q: string) => (sql.push(q), db.prepare(q)) };
      expect(readChangesSince({ run } as never, '2000-01-01').items.map((x) => x.title)).toEqual(expect.arrayContaining(['Réduire le chômage', 'Taux de chômage', 'COPIL annuel']));
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql[0]}`).all('2000-01-01', 0) as { detail: string }[]).map((p) => p.detail);
      expect(plan.join('\n')).toContain('journal_group_by_at');
    } finally {
      db.close();
    }
  });
});
