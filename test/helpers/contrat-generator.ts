// The one generator of test contrats (interchange format): enjeux → objectifs → actions → indicateurs, as many of
// each as its parameters say, tagged in a cycle. The UI tests (test/ui/documents.ts, test/ui/triage.test.ts), the
// bench and the load tests (test/bench/generate.ts) each call it with their own parameters.
import type { ContratDoc, TrameDocument, TreeNodeDoc } from '../../core/domain/format-types';
import type { NodeKind, Tag } from '../../core/domain/tree';

/** How many children a node gets, from its place: `path` is its numbers from the enjeu down (1-based). */
export type Count = number | ((path: readonly number[]) => number);

export interface ContratShape {
  /** Children per level: enjeux, objectifs per enjeu, actions per objectif, indicateurs per action. */
  counts: readonly [Count, Count, Count, Count];
  /** Stop once this many items are made (depth first); without it, the counts alone. */
  limit?: number;
  /** Tags given in turn (`undefined`: no tag), in the tree's pre-order (parents first) or post-order (children first). */
  tags?: { cycle: readonly (Tag | undefined)[]; order: 'pre' | 'post'; kinds?: readonly NodeKind[] };
  /** A node's title; by default « Enjeu 1 », « Objectif 1.2 », « Action 1.2.3 », « Indicateur 1.2.3.4 ». */
  title?: (kind: NodeKind, path: readonly number[]) => string;
  /** Fields added to a node (an id, a description, an indicator card…). */
  fields?: (kind: NodeKind, path: readonly number[]) => Partial<TreeNodeDoc>;
  contrat: ContratDoc;
}

const KINDS: readonly NodeKind[] = ['enjeu', 'objectif', 'action', 'indicateur'];
export const KIND_WORDS: Record<NodeKind, string> = { enjeu: 'Enjeu', objectif: 'Objectif', action: 'Action', indicateur: 'Indicateur' };

export function generateContrat(shape: ContratShape): TrameDocument {
  const limit = shape.limit ?? Number.POSITIVE_INFINITY;
  const title = shape.title ?? ((kind, path) => `${KIND_WORDS[kind]} ${path.join('.')}`);
  let made = 0;
  const pre: TreeNodeDoc[] = [];
  const post: TreeNodeDoc[] = [];
  const level = (depth: number, parent: readonly number[]): TreeNodeDoc[] => {
    const out: TreeNodeDoc[] = [];
    if (depth >= KINDS.length) return out;
    const c = shape.counts[depth];
    const n = typeof c === 'function' ? c(parent) : c;
    for (let k = 1; k <= n && made < limit; k++) {
      const kind = KINDS[depth];
      const path = [...parent, k];
      const node: TreeNodeDoc = { ...shape.fields?.(kind, path), kind, title: title(kind, path) };
      made++;
      pre.push(node);
      const children = level(depth + 1, path);
      if (children.length) node.children = children;
      post.push(node);
      out.push(node);
    }
    return out;
  };
  const tree = level(0, []);
  if (shape.tags) {
    const { cycle, order, kinds } = shape.tags;
    (order === 'pre' ? pre : post).forEach((node, i) => {
      const tag = cycle[i % cycle.length];
      if (tag !== undefined && (!kinds || kinds.includes(node.kind))) node.tag = tag;
    });
  }
  return { format: 'trame', version: 1, contrat: shape.contrat, tree };
}
