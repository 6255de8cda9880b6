// What the tree view and the screen share: row geometry, the short kind names, the commands the view sends up.
import type { TreeNode } from '../../../core/api/contract';
import type { Tag } from '../../../core/domain/tree';

export const ROW_HEIGHT = 52;
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
  | { type: 'add-child'; node: TreeNode }
  | { type: 'indent'; node: TreeNode }
  | { type: 'outdent'; node: TreeNode }
  | { type: 'remove'; node: TreeNode }
  | { type: 'tag'; node: TreeNode; tag: Tag | null }
  | { type: 'rename'; node: TreeNode; initial: string | null }
  | { type: 'move-by'; node: TreeNode; delta: -1 | 1 };

export interface Renaming { id: string; initial: string; justCreated: boolean }

export type RenameEnd = 'enter' | 'blur' | 'escape';

export function levelOf(node: TreeNode): number {
  return node.depth + 1;
}
