// A real .trame contrat on disk with a small tree (2 enjeux, objectifs, actions, an indicateur with measurements),
// opened through the handlers as every host does.
import path from 'node:path';
import { harness } from '../../helpers/handlers';
import { SAMPLE_CONTRAT } from '../../helpers/store';

export async function commitmentsContrat() {
  const h = harness();
  await h.must('settings.setUserName', { name: 'Nadia Benali' });
  const file = path.join(h.dir, 'engagements.trame');
  const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
  const docId = doc.docId;
  const add = async (parentId: string | null, title: string, kind?: 'enjeu' | 'objectif' | 'action' | 'indicateur') =>
    (await h.must('tree.add', { docId, parentId, title, ...(kind ? { kind } : {}) })).focusId!;
  const e1 = await add(null, 'Accès à l’emploi');
  const o1 = await add(e1, 'Lever les freins', 'objectif');
  const a1 = await add(o1, 'Permanences France Travail', 'action');
  const a2 = await add(o1, 'Garde d’enfants', 'action');
  const i1 = await add(o1, 'Part de jeunes en CEJ', 'indicateur');
  const e2 = await add(null, 'Formation');
  const o2 = await add(e2, 'Qualifier', 'objectif');
  const a3 = await add(o2, 'Parcours EPIDE', 'action');
  await h.must('tree.setIndicator', { docId, id: i1, patch: { unit: '%', baselineValue: 10 } });
  // Measurements: written as the indicators feature will (issue 10); here straight into the store, journaled.
  const store = h.set.store(docId)!;
  store.edit('Mesures', () => {
    store.run.stmt("INSERT INTO measurement (id, node_id, position, date, value, scope) VALUES ('m1', ?, 0, '2024', 12, 'qpv')").run(i1);
    store.run.stmt("INSERT INTO measurement (id, node_id, position, date, value, scope) VALUES ('m2', ?, 1, '2025-06-30', 13, 'qpv')").run(i1);
    store.run.stmt("INSERT INTO measurement (id, node_id, position, date, value, scope) VALUES ('m3', ?, 2, '2026-01-31', 8, 'reference')").run(i1);
    return { undo: null, redo: null };
  });
  return { h, file, docId, nodes: { e1, o1, a1, a2, i1, e2, o2, a3 } };
}
