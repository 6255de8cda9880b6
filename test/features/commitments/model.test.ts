import { describe, expect, it } from 'vitest';
import { lateList, matrixOf, fundingSummary, daysLate, formatEuros, progressOf } from '../../../core/domain/commitments';
import { formatFrenchDate } from '../../../core/domain/french-dates';
import { commitmentsContrat } from './setup';

describe('partners, signatories and commitments through the handlers', () => {
  it('records a commitment with funding, target and indicateur; status changes are dated, attributed and kept', async () => {
    const { h, docId, nodes } = await commitmentsContrat();
    await h.must('partners.addMany', { docId, partners: [{ name: 'France Travail', type: 'service-public-emploi' }, { name: 'EPCI', type: 'collectivite' }] });
    let view = await h.must('commitments.view', { docId });
    const ft = view.partners[0];
    await h.must('partners.update', { docId, id: ft.id, patch: { contact: { name: 'Léa Martin', email: 'lea.martin@francetravail.fr', phone: '03 20 00 00 00' } } });
    await h.must('signatories.add', { docId, partnerId: ft.id, name: 'Mme la directrice territoriale', role: 'Directrice' });
    const added = await h.must('commitments.add', {
      docId, partnerId: ft.id, nodeIds: [nodes.a1, nodes.o2], text: '30 % de jeunes QPV en CEJ',
      target: { value: 30, unit: '%' }, indicatorId: nodes.i1, funding: { amount: 25000.5, nature: 'droit-commun' }, due: '2025-06', note: 'Convention 2024',
    });
    await h.must('commitments.setStatus', { docId, id: added.focusId!, status: 'en-cours', note: 'Permanence ouverte le 3 mars' });
    view = await h.must('commitments.view', { docId });
    expect(view.partners[0]).toMatchObject({
      name: 'France Travail', type: 'service-public-emploi', commitmentCount: 1,
      contact: { name: 'Léa Martin', email: 'lea.martin@francetravail.fr', phone: '03 20 00 00 00' },
      signatories: [{ name: 'Mme la directrice territoriale', role: 'Directrice' }],
    });
    const c = view.commitments[0];
    expect(c).toMatchObject({
      partnerName: 'France Travail', status: 'en-cours', due: '2025-06', target: { value: 30, unit: '%' },
      funding: { amount: 25000.5, nature: 'droit-commun' },
      nodes: [{ id: nodes.a1, enjeuId: nodes.e1 }, { id: nodes.o2, enjeuId: nodes.e2 }],
    });
    expect(c.history.map((x) => [x.status, x.author, x.note])).toEqual([
      ['propose', 'Nadia Benali', 'Convention 2024'],
      ['en-cours', 'Nadia Benali', 'Permanence ouverte le 3 mars'],
    ]);
    expect(c.history[1].authorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(c.history[1].at)).not.toBeNaN();
    // Progress: the latest QPV measurement (m2, 13 %), not the reference-territory one; from the baseline 10 to 30.
    expect(c.progress).toMatchObject({ measurement: { id: 'm2', value: 13 }, ratio: 0.15 });
    expect(c.progress!.label).toBe('13 % mesuré au 30/06/2025 (cible 30 %) : 15 % de la cible');
    // One status change is one undoable step: undo takes the status and its history entry back together.
    await h.must('journal.undo', { docId });
    view = await h.must('commitments.view', { docId });
    expect(view.commitments[0].status).toBe('propose');
    expect(view.commitments[0].history).toHaveLength(1);
    await h.must('journal.redo', { docId });
    expect((await h.must('commitments.view', { docId })).commitments[0].history).toHaveLength(2);
  });

  it('says « pas de mesure » when the indicateur has no QPV measurement', async () => {
    const { h, docId, nodes } = await commitmentsContrat();
    const ind = (await h.must('tree.add', { docId, parentId: nodes.o2, title: 'Entrées EPIDE', kind: 'indicateur' })).focusId!;
    await h.must('partners.add', { docId, name: 'EPIDE', type: 'formation' });
    const p = (await h.must('commitments.view', { docId })).partners[0];
    await h.must('commitments.add', { docId, partnerId: p.id, nodeIds: [nodes.a3], text: '40 % de volontaires QPV', target: { value: 40, unit: '%' }, indicatorId: ind });
    await h.must('commitments.add', { docId, partnerId: p.id, nodeIds: [nodes.a3], text: 'Sans cible', indicatorId: ind });
    const [a, b] = (await h.must('commitments.view', { docId })).commitments;
    expect(a.progress).toEqual({ measurement: null, ratio: null, label: 'pas de mesure' });
    expect(b.progress).toBeNull();
  });

  it('lateness: a year or a month counts as its last day; kept or abandoned commitments are never late; sorted by how late', async () => {
    const { h, docId, nodes } = await commitmentsContrat();
    await h.must('partners.add', { docId, name: 'Mission locale', type: 'service-public-emploi' });
    const p = (await h.must('commitments.view', { docId })).partners[0].id;
    const mk = async (text: string, due: string, status?: 'tenu' | 'abandonne' | 'non-tenu') => {
      const id = (await h.must('commitments.add', { docId, partnerId: p, nodeIds: [nodes.a1], text, due })).focusId!;
      if (status) await h.must('commitments.setStatus', { docId, id, status });
    };
    await mk('Année 2025', '2025');
    await mk('Février 2024', '2024-02');
    await mk('Jour précis', '2025-12-30');
    await mk('Tenu', '2020', 'tenu');
    await mk('Abandonné', '2020', 'abandonne');
    await mk('Non tenu', '2025-06-01', 'non-tenu');
    const list = (await h.must('commitments.view', { docId })).commitments;
    const today = '2025-12-31';
    expect(daysLate(list[0], today)).toBeNull(); // « 2025 » lasts until 31/12/2025
    expect(daysLate(list[0], '2026-01-01')).toBe(1);
    expect(daysLate({ due: '2024-02', status: null }, '2024-02-29')).toBeNull(); // leap year: February ends on the 29th
    expect(daysLate({ due: '2024-02', status: null }, '2024-03-01')).toBe(1);
    expect(lateList(list, today).map((l) => [l.commitment.text, l.days])).toEqual([
      ['Février 2024', 671], ['Non tenu', 213], ['Jour précis', 1],
    ]);
  });

  it('the matrix partner × enjeu (count, worst status) and the droit commun / crédits spécifiques split', async () => {
    const { h, docId, nodes } = await commitmentsContrat();
    await h.must('partners.addMany', { docId, partners: [{ name: 'État', type: 'etat' }, { name: 'Région', type: 'collectivite' }] });
    const [etat, region] = (await h.must('commitments.view', { docId })).partners;
    const add = (partnerId: string, nodeIds: string[], amount: number | null, nature: 'droit-commun' | 'credits-specifiques' | null) =>
      h.must('commitments.add', { docId, partnerId, nodeIds, text: `E ${amount}`, funding: { amount, nature } });
    const c1 = (await add(etat.id, [nodes.a1], 100000, 'credits-specifiques')).focusId!;
    await add(etat.id, [nodes.a2], 50000, 'droit-commun');
    await add(etat.id, [nodes.a3], 20000, 'droit-commun');
    await add(region.id, [], 7000, null);
    await h.must('commitments.setStatus', { docId, id: c1, status: 'non-tenu' });
    const v = await h.must('commitments.view', { docId });
    const m = matrixOf(v.commitments, v.partners, v.enjeux);
    expect(m.enjeux.map((e) => e.title)).toEqual(['Accès à l’emploi', 'Formation', 'Sans enjeu']);
    expect(m.cells.get(etat.id)!.get(nodes.e1)).toMatchObject({ worst: 'non-tenu' });
    expect(m.cells.get(etat.id)!.get(nodes.e1)!.ids).toHaveLength(2);
    expect(m.cells.get(etat.id)!.get(nodes.e2)).toMatchObject({ worst: 'propose' });
    expect(m.cells.get(region.id)!.get('')!.ids).toHaveLength(1);
    const s = fundingSummary(v.commitments, v.partners, v.enjeux);
    expect(s.byPartner).toEqual([
      { key: etat.id, label: 'État', droitCommun: 70000, creditsSpecifiques: 100000, nonPrecise: 0 },
      { key: region.id, label: 'Région', droitCommun: 0, creditsSpecifiques: 0, nonPrecise: 7000 },
    ]);
    expect(s.byEnjeu.map((l) => [l.label, l.droitCommun, l.creditsSpecifiques])).toEqual([['Accès à l’emploi', 50000, 100000], ['Formation', 20000, 0]]);
    expect(s.total).toMatchObject({ droitCommun: 70000, creditsSpecifiques: 100000, nonPrecise: 7000 });
  });

  it('detaches a commitment from an item, and deletes an item its commitments serve in ONE undoable step', async () => {
    const { h, docId, nodes } = await commitmentsContrat();
    await h.must('partners.add', { docId, name: 'CAF', type: 'social' });
    const p = (await h.must('commitments.view', { docId })).partners[0].id;
    const c = (await h.must('commitments.add', { docId, partnerId: p, nodeIds: [nodes.a1, nodes.a2], text: 'Places en crèche', indicatorId: nodes.i1 })).focusId!;
    await h.must('commitments.detach', { docId, id: c, nodeId: nodes.a2 });
    expect((await h.must('commitments.view', { docId })).commitments[0].nodes.map((n) => n.id)).toEqual([nodes.a1]);
    // The tree's own delete still refuses; the commitments' one detaches and deletes together.
    const refused = await h.call('tree.remove', { docId, id: nodes.o1 });
    expect(refused.ok || refused.error.message).toMatch(/Détachez d'abord l'engagement/);
    const before = (await h.must('tree.get', { docId })).nodes.length;
    await h.must('commitments.removeNode', { docId, nodeId: nodes.o1 });
    let v = await h.must('commitments.view', { docId });
    expect(v.commitments[0]).toMatchObject({ nodes: [], indicator: null });
    expect((await h.must('tree.get', { docId })).nodes.length).toBe(before - 4);
    await h.must('journal.undo', { docId });
    v = await h.must('commitments.view', { docId });
    expect(v.commitments[0].nodes.map((n) => n.id)).toEqual([nodes.a1]);
    expect(v.commitments[0].indicator?.id).toBe(nodes.i1);
    expect((await h.must('tree.get', { docId })).nodes.length).toBe(before);
  });
});

describe('formatEuros', () => {
  it('two decimals when the amount is not whole, none when it is; French grouping with a narrow no-break space', () => {
    const N = '\u202f';
    expect(formatEuros(15000.5)).toBe(`15${N}000,50${N}€`);
    expect(formatEuros(25000)).toBe(`25${N}000${N}€`);
    expect(formatEuros(0.1 + 0.2)).toBe(`0,30${N}€`);
    expect(formatEuros(1234567.891)).toBe(`1${N}234${N}567,89${N}€`);
    expect(formatEuros(0)).toBe(`0${N}€`);
  });
});

describe('progressOf', () => {
  it('says « mesuré en 2024 » and « mesuré en juin 2025 », « mesuré au 30/06/2025 »: the preposition of the date', () => {
    const label = (date: string) =>
      progressOf({ value: 30, unit: '%' }, { baselineValue: 10, unit: '%' }, [{ id: 'm', date, value: 13, scope: 'qpv' }], formatFrenchDate)!.label;
    expect(label('2024')).toBe('13 % mesuré en 2024 (cible 30 %) : 15 % de la cible');
    expect(label('2025-06')).toBe('13 % mesuré en juin 2025 (cible 30 %) : 15 % de la cible');
    expect(label('2025-06-30')).toBe('13 % mesuré au 30/06/2025 (cible 30 %) : 15 % de la cible');
  });
});
