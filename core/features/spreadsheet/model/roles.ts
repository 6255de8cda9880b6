// The roles a column of a plan d'actions can play, their French labels, and the guess made from the headers people
// write. Pure: the renderer imports it (the preview's role lists).

export const ROLES = [
  'ignorer', 'enjeu', 'objectif', 'action', 'description', 'indicateur', 'pilote', 'partenaires', 'financeur', 'montant',
  'credits-pv', 'droit-commun', 'echeance', 'statut', 'cible', 'reference', 'unite', 'decision', 'motif',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ignorer: 'Ignorée',
  enjeu: 'Enjeu (niveau 1)',
  objectif: 'Objectif (niveau 2)',
  action: 'Action (niveau 3)',
  description: "Description de l'action",
  indicateur: 'Indicateur de suivi',
  pilote: 'Pilote (partenaire)',
  partenaires: 'Partenaires',
  financeur: 'Financeur',
  montant: 'Montant (€)',
  'credits-pv': 'Crédits politique de la ville (€)',
  'droit-commun': 'Droit commun (€)',
  echeance: 'Échéance',
  statut: "Statut de l'engagement",
  cible: "Cible de l'indicateur",
  reference: "Valeur de référence de l'indicateur",
  unite: "Unité de l'indicateur",
  decision: 'Décision (étiquette)',
  motif: 'Motif de la décision',
};

/** The levels of the tree, from the top. */
export const LEVEL_ROLES = ['enjeu', 'objectif', 'action'] as const satisfies readonly Role[];

/** Lower case, no accents, no punctuation, single spaces: how headers and names are compared. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`´]/g, ' ')
    .replace(/[^\p{L}\p{N}€%]+/gu, ' ')
    .trim();
}

const keys = new Map<string, string>();
/** A partner's name as compared (accents, case, spaces and punctuation ignored). */
export function partnerKey(name: string): string {
  let k = keys.get(name);
  if (k === undefined) {
    if (keys.size > 10_000) keys.clear();
    keys.set(name, (k = fold(name).replace(/\s+/g, '')));
  }
  return k;
}

// First match wins, in this order (the most specific first: « Objectif opérationnel » before « Objectif »).
const GUESSES: [RegExp, Role][] = [
  [/^(fiche )?action(s)?( .*)?$|^intitule de l action|^libelle de l action|^nom de l action|^fiche action/, 'action'],
  [/^description|^contenu|^modalites|^detail/, 'description'],
  [/^cible|^valeur cible|^objectif chiffre/, 'cible'],
  [/^objectif(s)? operationnel|^objectif(s)?( strategique)?s?( .*)?$|^sous axe/, 'objectif'],
  [/^axe|^enjeu|^orientation|^thematique|^priorite|^pilier/, 'enjeu'],
  [/^indicateur/, 'indicateur'],
  [/^pilote|^porteur|^chef de file|^responsable|^maitre d ouvrage/, 'pilote'],
  [/^partenaire|^acteur|^intervenant/, 'partenaires'],
  [/^financeur|^cofinanceur|^source de financement/, 'financeur'],
  [/^credit(s)? (specifique(s)? )?(de la )?politique de la ville|^credits pv|^cpv|^bop 147|^credits specifiques/, 'credits-pv'],
  [/^droit commun/, 'droit-commun'],
  [/^montant|^budget|^cout|^financement|^subvention/, 'montant'],
  [/^echeance|^calendrier|^date de fin|^delai|^date limite|^fin prevue|^date/, 'echeance'],
  [/^statut|^etat d avancement|^avancement|^etat$/, 'statut'],
  [/^valeur de reference|^valeur initiale|^reference|^situation initiale/, 'reference'],
  [/^unite/, 'unite'],
  [/^decision|^etiquette|^arbitrage/, 'decision'],
  [/^motif|^justification|^raison/, 'motif'],
];

/** The role a header suggests, or `ignorer`. */
export function guessRole(header: string): Role {
  const h = fold(header);
  if (!h) return 'ignorer';
  for (const [re, role] of GUESSES) if (re.test(h)) return role;
  return 'ignorer';
}

/**
 * The mapping guessed for a header row: each role once (a later column with a role already taken is ignored, except
 * a second objectif-like column when no enjeu column exists: « Objectif stratégique » then becomes the enjeu).
 */
export function guessMapping(headers: readonly string[]): Role[] {
  const roles = headers.map(guessRole);
  if (!roles.includes('enjeu')) {
    const objectifs = roles.flatMap((r, i) => (r === 'objectif' ? [i] : []));
    if (objectifs.length >= 2) roles[objectifs[0]] = 'enjeu';
  }
  const seen = new Set<Role>();
  return roles.map((r) => {
    if (r === 'ignorer') return r;
    if (seen.has(r)) return 'ignorer';
    seen.add(r);
    return r;
  });
}

/** How many header cells of a row a role is guessed for: the header row is the first row with the most. */
export function headerScore(cells: readonly string[]): number {
  return cells.filter((c) => guessRole(c) !== 'ignorer').length;
}

/** The layout's key (its headers, folded): the mapping chosen is remembered under it. */
export function layoutKey(headers: readonly string[]): string {
  return headers.map(fold).join('|');
}

/** A column's letter(s): 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
