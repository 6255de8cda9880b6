// How the merge screen names what a conflict is about, in French: its kind, its table and column, its values, who
// changed it and when (the clock time of the journal group, read as a French date).
import type { ConflictKind, ConflictView } from '../../../core/features/merge/contract';
import { TAG_LABELS, type Tag } from '../../../core/domain/tree';

export const KIND_TEXT: Record<ConflictKind, string> = {
  'meme-colonne': 'modifié des deux côtés',
  statut: 'statut changé des deux côtés (les deux entrées d’historique sont gardées)',
  'modifie-supprime': 'modifié d’un côté, supprimé de l’autre',
  deplacement: 'déplacé des deux côtés',
  'sous-supprime': 'déplacé sous un élément que l’autre copie a supprimé',
  boucle: 'déplacements croisés : le résultat ferait une boucle',
  imbrication: 'le résultat enfreindrait les règles d’imbrication',
  reference: 'renvoie à une ligne que l’autre copie a supprimée',
  'mesure-doublon': 'mesures probablement en double (même indicateur, date et périmètre)',
  'sans-historique': 'différence sans historique commun',
};

const TABLES: Record<string, string> = {
  node: 'Élément', commitment: 'Engagement', measurement: 'Mesure', partner: 'Partenaire', contrat: 'Contrat',
  signatory: 'Signataire', funding: 'Financement', copil: 'COPIL', indicator: 'Indicateur',
};
const COLUMNS: Record<string, string> = {
  title: 'titre', description: 'description', tag: 'étiquette', tag_note: 'motif de l’étiquette', parent_id: 'place dans l’arbre',
  status: 'statut', deadline: 'échéance', target_value: 'cible', target: 'cible', reason: 'motif', preamble: 'préambule',
  name: 'nom', value: 'valeur', amount: 'montant', note: 'note', kind: 'niveau', text: 'texte', body: 'texte',
};

export const tableText = (t: string) => TABLES[t] ?? t;
export const columnText = (c: string | null) => (c === null ? null : (COLUMNS[c] ?? c));

/** The row key's first part (an id) for a one-column key. */
export function keyId(key: string): string {
  try {
    const k = JSON.parse(key) as unknown;
    return Array.isArray(k) ? k.map(String).join(' · ') : String(k);
  } catch {
    return key;
  }
}

/** A value as the screen shows it. `titles` names the tree's items (a parent's id becomes its title). */
export function valueText(c: ConflictView, v: unknown, titles: ReadonlyMap<string, string>): string {
  if (v === null || v === undefined) return c.column === null ? '(supprimé)' : '(vide)';
  if (typeof v === 'object') {
    const r = v as Record<string, unknown>;
    const name = r.title ?? r.name ?? r.text;
    return typeof name === 'string' ? `« ${name} »` : '(ligne présente)';
  }
  if (c.column === 'parent_id' && typeof v === 'string') return titles.has(v) ? `sous « ${titles.get(v)} »` : v;
  if (c.table === 'node' && c.column === 'tag' && typeof v === 'string' && v in TAG_LABELS) return `« ${TAG_LABELS[v as Tag]} »`;
  if (typeof v === 'string') return `« ${v} »`;
  return String(v);
}

/** « Camille, le 5 décembre 2026 à 12:40 » from a side's last change (null: that side did not change it). */
export function whoText(w: ConflictView['whoMine']): string {
  if (!w) return 'pas de changement de ce côté';
  const ms = Number(w.hlc.slice(0, 15));
  if (!Number.isFinite(ms)) return w.author;
  const d = new Date(ms);
  return `${w.author}, le ${d.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })} à ${d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`;
}
