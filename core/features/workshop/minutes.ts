// The minutes of a workshop (relevé de l'atelier) as plain data, built from the journal groups between its start and
// its end, and their plain-text form (« Copier le texte »). Pure: no storage here, so the documents feature can build
// its PDF and DOCX from the same data.
import { KIND_LABELS, TAG_LABELS, type NodeKind, type Tag } from '../../domain/tree';
import { countOf } from '../../domain/plural';
import { MINUTES_SECTIONS, type Attendee, type Minutes, type MinutesItem } from './contract';

type Image = Record<string, unknown>;
export interface SourceChange { tbl: string; before: Image | null; after: Image | null }
export interface SourceGroup { id: number; author: string; at: string; label: string; focusRedo: string | null; changes: SourceChange[] }
export interface SourceNode { title: string; kind: NodeKind; parentId: string | null }

export interface MinutesSource {
  workshop: { id: string; title: string; startedAt: string; endedAt: string; startedBy: string };
  contrat: { name: string; epci: string };
  attendees: Attendee[];
  /** The workshop's journal groups, in order, undone ones left out. */
  groups: SourceGroup[];
  /** Every item as it is at the end of the workshop. */
  nodes: Map<string, SourceNode>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function buildMinutes(src: MinutesSource): Minutes {
  // The last image seen of each item, for the titles and parents of items removed during the workshop.
  const seen = new Map<string, SourceNode>();
  const nodeOf = (id: string): SourceNode | undefined => src.nodes.get(id) ?? seen.get(id);
  const pathOf = (parentId: string | null): string[] => {
    const out: string[] = [];
    for (let p = parentId, guard = 0; p && guard < 64; guard++) {
      const n = nodeOf(p);
      if (!n) break;
      out.unshift(n.title);
      p = n.parentId;
    }
    return out;
  };
  const item = (id: string, img: Image | null): MinutesItem => {
    const n = nodeOf(id);
    const kind = (n?.kind ?? str(img?.kind) ?? 'enjeu') as NodeKind;
    return { itemId: id, kind, title: n?.title ?? str(img?.title) ?? '', path: pathOf(n ? n.parentId : str(img?.parent_id)) };
  };

  const added = new Map<string, { author: string; at: string }>();
  const removed = new Map<string, { author: string; at: string; img: Image }>();
  const renamed = new Map<string, { from: string; to: string; author: string; at: string }>();
  const moved = new Map<string, { from: string | null; to: string | null; author: string; at: string }>();
  const decided = new Map<string, { previousTag: Tag | null; previousReason: string | null; tag: Tag | null; reason: string | null; author: string; at: string }>();

  for (const g of src.groups) {
    const deletedHere = new Set(g.changes.filter((c) => c.tbl === 'node' && c.before && !c.after).map((c) => str(c.before!.id)));
    for (const c of g.changes) {
      if (c.tbl !== 'node') continue;
      const img = (c.after ?? c.before)!;
      const id = str(img.id);
      if (!id) continue;
      seen.set(id, { title: str(img.title) ?? '', kind: (str(img.kind) ?? 'enjeu') as NodeKind, parentId: str(img.parent_id) });
      const who = { author: g.author, at: g.at };
      if (!c.before) {
        added.set(id, who);
        continue;
      }
      if (!c.after) {
        if (added.delete(id)) {
          decided.delete(id);
          continue; // added and removed during the workshop: nothing to report
        }
        renamed.delete(id);
        moved.delete(id);
        // Only the top of a removed subtree: its children went with it.
        if (!deletedHere.has(str(c.before.parent_id))) removed.set(id, { ...who, img: c.before });
        continue;
      }
      const b = c.before;
      const a = c.after;
      if (b.title !== a.title && !added.has(id)) {
        renamed.set(id, { from: renamed.get(id)?.from ?? String(b.title), to: String(a.title), ...who });
      }
      const reparented = b.parent_id !== a.parent_id;
      if ((reparented || (b.order_key !== a.order_key && g.focusRedo === id)) && !added.has(id)) {
        const from = moved.has(id) ? moved.get(id)!.from : str(b.parent_id);
        moved.set(id, { from, to: str(a.parent_id), ...who });
      }
      if (b.tag !== a.tag || b.tag_note !== a.tag_note) {
        const prev = decided.get(id);
        decided.set(id, {
          previousTag: prev ? prev.previousTag : (str(b.tag) as Tag | null),
          previousReason: prev ? prev.previousReason : str(b.tag_note),
          tag: str(a.tag) as Tag | null,
          reason: str(a.tag_note),
          ...who,
        });
      }
    }
  }
  const titleOf = (id: string | null) => (id ? (nodeOf(id)?.title ?? null) : null);
  return {
    workshopId: src.workshop.id,
    title: src.workshop.title,
    contrat: src.contrat,
    startedAt: src.workshop.startedAt,
    endedAt: src.workshop.endedAt,
    startedBy: src.workshop.startedBy,
    attendees: src.attendees,
    decisions: [...decided]
      .filter(([, d]) => d.tag !== d.previousTag || d.reason !== d.previousReason)
      .map(([id, d]) => ({ ...item(id, null), tag: d.tag, previousTag: d.previousTag, reason: d.reason, author: d.author, at: d.at })),
    added: [...added].map(([id, w]) => ({ ...item(id, null), ...w })),
    removed: [...removed].map(([id, r]) => ({ ...item(id, r.img), author: r.author, at: r.at })),
    moved: [...moved].map(([id, m]) => ({ ...item(id, null), from: titleOf(m.from), to: titleOf(m.to), author: m.author, at: m.at })),
    renamed: [...renamed].filter(([, r]) => r.from !== r.to).map(([id, r]) => ({ ...item(id, null), ...r })),
    changes: src.groups.length,
  };
}

const when = (iso: string, style: 'long' | 'time' = 'long'): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return style === 'time'
    ? d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
};

export const tagText = (tag: Tag | null): string => (tag ? TAG_LABELS[tag] : 'Sans décision');
const itemText = (i: MinutesItem): string =>
  `${KIND_LABELS[i.kind]} « ${i.title} »${i.path.length ? ` (${i.path.join(' › ')})` : ''}`;

/** The minutes as plain text, in French: what « Copier le texte » puts in the clipboard. */
export function minutesText(m: Minutes): string {
  const lines: string[] = [];
  const section = <T>(key: keyof typeof MINUTES_SECTIONS, list: T[], line: (x: T) => string) => {
    const { title, empty } = MINUTES_SECTIONS[key];
    lines.push('', list.length === 0 ? `${title} : ${empty}` : `${title} (${list.length})`);
    for (const x of list) lines.push(`- ${line(x)}`);
  };
  lines.push(`Relevé de l’atelier « ${m.title} »`);
  lines.push(`Contrat : ${m.contrat.name} — ${m.contrat.epci}`);
  lines.push(`Du ${when(m.startedAt)} au ${when(m.endedAt)}, animé par ${m.startedBy}.`);
  section('attendees', m.attendees, (a) => `${a.name}${a.partnerId ? ' (partenaire du contrat)' : ''}`);
  section('decisions', m.decisions, (d) =>
    `${tagText(d.tag)} : ${itemText(d)}${d.reason ? ` — raison : ${d.reason}` : ' — sans raison écrite'} — ${d.author}, ${when(d.at, 'time')}`,
  );
  section('added', m.added, (a) => `${itemText(a)} — ${a.author}, ${when(a.at, 'time')}`);
  section('removed', m.removed, (r) => `${itemText(r)} — ${r.author}, ${when(r.at, 'time')}`);
  section('moved', m.moved, (d) =>
    `${itemText(d)} : de « ${d.from ?? 'premier niveau'} » vers « ${d.to ?? 'premier niveau'} » — ${d.author}, ${when(d.at, 'time')}`,
  );
  section('renamed', m.renamed, (r) => `« ${r.from} » devient « ${r.to} » (${KIND_LABELS[r.kind].toLowerCase()}) — ${r.author}, ${when(r.at, 'time')}`);
  lines.push('', `${countOf(m.changes, 'modification')} pendant l’atelier.`.replace(/\u00a0/g, ' '));
  return lines.join('\n');
}
