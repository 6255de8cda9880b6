// A generated contrat of N items (enjeux → objectifs → actions → indicateurs), for the bench and load tests: the
// shared generator (test/helpers/contrat-generator.ts) with the bench's parameters.
import type { TrameDocument } from '../../core/domain/format-types';
import { TAGS } from '../../core/domain/tree';
import { generateContrat } from '../helpers/contrat-generator';

export function generateDocument(target: number): TrameDocument {
  const doc = generateContrat({
    counts: [Number.POSITIVE_INFINITY, 10, 4, 1],
    limit: target,
    tags: { cycle: [...TAGS, undefined], order: 'pre', kinds: ['objectif', 'action'] },
    title: (kind, [e, o, a]) => ({
      enjeu: `Enjeu ${e} : lever les freins à l'emploi`,
      objectif: `Objectif ${e}.${o}`,
      action: `Action ${e}.${o}.${a} — accompagnement vers l'emploi`,
      indicateur: `Part des bénéficiaires résidant en QPV (${e}.${o}.${a})`,
    } satisfies Record<typeof kind, string>)[kind],
    fields: (kind, path) => ({
      id: path.map((n, i) => `${'eoai'[i]}${n}`).join(''),
      ...(kind === 'action' ? { description: 'Action portée par la Mission locale et France Travail dans les QPV.' } : {}),
      ...(kind === 'indicateur'
        ? { indicator: { unit: '%', direction: 'hausse', baseline: { value: 12, date: '2023' }, target: { value: 20, date: '2030' } } }
        : {}),
    }),
    contrat: { name: `Contrat généré (${target} éléments)`, epci: 'EPCI de test', pillar: 'emploi', period: { start: 2024, end: 2030 }, qpv: [] },
  });
  return { ...doc, partners: [], commitments: [], signatories: [] };
}
