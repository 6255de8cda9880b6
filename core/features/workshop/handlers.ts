import type { HandlersOf } from '../../api/registry';
import { TrameError } from '../../api/result';
import type { CoreEvent, FeatureContext } from '../../session';
import type { Doc } from '../../session';
import type { WorkshopEvent, WorkshopLive, workshopContract } from './contract';
import { minutesText } from './minutes';
import { abandonWorkshop, activeWorkshop, audienceItem, endWorkshop, partners, pastWorkshops, readMinutes, setAttendees, startWorkshop } from './queries';

export function workshopHandlers({ docs, events }: FeatureContext<CoreEvent | WorkshopEvent>): HandlersOf<typeof workshopContract> {
  // What the room sees (current item, timer) lives in memory: it changes at every step of the review and is no
  // part of the contrat. The workshop itself (start, attendees, end, minutes) is in the file.
  const lives = new WeakMap<Doc, WorkshopLive>();

  const liveOf = (docId: string, s: Doc): WorkshopLive | null => {
    const w = activeWorkshop(s);
    if (!w) return null;
    let live = lives.get(s);
    if (!live || live.workshopId !== w.id) {
      live = { docId, workshopId: w.id, title: w.title, currentId: null, item: null, review: null, timer: null, ended: false };
      lives.set(s, live);
    }
    live.docId = docId;
    return live;
  };
  const mustLive = (docId: string, s: Doc): WorkshopLive => {
    const live = liveOf(docId, s);
    if (!live) throw new TrameError('introuvable', 'Aucun atelier n’est en cours sur ce contrat : démarrez-en un.');
    return live;
  };
  const publish = (live: WorkshopLive): WorkshopLive => {
    events.emit({ kind: 'workshop', workshop: { ...live } });
    return live;
  };
  // A decision, a reason or a title changed on the item shown or one of its parents (from any page, undo included):
  // the room's view is pushed at once, with the item, so the audience page needs no call of its own.
  events.on((e) => {
    if (e.kind !== 'doc-changed') return;
    const s = docs.find(e.change.docId);
    const live = s ? lives.get(s) : undefined;
    if (!s || !live?.currentId) return;
    const watched = new Set([live.currentId, ...(live.item?.parents.map((p) => p.id) ?? [])]);
    if (!e.change.itemIds.some((id) => watched.has(id))) return;
    live.item = audienceItem(s, live.currentId);
    publish(live);
  });

  /** The workshop is over (ended or abandoned): the audience view says so. */
  const closeLive = (s: Doc, live: WorkshopLive) => {
    lives.delete(s);
    publish({ ...live, ended: true, timer: null });
  };

  const state = (docId: string, s: Doc) => ({
    active: activeWorkshop(s), live: liveOf(docId, s), partners: partners(s), past: pastWorkshops(s),
  });

  return {
    'workshop.state': ({ docId }) => state(docId, docs.docOf(docId)),
    'workshop.start': ({ docId, title, attendees }) => {
      const s = docs.docOf(docId);
      startWorkshop(s, title, attendees);
      const out = state(docId, s);
      if (out.live) publish(out.live);
      return out;
    },
    'workshop.attendees': ({ docId, attendees }) => {
      const s = docs.docOf(docId);
      setAttendees(s, attendees);
      return state(docId, s);
    },
    'workshop.abandon': ({ docId }) => {
      const s = docs.docOf(docId);
      const live = liveOf(docId, s);
      abandonWorkshop(s);
      if (live) closeLive(s, live);
      return state(docId, s);
    },
    'workshop.show': ({ docId, itemId, review }) => {
      const s = docs.docOf(docId);
      const live = mustLive(docId, s);
      const item = itemId === null ? null : audienceItem(s, itemId);
      if (itemId !== null && !item) throw new TrameError('introuvable', 'Cet élément n’existe plus dans l’arbre.');
      // A new item starts with its timer stopped (the facilitator starts it when the discussion starts).
      if (itemId !== live.currentId) live.timer = null;
      live.currentId = itemId;
      live.item = item;
      if (review !== undefined) live.review = review;
      return publish(live);
    },
    'workshop.timer': ({ docId, timer }) => {
      const live = mustLive(docId, docs.docOf(docId));
      const now = Date.now();
      const t = live.timer;
      if (timer.action === 'start') live.timer = { seconds: timer.seconds, endsAt: now + timer.seconds * 1000, remaining: timer.seconds };
      else if (timer.action === 'stop') live.timer = null;
      else if (!t) throw new TrameError('introuvable', 'Aucun minuteur n’est lancé pour cet élément.');
      else if (timer.action === 'pause' && t.endsAt !== null) live.timer = { ...t, endsAt: null, remaining: Math.max(0, Math.round((t.endsAt - now) / 1000)) };
      else if (timer.action === 'resume' && t.endsAt === null) live.timer = { ...t, endsAt: now + t.remaining * 1000 };
      return publish(live);
    },
    'workshop.item': ({ docId, itemId }) => audienceItem(docs.docOf(docId), itemId),
    'workshop.end': ({ docId }) => {
      const s = docs.docOf(docId);
      const live = liveOf(docId, s);
      const minutes = endWorkshop(s);
      if (live) closeLive(s, live);
      return { minutes, text: minutesText(minutes) };
    },
    'workshop.minutes': ({ docId, workshopId }) => {
      const minutes = readMinutes(docs.docOf(docId), workshopId);
      return { minutes, text: minutesText(minutes) };
    },
  };
}
