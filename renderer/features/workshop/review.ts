// « Passer en revue »: which items the review walks (tree order, or a filter), and where the current one stands.
import type { TreeNode } from '../../../core/api/contract';
import { TAG_FAMILY } from '../../../core/domain/tree';

export type ReviewFilter = 'tout' | 'non-decide' | 'ajouter' | 'garder' | 'jeter';

export const REVIEW_FILTERS: { id: ReviewFilter; label: string }[] = [
  { id: 'tout', label: 'Tout l’arbre' },
  { id: 'non-decide', label: 'Non décidés' },
  { id: 'ajouter', label: 'À ajouter' },
  { id: 'garder', label: 'À garder, repenser, renouveler' },
  { id: 'jeter', label: 'À jeter, mettre en veille' },
];

export function inReview(n: TreeNode, f: ReviewFilter): boolean {
  if (f === 'tout') return true;
  if (f === 'non-decide') return n.tag === null;
  return n.tag !== null && TAG_FAMILY[n.tag] === f;
}

/**
 * The item after (or before) `currentId` in tree order among those of the filter. The current item keeps its place
 * even once decided and out of the filter: the next one is the next in the tree.
 */
export function step(nodes: TreeNode[], f: ReviewFilter, currentId: string | null, dir: 1 | -1): TreeNode | null {
  const at = currentId ? nodes.findIndex((n) => n.id === currentId) : -1;
  if (dir === 1) {
    for (let i = at + 1; i < nodes.length; i++) if (inReview(nodes[i], f)) return nodes[i];
  } else {
    for (let i = (at < 0 ? nodes.length : at) - 1; i >= 0; i--) if (inReview(nodes[i], f)) return nodes[i];
  }
  return null;
}

/** « 3 sur 12 »: the place of the current item among the filter's (counting it even when it just left the filter). */
export function place(nodes: TreeNode[], f: ReviewFilter, currentId: string | null): { position: number; total: number } {
  let position = 0;
  let total = 0;
  let passed = false;
  for (const n of nodes) {
    const counted = inReview(n, f) || n.id === currentId;
    if (counted) total++;
    if (!passed && counted) position++;
    if (n.id === currentId) passed = true;
  }
  return { position: passed ? position : 0, total };
}
