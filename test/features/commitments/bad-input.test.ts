// Every bad input of the issue: a French message, and nothing written (the journal and the data are as before).
import { describe, expect, it } from 'vitest';
import { commitmentsContrat } from './setup';

describe('bad input is refused in French and writes nothing', () => {
  it('refuses each bad commitment, partner and signatory', async () => {
    const { h, docId, nodes } = await commitmentsContrat();
    await h.must('partners.add', { docId, name: 'France Travail', type: 'service-public-emploi' });
    const p = (await h.must('commitments.view', { docId })).partners[0].id;
    await h.must('commitments.add', { docId, partnerId: p, nodeIds: [nodes.a1], text: 'Déjà là' });
    const snapshot = async () => ({ view: await h.must('commitments.view', { docId }), journal: (await h.must('journal.list', { docId })).length });
    const before = await snapshot();
    const base = { docId, partnerId: p, nodeIds: [nodes.a1], text: 'Engagement' };
    const cases: [string, unknown, RegExp][] = [
      ['commitments.add', { ...base, partnerId: 'absent' }, /partenaire n'existe pas/],
      ['commitments.add', { ...base, nodeIds: ['absent'] }, /n'existe pas dans l'arbre/],
      ['commitments.add', { ...base, nodeIds: [nodes.e1] }, /sert des objectifs ou des actions/],
      ['commitments.add', { ...base, nodeIds: [nodes.i1] }, /sert des objectifs ou des actions/],
      ['commitments.add', { ...base, indicatorId: nodes.a1 }, /n'est pas un indicateur/],
      ['commitments.add', { ...base, due: '2026-02-30' }, /due : .*(n'existe pas|29)/],
      ['commitments.add', { ...base, due: 'juin' }, /due : /],
      ['commitments.add', { ...base, status: 'promis' }, /status : valeur non reconnue/],
      ['commitments.add', { ...base, funding: { amount: -5, nature: 'droit-commun' } }, /montant ne peut pas être négatif/],
      ['commitments.add', { ...base, funding: { amount: 5, nature: 'europe' } }, /nature : valeur non reconnue/],
      ['commitments.add', { ...base, text: '   ' }, /texte de l'engagement est obligatoire/],
      ['commitments.setStatus', { docId, id: before.view.commitments[0].id, status: 'fini' }, /status : valeur non reconnue/],
      ['commitments.update', { docId, id: before.view.commitments[0].id, patch: { funding: { amount: -1, nature: null } } }, /négatif/],
      ['commitments.update', { docId, id: before.view.commitments[0].id, patch: { nodeIds: ['x'] } }, /n'existe pas dans l'arbre/],
      ['commitments.detach', { docId, id: before.view.commitments[0].id, nodeId: nodes.a2 }, /n'est pas rattaché/],
      ['signatories.add', { docId, partnerId: p, name: '  ' }, /nom du signataire est obligatoire/],
      ['signatories.add', { docId, partnerId: 'absent', name: 'M. X' }, /partenaire n'existe pas/],
      ['partners.add', { docId, name: '' }, /nom du partenaire est obligatoire/],
      ['partners.add', { docId, name: 'X', contact: { email: 'pas-une-adresse' } }, /adresse électronique n'est pas valide/],
      ['partners.remove', { docId, id: p }, /1 engagement|un engagement s'y rattache/],
      ['partners.remove', { docId, id: p, commitments: 'reattribuer' }, /à qui attribuer/],
      ['partners.remove', { docId, id: p, commitments: 'reattribuer', reassignTo: 'absent' }, /partenaire n'existe pas/],
    ];
    for (const [channel, input, message] of cases) {
      const r = await h.raw(channel, input);
      expect(r.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
      if (!r.ok) expect(r.error.message, `${channel} ${JSON.stringify(input)}`).toMatch(message);
    }
    // A refused partner deletion lists the commitments in its details.
    const r = await h.raw('partners.remove', { docId, id: p });
    expect(!r.ok && r.error.details).toEqual(['Déjà là']);
    expect(await snapshot()).toEqual(before);
  });

  it('deletes a partner with its commitments, or hands them to another partner, only when asked', async () => {
    const { h, docId, nodes } = await commitmentsContrat();
    await h.must('partners.addMany', { docId, partners: [{ name: 'A', type: 'autre' }, { name: 'B', type: 'autre' }] });
    const [a, b] = (await h.must('commitments.view', { docId })).partners;
    await h.must('commitments.add', { docId, partnerId: a.id, nodeIds: [nodes.a1], text: 'Un', funding: { amount: 10, nature: null } });
    await h.must('signatories.add', { docId, partnerId: a.id, name: 'Signataire A' });
    await h.must('partners.remove', { docId, id: a.id, commitments: 'reattribuer', reassignTo: b.id });
    let v = await h.must('commitments.view', { docId });
    expect(v.partners.map((x) => x.name)).toEqual(['B']);
    expect(v.commitments[0].partnerName).toBe('B');
    await h.must('partners.remove', { docId, id: b.id, commitments: 'supprimer' });
    v = await h.must('commitments.view', { docId });
    expect(v).toMatchObject({ partners: [], commitments: [] });
    await h.must('journal.undo', { docId });
    await h.must('journal.undo', { docId });
    v = await h.must('commitments.view', { docId });
    expect(v.partners.map((x) => [x.name, x.signatories.length])).toEqual([['A', 1], ['B', 0]]);
    expect(v.commitments[0]).toMatchObject({ partnerName: 'A', funding: { amount: 10 }, history: [{ status: 'propose' }] });
  });
});
