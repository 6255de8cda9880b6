// Contrats in the interchange format that the UI tests build through the handlers.
import { TAGS } from '../../core/domain/tree';
import { generateContrat } from '../helpers/contrat-generator';

/** 10 enjeux × 10 objectifs × 10 actions × 9 indicateurs = 10 110 items, each tagged in turn (or not). */
export function bigDocument(): unknown {
  return generateContrat({
    counts: [10, 10, 10, 9],
    tags: { cycle: [...TAGS, undefined], order: 'post' },
    contrat: { name: 'Grand contrat', epci: 'Métropole Test', period: { start: 2024, end: 2030 }, qpv: [] },
  });
}
