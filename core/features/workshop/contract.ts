// The workshop mode: who is in the room, the item shown to the room (and its timer), the end of the workshop and its
// minutes (relevé de l'atelier) built from the journal between its start and its end. Pure: zod and types only.
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
import { docId, docInput, id, text } from '../../api/values';
import type { NodeKind, Tag } from '../../domain/tree';

/** Someone in the room: a partner of the contrat, or a name typed. */
export interface Attendee { name: string; partnerId: string | null }

export interface WorkshopSummary {
  id: string;
  title: string;
  startedAt: string;
  endedAt: string | null;
  startedBy: string;
  attendees: Attendee[];
}

/** The state both pages follow (pushed as a `workshop` event at every change, and read with workshop.state). */
export interface WorkshopLive {
  docId: string;
  workshopId: string;
  title: string;
  /** The item shown to the room (null: none yet). */
  currentId: string | null;
  /** What the room sees of it, pushed again whenever a change touches it or its parents (no call to make). */
  item: AudienceItem | null;
  /** Where the review stands (« Non décidés — 3 sur 12 »), as the facilitator's page walks it. */
  review: { label: string; position: number; total: number } | null;
  /** The timer of the current item: its length, and either its end (running) or what is left (paused). */
  timer: { seconds: number; endsAt: number | null; remaining: number } | null;
  /** Set once the workshop ended: the audience view says so. */
  ended: boolean;
}

export interface WorkshopState {
  /** The workshop under way, if any, with what the room sees. */
  active: WorkshopSummary | null;
  live: WorkshopLive | null;
  /** The contrat's partners, to tick who is in the room. */
  partners: { id: string; name: string }[];
  /** Past workshops, the latest first (their minutes can be shown again). */
  past: WorkshopSummary[];
}

/** The current item as the audience sees it: its parents (from the enjeu down), its tag and reason. */
export interface AudienceItem {
  id: string;
  kind: NodeKind;
  title: string;
  tag: Tag | null;
  reason: string | null;
  parents: { id: string; kind: NodeKind; title: string }[];
}

export interface MinutesItem { itemId: string; kind: NodeKind; title: string; path: string[] }
export interface Minutes {
  workshopId: string;
  title: string;
  contrat: { name: string; epci: string };
  startedAt: string;
  endedAt: string;
  startedBy: string;
  attendees: Attendee[];
  /** Every decision, in the order first taken: the final tag and reason of each item, and who set it. */
  decisions: (MinutesItem & { tag: Tag | null; previousTag: Tag | null; reason: string | null; author: string; at: string })[];
  added: (MinutesItem & { author: string; at: string })[];
  removed: (MinutesItem & { author: string; at: string })[];
  moved: (MinutesItem & { from: string | null; to: string | null; author: string; at: string })[];
  renamed: (MinutesItem & { from: string; to: string; author: string; at: string })[];
  /** How many changes (journal groups) the workshop made, undone ones left out. */
  changes: number;
}

/** Each section of the minutes: its title, and the sentence a person writes when it is empty (« Aucune décision. »). */
export const MINUTES_SECTIONS = {
  attendees: { title: 'Présents', empty: 'Personne n’a été noté présent.' },
  decisions: { title: 'Décisions', empty: 'Aucune décision.' },
  added: { title: 'Éléments ajoutés', empty: 'Aucun élément ajouté.' },
  removed: { title: 'Éléments retirés', empty: 'Aucun élément retiré.' },
  moved: { title: 'Éléments déplacés', empty: 'Aucun élément déplacé.' },
  renamed: { title: 'Éléments renommés', empty: 'Aucun élément renommé.' },
} as const;

const attendee = z.union([
  z.strictObject({ partnerId: id }),
  z.strictObject({ name: text(200).trim().min(1, 'Le nom d’une personne présente est vide.') }),
]);

const timerAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('start'), seconds: z.number().int().min(10, 'Le minuteur dure au moins 10 secondes.').max(3600, 'Le minuteur dure au plus une heure.') }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('resume') }),
  z.strictObject({ action: z.literal('stop') }),
]);

/** What the workshop pushes to every page (the audience view follows it). */
export interface WorkshopEvent { kind: 'workshop'; workshop: WorkshopLive }

export const workshopContract = defineContract('workshop', {
  'workshop.state': channel<WorkshopState>()(docInput),
  /** « Démarrer un atelier »: the title and who is in the room. */
  'workshop.start': channel<WorkshopState>()(
    z.strictObject({
      docId,
      title: text(200).trim().min(1, 'Donnez un titre à l’atelier.'),
      attendees: z.array(attendee).max(200, 'Au plus 200 personnes présentes.'),
    }),
  ),
  /** The item shown to the room (and where the review stands). */
  'workshop.show': channel<WorkshopLive>()(
    z.strictObject({
      docId,
      itemId: id.nullable(),
      review: z.strictObject({ label: text(200), position: z.number().int().min(0), total: z.number().int().min(0) }).nullable().optional(),
    }),
  ),
  /** Who is in the room, corrected while the workshop runs: the new list replaces the old one (kept in the minutes). */
  'workshop.attendees': channel<WorkshopState>()(
    z.strictObject({ docId, attendees: z.array(attendee).max(200, 'Au plus 200 personnes présentes.') }),
  ),
  /** A workshop started by mistake: removed without minutes (the decisions taken meanwhile stay in the contrat). */
  'workshop.abandon': channel<WorkshopState>()(docInput),
  'workshop.timer': channel<WorkshopLive>()(z.strictObject({ docId, timer: timerAction })),
  /** What the audience view shows of an item. */
  'workshop.item': channel<AudienceItem | null>()(z.strictObject({ docId, itemId: id })),
  /** « Terminer l'atelier »: the minutes are built from the journal and kept in the file. */
  'workshop.end': channel<{ minutes: Minutes; text: string }>()(docInput),
  'workshop.minutes': channel<{ minutes: Minutes; text: string }>()(z.strictObject({ docId, workshopId: id })),
});
