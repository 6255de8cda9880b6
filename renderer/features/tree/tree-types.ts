// What the tree view and the screen share: row geometry, the short kind names, the commands the view sends up.
import type { TreeNode } from '../../../core/api/contract';
import type { NodeKind, Tag } from '../../../core/domain/tree';

/** The smallest row (one line of title); rows with long titles or a reason grow (measured). */
export const ROW_HEIGHT = 46;
export const INDENT = 30;

export const KIND_SHORT: Record<TreeNode['kind'], string> = {
  enjeu: 'Enjeu',
  objectif: 'Objectif',
  action: 'Action',
  indicateur: 'Indicateur',
};

export type TreeCommand =
  | { type: 'add-first' }
  | { type: 'add-sibling'; node: TreeNode }
  | { type: 'add-child'; node: TreeNode; kind?: NodeKind }
  | { type: 'indent'; node: TreeNode }
  | { type: 'outdent'; node: TreeNode }
  | { type: 'remove'; node: TreeNode }
  | { type: 'tag'; node: TreeNode; tag: Tag | null }
  | { type: 'rename'; node: TreeNode; initial: string | null }
  | { type: 'move-by'; node: TreeNode; delta: -1 | 1 }
  | { type: 'next-undecided'; node: TreeNode | null }
  | { type: 'edit-reason' };

export interface Renaming { id: string; initial: string; justCreated: boolean }

/** The id of the row of an item being created: it exists on screen only until its name is typed (one undo step). */
export const PENDING_ID = '~nouvel-element~';

/** Where the item being created will go, and what it is. */
export interface PendingAdd { parentId: string | null; index: number | undefined; kind: NodeKind; depth: number; afterId: string | null; title: string }

export type RenameEnd = 'enter' | 'blur' | 'escape';

/** Ends a rename; answers the reason the title is refused (the field then stays open with it), or null. */
export type RenameEndHandler = (id: string, value: string, how: RenameEnd) => Promise<string | null>;

export function levelOf(node: TreeNode): number {
  return node.depth + 1;
}

/** The title a new item gets when left unnamed (the store's own default, shown as the name field's placeholder). */
export const NEW_TITLES: Record<NodeKind, string> = {
  enjeu: 'Nouvel enjeu',
  objectif: 'Nouvel objectif',
  action: 'Nouvelle action',
  indicateur: 'Nouvel indicateur',
};
