// The interchange format's partners (contact), commitments (funding, history) and signatories: export → import →
// export gives the same document, ids kept; a history whose last status is not the commitment's is refused.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrameDocument } from '../../../core/format/schema';
import { expectProblem, minimal, schemaAgreement } from '../../format/helpers';
import { commitmentsContrat } from './setup';

function withCommitment(extra: Record<string, unknown>): any {
  const doc = minimal([{ id: 'e1', kind: 'enjeu', title: 'E', children: [{ id: 'o1', kind: 'objectif', title: 'O' }] }]);
  doc.partners = [{ id: 'p1', name: 'France Travail', type: 'service-public-emploi', contact: { name: 'Léa', email: 'lea@ft.fr', phone: '03 20' } }];
  doc.commitments = [{ id: 'c1', partner: 'p1', nodes: ['o1'], text: 'Faire', ...extra }];
  return doc;
}

describe('partners, commitments and signatories in the JSON format', () => {
  it('round-trips contact, funding, history and signatories, ids kept', async () => {
    const { h, docId, nodes } = await commitmentsContrat();
    await h.must('partners.add', { docId, name: 'France Travail', type: 'service-public-emploi', contact: { name: 'Léa Martin', email: 'lea@francetravail.fr', phone: null } });
    await h.must('partners.add', { docId, name: 'Région', type: 'collectivite' });
    const [ft, region] = (await h.must('commitments.view', { docId })).partners;
    await h.must('signatories.add', { docId, partnerId: ft.id, name: 'M. Dupont', role: 'Directeur territorial' });
    const c = (await h.must('commitments.add', {
      docId, partnerId: ft.id, nodeIds: [nodes.a1], text: '30 % de jeunes QPV', target: { value: 30, unit: '%' },
      indicatorId: nodes.i1, funding: { amount: 12500.75, nature: 'credits-specifiques' }, due: '2026-06', note: 'Signé en COPIL',
    })).focusId!;
    await h.must('commitments.setStatus', { docId, id: c, status: 'en-cours', note: 'Démarré' });
    await h.must('commitments.add', { docId, partnerId: region.id, nodeIds: [], text: 'Sans financement', funding: { amount: null, nature: 'droit-commun' } });
    const first = await h.must('format.export', { docId });
    expect(parseTrameDocument(first)).toEqual(first);
    expect(first.partners![0]).toEqual({ id: ft.id, name: 'France Travail', type: 'service-public-emploi', contact: { name: 'Léa Martin', email: 'lea@francetravail.fr' } });
    expect(first.commitments![0]).toMatchObject({
      id: c, funding: { amount: 12500.75, nature: 'credits-specifiques' }, status: 'en-cours',
      history: [{ status: 'propose', by: 'Nadia Benali', note: 'Signé en COPIL' }, { status: 'en-cours', by: 'Nadia Benali', note: 'Démarré' }],
    });
    expect(first.commitments![1]).toMatchObject({ funding: { nature: 'droit-commun' }, history: [{ status: 'propose' }] });
    expect(first.commitments![1].funding).not.toHaveProperty('amount');
    const imported = await h.mustJob('format.import', { path: path.join(h.dir, 'importe.trame'), document: first });
    const second = await h.must('format.export', { docId: imported.docId });
    expect(second).toEqual(first);
    const view = await h.must('commitments.view', { docId: imported.docId });
    expect(view.commitments[0].history.map((x) => x.status)).toEqual(['propose', 'en-cours']);
    expect(view.partners[0].signatories[0].id).toBe(first.signatories![0].id);
  });

  it('refuses a history whose last status is not the status, a negative amount, an unknown nature, a bad instant', () => {
    const history = [{ status: 'propose', at: '2025-03-02T10:00:00Z', by: 'A' }, { status: 'en-cours', at: '2025-09-14T16:20:00Z' }];
    expect(parseTrameDocument(withCommitment({ status: 'en-cours', history })).commitments![0].history).toHaveLength(2);
    expectProblem(withCommitment({ status: 'tenu', history }), 'commitments[0].history', "le dernier statut de l'historique (« en-cours ») n'est pas celui de l'engagement (« tenu »)");
    expectProblem(withCommitment({ history }), 'commitments[0].status', "absent alors que l'historique se termine par « en-cours »");
    expectProblem(withCommitment({ funding: { amount: -10 } }), 'commitments[0].funding.amount', 'au moins 0');
    expectProblem(withCommitment({ funding: { nature: 'europe' } }), 'commitments[0].funding.nature', 'non reconnue');
    expectProblem(withCommitment({ status: 'propose', history: [{ status: 'propose', at: 'hier' }] }), 'commitments[0].history[0].at', 'instant ISO 8601');
    const badContact = withCommitment({});
    badContact.partners[0].contact.mail = 'x';
    expectProblem(badContact, 'partners[0].contact.mail', 'vouliez-vous dire « email »');
  });

  it('the published JSON Schema agrees with the validator on funding, history and contact (ajv)', async () => {
    const check = await schemaAgreement();
    check(withCommitment({ status: 'acte', funding: { amount: 0, nature: 'droit-commun' }, history: [{ status: 'acte', at: '2025-01-01T00:00:00+01:00' }] }), true, 'valide');
    check(withCommitment({ funding: { amount: -1 } }), false, 'montant négatif');
    check(withCommitment({ funding: { nature: 'europe' } }), false, 'nature inconnue');
    check(withCommitment({ history: [{ status: 'acte' }], status: 'acte' }), false, 'instant manquant');
  });
});
