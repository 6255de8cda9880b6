// The tree's tag counts for the COPIL: per family (add, keep, drop, undecided) overall and per enjeu. Pure.
import { TAG_FAMILY, type NodeKind, type Tag } from '../../../domain/tree';

export interface TagNode { id: string; parentId: string | null; kind: NodeKind; title: string; tag: Tag | null }
export interface TagCounts { ajouter: number; garder: number; jeter: number; undecided: number; byTag: Record<Tag, number> }
export interface EnjeuTagCounts { enjeuId: string; title: string; counts: TagCounts }

function empty(): TagCounts {
  return {
    ajouter: 0, garder: 0, jeter: 0, undecided: 0,
    byTag: { ajouter: 0, garder: 0, repenser: 0, renouveler: 0, jeter: 0, 'mettre-en-veille': 0 },
  };
}

function count(c: TagCounts, tag: Tag | null): void {
  if (tag === null) c.undecided++;
  else {
    c[TAG_FAMILY[tag]]++;
    c.byTag[tag]++;
  }
}

/** Every item counts once in the total and once under its enjeu (the enjeu itself included). */
export function tagCounts(nodes: readonly TagNode[]): { total: TagCounts; byEnjeu: EnjeuTagCounts[] } {
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const total = empty();
  const byEnjeu = new Map<string, EnjeuTagCounts>();
  for (const n of nodes) if (n.parentId === null) byEnjeu.set(n.id, { enjeuId: n.id, title: n.title, counts: empty() });
  for (const n of nodes) {
    count(total, n.tag);
    let root: TagNode | undefined = n;
    for (let i = 0; root && root.parentId !== null && i < 64; i++) root = byId.get(root.parentId);
    const e = root ? byEnjeu.get(root.id) : undefined;
    if (e) count(e.counts, n.tag);
  }
  return { total, byEnjeu: [...byEnjeu.values()] };
}
