import path from 'node:path';
import { createEmpty } from '../../core/features/contrat/queries';
import { Store } from '../../db/store';
import { tmpDir } from './tmp';

export const SAMPLE_CONTRAT = {
  name: 'Contrat de ville 2024-2030 — CA du Val de Test',
  epci: 'Communauté d’agglomération du Val de Test',
  period: { start: 2024, end: 2030 },
  qpv: [{ code: 'QN05901M', name: 'Les Hauts', commune: 'Testville' }],
};

/** A new contrat file on disk, opened. */
export function newStore(name = 'contrat.trame'): { store: Store; file: string; dir: string } {
  const dir = tmpDir();
  const file = path.join(dir, name);
  createEmpty(file, SAMPLE_CONTRAT);
  return { store: Store.open(file, 'Camille Testeur'), file, dir };
}
