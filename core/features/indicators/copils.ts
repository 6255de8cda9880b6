// The COPIL meetings held: date, title, a free note. The last one is the dashboard's default « since » date.
import { TrameError } from '../../api/result';
import type { EditOutcome } from '../../api/types';
import { formatFrenchDate } from '../../domain/french-dates';
import { kysely } from '../../../db/query';
import type { CopilTable } from '../../../db/schema';
import type { Doc } from '../../session';
import type { Copil } from './contract';
import { quote } from './queries';

export function listCopils(store: Pick<Doc, 'run'>): Copil[] {
  return store.run.all(kysely.selectFrom('copil').selectAll().orderBy('date', 'desc').orderBy('id'));
}

function checkTitle(title: string): string {
  const t = title.trim();
  if (!t) throw new TrameError('entree-invalide', 'Donnez un intitulé au COPIL (par exemple « COPIL annuel »).');
  return t;
}

export function addCopil(store: Doc, c: { date: string; title: string; note?: string | null }): EditOutcome {
  const title = checkTitle(c.title);
  return store.edit(`Enregistrer le COPIL ${quote(title)} du ${formatFrenchDate(c.date)}`, () => {
    const id = store.newId();
    store.run.run(kysely.insertInto('copil').values({ id, date: c.date, title, note: c.note?.trim() || null }));
    return { undo: null, redo: id };
  });
}

function getCopil(store: Doc, id: string): CopilTable {
  const c = store.run.first(kysely.selectFrom('copil').selectAll().where('id', '=', id));
  if (!c) throw new TrameError('introuvable', "Ce COPIL n'existe plus dans le contrat.");
  return c;
}

export function updateCopil(store: Doc, id: string, patch: { date?: string; title?: string; note?: string | null }): EditOutcome {
  const c = getCopil(store, id);
  const set: Partial<CopilTable> = {};
  if (patch.date !== undefined) set.date = patch.date;
  if (patch.title !== undefined) set.title = checkTitle(patch.title);
  if (patch.note !== undefined) set.note = patch.note?.trim() || null;
  return store.edit(`Modifier le COPIL ${quote(c.title)}`, () => {
    if (Object.keys(set).length) store.run.run(kysely.updateTable('copil').set(set).where('id', '=', id));
    return { undo: id, redo: id };
  });
}

export function removeCopil(store: Doc, id: string): EditOutcome {
  const c = getCopil(store, id);
  return store.edit(`Supprimer le COPIL ${quote(c.title)} du ${formatFrenchDate(c.date)}`, () => {
    store.run.run(kysely.deleteFrom('copil').where('id', '=', id));
    return { undo: id, redo: null };
  });
}
