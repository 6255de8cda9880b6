// Where a dragged item would land, and whether the nesting rules allow it — decided before any API call.
import { canHold, nestingError } from '../../../core/domain/tree';
import type { TreeNode } from '../../../core/api/contract';
import type { NodeLookup } from './rows';

export type DropZone = 'before' | 'after' | 'inside';

export type DropVerdict =
  | { ok: true; parentId: string | null; index: number }
  | { ok: false; reason: string | null }; // reason null: a no-op (dropped where it already is)

/** Upper third = before, lower third = after, middle = as last child. */
export function zoneFor(pointerY: number, top: number, height: number): DropZone {
  const rel = (pointerY - top) / Math.max(1, height);
  if (rel < 1 / 3) return 'before';
  if (rel > 2 / 3) return 'after';
  return 'inside';
}

export function isInside(byId: NodeLookup, id: string, ancestorId: string): boolean {
  let cur = byId.get(id);
  while (cur) {
    if (cur.id === ancestorId) return true;
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return false;
}

/** The `tree.move` arguments: `index` is the position among the new siblings once the item has left its old place. */
export function dropVerdict(
  byId: NodeLookup,
  dragged: TreeNode,
  over: TreeNode,
  zone: DropZone,
): DropVerdict {
  if (over.id === dragged.id) return { ok: false, reason: null };
  if (isInside(byId, over.id, dragged.id)) {
    return { ok: false, reason: 'Impossible de placer un élément à l’intérieur de lui-même ou de ses sous-éléments.' };
  }
  if (zone === 'inside') {
    if (!canHold(over.kind, dragged.kind)) return { ok: false, reason: nestingError(over.kind, dragged.kind) };
    const index = over.childCount - (dragged.parentId === over.id ? 1 : 0);
    if (dragged.parentId === over.id && dragged.index === index) return { ok: false, reason: null };
    return { ok: true, parentId: over.id, index };
  }
  const parent = over.parentId ? byId.get(over.parentId) : undefined;
  const parentKind = parent ? parent.kind : null;
  if (!canHold(parentKind, dragged.kind)) return { ok: false, reason: nestingError(parentKind, dragged.kind) };
  let index = over.index + (zone === 'after' ? 1 : 0);
  const sameParent = dragged.parentId === over.parentId;
  if (sameParent && dragged.index < index) index -= 1;
  if (sameParent && dragged.index === index) return { ok: false, reason: null };
  return { ok: true, parentId: over.parentId, index };
}
