// The strategy tree of the IREV method (seed 001, fiche 5): enjeu → objectif → action → indicateur.
// Pure rules, shared by the store, the format validator and the renderer (no Node import here).

export const NODE_KINDS = ['enjeu', 'objectif', 'action', 'indicateur'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const KIND_LABELS: Record<NodeKind, string> = {
  enjeu: 'Enjeu',
  objectif: 'Objectif',
  action: 'Action',
  indicateur: 'Indicateur de suivi',
};

/** Which kinds each kind may hold (FORMAT.md, "Nesting"). `null` stands for the root (the contrat). */
export const ALLOWED_CHILDREN: Record<NodeKind | 'root', readonly NodeKind[]> = {
  root: ['enjeu'],
  enjeu: ['objectif'],
  objectif: ['action', 'indicateur'],
  action: ['indicateur'],
  indicateur: [],
};

export function canHold(parent: NodeKind | null, child: NodeKind): boolean {
  return ALLOWED_CHILDREN[parent ?? 'root'].includes(child);
}

/** « une action », « un objectif »: the kind with its article, for sentences. */
export const KIND_WITH_ARTICLE: Record<NodeKind, string> = {
  enjeu: 'un enjeu',
  objectif: 'un objectif',
  action: 'une action',
  indicateur: 'un indicateur de suivi',
};

const KIND_PLURAL: Record<NodeKind, string> = {
  enjeu: 'des enjeux',
  objectif: 'des objectifs',
  action: 'des actions',
  indicateur: 'des indicateurs de suivi',
};

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** French sentence explaining why `child` cannot go under `parent` (« Un enjeu ne contient que des objectifs, pas une action. »). */
export function nestingError(parent: NodeKind | null, child: NodeKind): string {
  const c = KIND_WITH_ARTICLE[child];
  if (parent === null) return `Un élément de niveau 1 doit être un enjeu, pas ${c}.`;
  const allowed = ALLOWED_CHILDREN[parent];
  const p = capitalize(KIND_WITH_ARTICLE[parent]);
  if (allowed.length === 0) return `${p} ne peut rien contenir : impossible d’y placer ${c}.`;
  return `${p} ne contient que ${allowed.map((k) => KIND_PLURAL[k]).join(' et ')}, pas ${c}.`;
}

/** Default kind of a new item created under `parent`. */
export function defaultChildKind(parent: NodeKind | null): NodeKind | null {
  return ALLOWED_CHILDREN[parent ?? 'root'][0] ?? null;
}

export const TAGS = ['ajouter', 'garder', 'repenser', 'renouveler', 'jeter', 'mettre-en-veille'] as const;
export type Tag = (typeof TAGS)[number];

export const TAG_FAMILIES = ['ajouter', 'garder', 'jeter'] as const;
export type TagFamily = (typeof TAG_FAMILIES)[number];

export const TAG_FAMILY: Record<Tag, TagFamily> = {
  ajouter: 'ajouter',
  garder: 'garder',
  repenser: 'garder',
  renouveler: 'garder',
  jeter: 'jeter',
  'mettre-en-veille': 'jeter',
};

export const TAG_LABELS: Record<Tag, string> = {
  ajouter: 'À ajouter',
  garder: 'À garder',
  repenser: 'À repenser',
  renouveler: 'À renouveler',
  jeter: 'À jeter',
  'mettre-en-veille': 'À mettre en veille',
};

export const FAMILY_LABELS: Record<TagFamily, string> = {
  ajouter: 'À ajouter',
  garder: 'À garder, repenser, renouveler',
  jeter: 'À jeter, mettre en veille',
};

/** One keystroke per tag in the tree (1–6), 0 clears. */
export const TAG_KEYS: Record<string, Tag> = {
  '1': 'ajouter',
  '2': 'garder',
  '3': 'repenser',
  '4': 'renouveler',
  '5': 'jeter',
  '6': 'mettre-en-veille',
};

export const UNDECIDED_LABEL = 'Non décidé';
