// A generated contrat of N items (enjeux → objectifs → actions → indicateurs), for the bench and load tests.
import type { TrameDocument, TreeNodeDoc } from '../../core/domain/format-types';
import { TAGS } from '../../core/domain/tree';

export function generateDocument(target: number): TrameDocument {
  const tree: TreeNodeDoc[] = [];
  let count = 0;
  let e = 0;
  const tag = () => TAGS[count % (TAGS.length + 1)] as TreeNodeDoc['tag'] | undefined;
  while (count < target) {
    e++;
    const enjeu: TreeNodeDoc = { id: `e${e}`, kind: 'enjeu', title: `Enjeu ${e} : lever les freins à l'emploi`, children: [] };
    count++;
    tree.push(enjeu);
    for (let o = 1; o <= 10 && count < target; o++) {
      const obj: TreeNodeDoc = { id: `e${e}o${o}`, kind: 'objectif', title: `Objectif ${e}.${o}`, tag: tag(), children: [] };
      count++;
      enjeu.children!.push(obj);
      for (let a = 1; a <= 4 && count < target; a++) {
        const act: TreeNodeDoc = {
          id: `e${e}o${o}a${a}`, kind: 'action', title: `Action ${e}.${o}.${a} — accompagnement vers l'emploi`,
          description: 'Action portée par la Mission locale et France Travail dans les QPV.', tag: tag(), children: [],
        };
        count++;
        obj.children!.push(act);
        for (let i = 1; i <= 1 && count < target; i++) {
          act.children!.push({
            id: `e${e}o${o}a${a}i${i}`, kind: 'indicateur', title: `Part des bénéficiaires résidant en QPV (${e}.${o}.${a})`,
            indicator: { unit: '%', direction: 'hausse', baseline: { value: 12, date: '2023' }, target: { value: 20, date: '2030' } },
          });
          count++;
        }
      }
    }
  }
  for (const n of tree) stripEmpty(n);
  return {
    format: 'trame', version: 1,
    contrat: { name: `Contrat généré (${target} éléments)`, epci: 'EPCI de test', pillar: 'emploi', period: { start: 2024, end: 2030 }, qpv: [] },
    tree, partners: [], commitments: [], signatories: [],
  };
}

function stripEmpty(n: TreeNodeDoc): void {
  if (n.tag === undefined) delete n.tag;
  if (n.children) {
    if (n.children.length === 0) delete n.children;
    else n.children.forEach(stripEmpty);
  }
}
