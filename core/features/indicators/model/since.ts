// « Depuis le dernier COPIL »: the journal's changes since a date, grouped by item (created, retagged, edited, moved,
// deleted), with who and when. since-query.ts reads and folds them per item; this turns each item into the screen's.

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
  /** The last SINCE_SHOWN changes (one per kind of change per journal step), oldest first. */
  changes: SinceChange[];
  /** How many changes in all (changes holds the last few). */
  changeCount: number;
  lastAt: string;
}

const TYPES: Record<string, string> = {
  enjeu: 'Enjeu', objectif: 'Objectif', action: 'Action', indicateur: 'Indicateur',
  copil: 'COPIL', partner: 'Partenaire', commitment: 'Engagement', signatory: 'Signataire', qpv: 'QPV', contrat: 'Contrat',
};

/** One item as since-query.ts folds it: the kinds of change it saw, how many, the last few. */
export interface SinceAggregate {
  /** « node » (a node or what hangs on it: indicator, measurement, QPV of an indicator), or the table. */
  t: string;
  item: string;
  /** Each flag: 1 when at least one step in effect made that kind of change. */
  created: number; retagged: number; edited: number; moved: number; deleted: number;
  /** Changes: one per kind of change per journal step. */
  count: number;
  lastAt: string;
  /** The node as it is now (null: deleted), else the title and kind read from the item's latest image. */
  title: string | null;
  kind: string | null;
}

/** How many of an item's changes are listed (the rest is counted, « et N modifications plus anciennes »). */
export const SINCE_SHOWN = 5;

/** One folded item as the screen's item, with its last changes (oldest first). */
export function sinceItemOf(a: SinceAggregate, changes: SinceChange[]): SinceItem {
  const type = a.t === 'node' ? (TYPES[a.kind ?? ''] ?? 'Élément') : (TYPES[a.t] ?? 'Élément');
  return {
    key: `${a.t}:${a.item}`, id: a.item, type, title: a.title || '(sans titre)',
    kinds: CHANGE_KINDS.filter((k) => a[k] === 1), changes, changeCount: a.count, lastAt: a.lastAt,
  };
}

/** How many items per kind of change (an item counts once per kind). */
export function countChangeKinds(items: readonly SinceItem[]): Record<ChangeKind, number> {
  const out = { created: 0, retagged: 0, edited: 0, moved: 0, deleted: 0 };
  for (const it of items) for (const k of it.kinds) out[k]++;
  return out;
}
