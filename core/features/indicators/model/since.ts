// « Depuis le dernier COPIL »: the journal's changes since a date, grouped by item (created, retagged, edited, moved,
// deleted), with who and when. Pure over plain rows (the store reads them in since-query.ts), so that the note de
// COPIL (issue 11) can reuse it.

/** One journal change with the few image fields the grouping needs (extracted by SQL, not parsed here). */
export interface SinceRow {
  groupId: number;
  at: string;
  author: string;
  label: string;
  /** The item the group's redo puts the focus on (the item moved by a « Déplacer »). */
  focus: string | null;
  tbl: string;
  /** The row's key: the first key column's value. */
  key: string;
  inserted: boolean;
  deleted: boolean;
  /** The owning node for indicator / measurement / indicator_qpv rows. */
  nodeId: string | null;
  /** title (node), name (partner), text (commitment), title (copil), before and after. */
  nameBefore: string | null;
  nameAfter: string | null;
  kindAfter: string | null;
  parentBefore: string | null;
  parentAfter: string | null;
  /** The node's order key among its siblings (schema 8). */
  positionBefore: string | null;
  positionAfter: string | null;
  tagBefore: string | null;
  tagAfter: string | null;
  /** Other columns that changed, as a JSON comparison done by SQL: true when description/tag_note/kind differ. */
  otherChanged: boolean;
}

export const CHANGE_KINDS = ['created', 'retagged', 'edited', 'moved', 'deleted'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_LABELS: Record<ChangeKind, string> = {
  created: 'Créé', retagged: 'Marquage changé', edited: 'Modifié', moved: 'Déplacé', deleted: 'Supprimé',
};

export interface SinceChange { what: ChangeKind; at: string; author: string; label: string }
export interface SinceItem {
  /** « node:<id> », « copil:<id> », « partner:<id> »… */
  key: string;
  id: string;
  /** What the item is, in French (« Indicateur », « COPIL », « Partenaire »…). */
  type: string;
  title: string;
  /** Each kind once, in the order of CHANGE_KINDS. */
  kinds: ChangeKind[];
  changes: SinceChange[];
  lastAt: string;
}

const TYPES: Record<string, string> = {
  enjeu: 'Enjeu', objectif: 'Objectif', action: 'Action', indicateur: 'Indicateur',
  copil: 'COPIL', partner: 'Partenaire', commitment: 'Engagement', signatory: 'Signataire', qpv: 'QPV', contrat: 'Contrat',
};

/**
 * Groups changes (in journal order) by item. Items are returned most recently changed first. An item whose changes
 * carry no title (an indicator only measured since) takes its title and kind from `current`, the tree as it is now.
 */
export function groupChangesSince(rows: readonly SinceRow[], current?: (id: string) => { title: string; kind: string } | undefined): SinceItem[] {
  const items = new Map<string, SinceItem & { seen: Set<string> }>();
  const item = (key: string, id: string, type: string): SinceItem & { seen: Set<string> } => {
    let it = items.get(key);
    if (!it) items.set(key, (it = { key, id, type, title: '', kinds: [], changes: [], lastAt: '', seen: new Set() }));
    return it;
  };
  const add = (it: SinceItem & { seen: Set<string> }, what: ChangeKind, r: SinceRow) => {
    // One line per kind of change per journal step.
    const k = `${r.groupId}|${what}`;
    if (it.seen.has(k)) return;
    it.seen.add(k);
    it.changes.push({ what, at: r.at, author: r.author, label: r.label });
    if (r.at > it.lastAt) it.lastAt = r.at;
  };
  for (const r of rows) {
    if (r.tbl === 'node') {
      const it = item(`node:${r.key}`, r.key, TYPES[r.kindAfter ?? ''] ?? 'Élément');
      const name = r.nameAfter ?? r.nameBefore;
      if (name) it.title = name;
      if (r.kindAfter && TYPES[r.kindAfter]) it.type = TYPES[r.kindAfter];
      if (r.inserted) add(it, 'created', r);
      else if (r.deleted) add(it, 'deleted', r);
      else {
        if (r.tagBefore !== r.tagAfter) add(it, 'retagged', r);
        if (r.parentBefore !== r.parentAfter || (r.positionBefore !== r.positionAfter && r.focus === r.key)) add(it, 'moved', r);
        if (r.nameBefore !== r.nameAfter || r.otherChanged) add(it, 'edited', r);
      }
    } else if (r.tbl === 'indicator' || r.tbl === 'measurement' || r.tbl === 'indicator_qpv') {
      if (!r.nodeId) continue;
      const it = item(`node:${r.nodeId}`, r.nodeId, 'Indicateur');
      // An indicator row created or deleted with its node is part of that creation or deletion.
      if (r.tbl === 'indicator' && (r.inserted || r.deleted)) continue;
      add(it, 'edited', r);
    } else if (TYPES[r.tbl]) {
      const it = item(`${r.tbl}:${r.key}`, r.key, TYPES[r.tbl]);
      const name = r.nameAfter ?? r.nameBefore;
      if (name) it.title = name;
      add(it, r.inserted ? 'created' : r.deleted ? 'deleted' : 'edited', r);
    }
  }
  const out: SinceItem[] = [];
  for (const it of items.values()) {
    if (it.changes.length === 0) continue;
    const { seen: _seen, ...rest } = it;
    rest.kinds = CHANGE_KINDS.filter((k) => it.changes.some((c) => c.what === k));
    const now = !rest.title && rest.key.startsWith('node:') ? current?.(rest.id) : undefined;
    if (now) {
      rest.title = now.title;
      rest.type = TYPES[now.kind] ?? rest.type;
    }
    if (!rest.title) rest.title = '(sans titre)';
    out.push(rest);
  }
  return out.sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
}

/** How many items per kind of change (an item counts once per kind). */
export function countChangeKinds(items: readonly SinceItem[]): Record<ChangeKind, number> {
  const out = { created: 0, retagged: 0, edited: 0, moved: 0, deleted: 0 };
  for (const it of items) for (const k of it.kinds) out[k]++;
  return out;
}
