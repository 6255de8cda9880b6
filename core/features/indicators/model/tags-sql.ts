// The tree's tag counts (model/tags.ts) read as one SQL aggregate per parent and tag: the same figures without
// bringing a 100 000-item tree into JavaScript. Each item counts once in the total and once under its enjeu.
import type { Doc } from '../../../session';
import { TAG_FAMILY, type Tag } from '../../../domain/tree';
import type { EnjeuTagCounts, TagCounts } from './tags';

function empty(): TagCounts {
  return { ajouter: 0, garder: 0, jeter: 0, undecided: 0, byTag: { ajouter: 0, garder: 0, repenser: 0, renouveler: 0, jeter: 0, 'mettre-en-veille': 0 } };
}

function add(c: TagCounts, tag: Tag | null, n: number): void {
  if (tag === null) c.undecided += n;
  else {
    c[TAG_FAMILY[tag]] += n;
    c.byTag[tag] += n;
  }
}

/** `enjeuOfParent`: the enjeu an item under that parent belongs to. */
export function tagCountsSql(
  store: Pick<Doc, 'run'>,
  roots: readonly { id: string; title: string; tag: Tag | null }[],
  enjeuOfParent: (parentId: string) => string | null,
): { total: TagCounts; byEnjeu: EnjeuTagCounts[] } {
  const total = empty();
  const byEnjeu = new Map(roots.map((r) => [r.id, { enjeuId: r.id, title: r.title, counts: empty() }] as const));
  for (const r of roots) {
    add(total, r.tag, 1);
    add(byEnjeu.get(r.id)!.counts, r.tag, 1);
  }
  const rows = store.run.stmt('SELECT parent_id, tag, count(*) FROM node WHERE parent_id IS NOT NULL GROUP BY parent_id, tag').raw(true).all() as [string, Tag | null, number][];
  for (const [parentId, tag, n] of rows) {
    add(total, tag, n);
    const e = byEnjeu.get(enjeuOfParent(parentId) ?? '');
    if (e) add(e.counts, tag, n);
  }
  return { total, byEnjeu: [...byEnjeu.values()] };
}
