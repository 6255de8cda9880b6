// The workshop's rows in the file: starting one, ending it with its minutes, reading them back; and what the audience
// sees of an item. Every write goes through the store's write transaction (offline fallback included).
import { TrameError } from '../../api/result';
import { kysely } from '../../../db/query';
import { bulkRows } from '../../../db/journal';
import type { Doc } from '../../session';
import type { NodeKind, Tag } from '../../domain/tree';
import type { Attendee, AudienceItem, Minutes, WorkshopSummary } from './contract';
import { buildMinutes, type SourceGroup, type SourceNode } from './minutes';

type Reader = Pick<Doc, 'run'>;

export function partners(store: Reader): { id: string; name: string }[] {
  return store.run.all(kysely.selectFrom('partner').select(['id', 'name']).orderBy('position'));
}

function attendeesOf(store: Reader, workshopId: string): Attendee[] {
  return store.run
    .all(kysely.selectFrom('workshop_attendee').select(['name', 'partner_id']).where('workshop_id', '=', workshopId).orderBy('position'))
    .map((a) => ({ name: a.name, partnerId: a.partner_id }));
}

function summaries(store: Reader, open: boolean): WorkshopSummary[] {
  return store.run
    .all(
      kysely
        .selectFrom('workshop')
        .select(['id', 'title', 'started_at', 'ended_at', 'started_by'])
        .where('ended_at', open ? 'is' : 'is not', null)
        .orderBy('started_at', 'desc'),
    )
    .map((w) => ({
      id: w.id, title: w.title, startedAt: w.started_at, endedAt: w.ended_at, startedBy: w.started_by,
      attendees: attendeesOf(store, w.id),
    }));
}

export const activeWorkshop = (store: Reader): WorkshopSummary | null => summaries(store, true)[0] ?? null;
export const pastWorkshops = (store: Reader): WorkshopSummary[] => summaries(store, false);

type People = ({ partnerId: string } | { name: string })[];

/** The people in the room as stored: a partner by its current name, a name typed as is; each one once. */
function resolveAttendees(store: Reader, people: People, again: string): Attendee[] {
  const known = new Map(partners(store).map((p) => [p.id, p.name]));
  const attendees: Attendee[] = [];
  for (const p of people) {
    const a = 'partnerId' in p ? { name: known.get(p.partnerId), partnerId: p.partnerId } : { name: p.name, partnerId: null };
    if (a.name === undefined) throw new TrameError('introuvable', `Un partenaire coché n’existe plus dans ce contrat : ${again}.`);
    if (!attendees.some((x) => x.name.toLocaleLowerCase('fr') === a.name!.toLocaleLowerCase('fr'))) attendees.push(a as Attendee);
  }
  return attendees;
}

function insertAttendees(store: Doc, workshopId: string, attendees: Attendee[]): void {
  attendees.forEach((a, i) =>
    store.run.run(kysely.insertInto('workshop_attendee').values({ id: store.newId(), workshop_id: workshopId, position: i, partner_id: a.partnerId, name: a.name })),
  );
}

function mustBeActive(store: Reader): WorkshopSummary {
  const w = activeWorkshop(store);
  if (!w) throw new TrameError('introuvable', 'Aucun atelier n’est en cours sur ce contrat.');
  return w;
}

export function startWorkshop(store: Doc, title: string, people: People): WorkshopSummary {
  if (activeWorkshop(store)) {
    throw new TrameError('entree-invalide', 'Un atelier est déjà en cours sur ce contrat : terminez-le avant d’en démarrer un autre.');
  }
  const attendees = resolveAttendees(store, people, 'rouvrez « Démarrer un atelier »');
  const id = store.write(() => {
    const wid = store.newId();
    const last = store.run.stmt('SELECT coalesce(max(id), 0) AS id FROM journal_group').get() as { id: number };
    store.run.run(
      kysely.insertInto('workshop').values({
        id: wid, title, started_at: store.now(), ended_at: null, started_by: store.author, started_by_id: store.authorId,
        first_group_id: last.id, last_group_id: null, minutes: null,
      }),
    );
    insertAttendees(store, wid, attendees);
    return wid;
  });
  return summaries(store, true).find((w) => w.id === id)!;
}

/** « Corriger les présents »: the workshop under way gets this list of people in the room instead of its own. */
export function setAttendees(store: Doc, people: People): void {
  const w = mustBeActive(store);
  const attendees = resolveAttendees(store, people, 'rouvrez « Corriger les présents »');
  store.write(() => {
    store.run.run(kysely.deleteFrom('workshop_attendee').where('workshop_id', '=', w.id));
    insertAttendees(store, w.id, attendees);
  });
}

/** A workshop started by mistake: gone, with its attendees, and no minutes. Decisions taken meanwhile are kept. */
export function abandonWorkshop(store: Doc): void {
  const w = mustBeActive(store);
  store.write(() => {
    store.run.run(kysely.deleteFrom('workshop_attendee').where('workshop_id', '=', w.id));
    store.run.run(kysely.deleteFrom('workshop').where('id', '=', w.id));
  });
}

function nodesNow(store: Reader): Map<string, SourceNode> {
  const map = new Map<string, SourceNode>();
  for (const n of store.run.all(kysely.selectFrom('node').select(['id', 'title', 'kind', 'parent_id']))) {
    map.set(n.id, { title: n.title, kind: n.kind, parentId: n.parent_id });
  }
  return map;
}

function groupsBetween(store: Reader, first: number, last: number): SourceGroup[] {
  const groups = store.run.all(
    kysely
      .selectFrom('journal_group')
      .select(['id', 'author', 'at', 'label', 'focus_redo'])
      .where('id', '>', first)
      .where('id', '<=', last)
      .where('undone', '=', 0)
      .orderBy('id'),
  );
  const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as Record<string, unknown>));
  return groups.map((g) => ({
    id: g.id, author: g.author, at: g.at, label: g.label, focusRedo: g.focus_redo,
    // A bulk entry (db/journal/bulk.ts) as the rows it touched, each as its per-row entry would read.
    changes: store.run
      .all(kysely.selectFrom('journal_change').select(['tbl', 'before', 'after', 'batch']).where('group_id', '=', g.id).orderBy('id'))
      .flatMap((c) => (c.batch ? bulkRows(c, g.label).map((r) => ({ tbl: c.tbl, ...r })) : [{ tbl: c.tbl, before: parse(c.before), after: parse(c.after) }])),
  }));
}

/** Ends the workshop under way: its minutes are built from the journal and kept in the file. */
export function endWorkshop(store: Doc): Minutes {
  const w = store.run.first(kysely.selectFrom('workshop').selectAll().where('ended_at', 'is', null));
  if (!w) throw new TrameError('introuvable', 'Aucun atelier n’est en cours sur ce contrat.');
  const c = store.run.first(kysely.selectFrom('contrat').select(['name', 'epci']).where('id', '=', 1));
  return store.write(() => {
    const endedAt = store.now();
    const last = (store.run.stmt('SELECT coalesce(max(id), 0) AS id FROM journal_group').get() as { id: number }).id;
    const minutes = buildMinutes({
      workshop: { id: w.id, title: w.title, startedAt: w.started_at, endedAt, startedBy: w.started_by },
      contrat: { name: c?.name ?? '', epci: c?.epci ?? '' },
      attendees: attendeesOf(store, w.id),
      groups: groupsBetween(store, w.first_group_id, last),
      nodes: nodesNow(store),
    });
    store.run.run(
      kysely.updateTable('workshop').set({ ended_at: endedAt, last_group_id: last, minutes: JSON.stringify(minutes) }).where('id', '=', w.id),
    );
    return minutes;
  });
}

export function readMinutes(store: Reader, workshopId: string): Minutes {
  const w = store.run.first(kysely.selectFrom('workshop').select(['minutes']).where('id', '=', workshopId));
  if (!w) throw new TrameError('introuvable', 'Cet atelier n’existe pas dans ce contrat.');
  if (!w.minutes) throw new TrameError('introuvable', 'Cet atelier est encore en cours : son relevé sera établi quand il se terminera.');
  return JSON.parse(w.minutes) as Minutes;
}

export function audienceItem(store: Reader, itemId: string): AudienceItem | null {
  const one = (id: string) =>
    store.run.first(kysely.selectFrom('node').select(['id', 'parent_id', 'kind', 'title', 'tag', 'tag_note']).where('id', '=', id));
  const n = one(itemId);
  if (!n) return null;
  const parents: AudienceItem['parents'] = [];
  for (let p = n.parent_id, guard = 0; p && guard < 64; guard++) {
    const row = one(p);
    if (!row) break;
    parents.unshift({ id: row.id, kind: row.kind as NodeKind, title: row.title });
    p = row.parent_id;
  }
  return { id: n.id, kind: n.kind as NodeKind, title: n.title, tag: n.tag as Tag | null, reason: n.tag_note, parents };
}
