// The contrat's own fields (name, EPCI, period, QPV): writing them in a new file, reading and changing them.
import { randomUUID } from 'node:crypto';
import { TrameError } from '../../api/result';
import type { ContratInfo, EditOutcome } from '../../api/types';
import { createFile } from '../../../db/create-file';
import { kysely, type Runner } from '../../../db/query';
import type { ChangeScope, Doc } from '../../session';
import type { ContratFields } from './contract';

export type { ContratFields };

export function writeContrat(run: Runner, c: ContratFields): void {
  run.run(
    kysely.insertInto('contrat').values({
      id: 1, name: c.name, epci: c.epci, pillar: 'emploi',
      period_start: c.period.start, period_end: c.period.end, created_at: new Date().toISOString(),
    }),
  );
  c.qpv.forEach((q, i) =>
    run.run(kysely.insertInto('qpv').values({ id: randomUUID(), position: i, code: q.code, name: q.name, commune: q.commune || null })),
  );
}

export function createEmpty(file: string, contrat: ContratFields): void {
  createFile(file, (run) => writeContrat(run, contrat));
}

export function readContrat(store: Pick<Doc, 'run'>): ContratInfo {
  const c = store.run.first(kysely.selectFrom('contrat').selectAll().where('id', '=', 1));
  if (!c) throw new TrameError('fichier-invalide', 'Ce fichier ne contient pas de contrat.');
  const qpv = store.run.all(kysely.selectFrom('qpv').selectAll().orderBy('position'));
  return {
    name: c.name,
    epci: c.epci,
    pillar: 'emploi',
    period: { start: c.period_start, end: c.period_end },
    qpv: qpv.map((q) => ({ code: q.code, name: q.name, commune: q.commune })),
  };
}

export function updateContrat(store: Doc, patch: Partial<ContratFields>): EditOutcome {
  return store.edit('Modifier le contrat', () => {
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.epci !== undefined) set.epci = patch.epci;
    if (patch.period !== undefined) {
      set.period_start = patch.period.start;
      set.period_end = patch.period.end;
    }
    if (Object.keys(set).length) store.run.run(kysely.updateTable('contrat').set(set).where('id', '=', 1));
    if (patch.qpv !== undefined) {
      store.run.run(kysely.deleteFrom('qpv'));
      patch.qpv.forEach((q, i) =>
        store.run.run(kysely.insertInto('qpv').values({ id: store.newId(), position: i, code: q.code, name: q.name, commune: q.commune || null })),
      );
    }
    return { undo: null, redo: null };
  });
}


/** The tables of the contrat's own fields: a change to them tells the pages to show the contrat's name again. */
export const contratChangeScope: Partial<ChangeScope> = { contrat: ['contrat', 'qpv'] };
