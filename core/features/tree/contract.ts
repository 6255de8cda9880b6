// The strategy tree: enjeu → objectif → action → indicateur, and every edit a workshop makes.
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
import type { EditOutcome } from '../../api/types';
import { docId, docInput, finite, id, text } from '../../api/values';
import { isoDateSchema } from '../../domain/dates';
import type { Direction, IsoDate, MeasurementScope } from '../../domain/format-types';
import { NODE_KINDS, TAGS, type NodeKind, type Tag } from '../../domain/tree';

export interface IndicatorInfo {
  unit: string | null;
  direction: Direction | null;
  baselineValue: number | null;
  baselineDate: IsoDate | null;
  targetValue: number | null;
  targetDate: IsoDate | null;
  referenceLabel: string | null;
  referenceValue: number | null;
  referenceDate: IsoDate | null;
  source: string | null;
  measurements: { id: string; date: IsoDate; value: number; scope: MeasurementScope }[];
}

/** One item of the tree. `tree.get` returns them flat, depth-first, children in order. */
export interface TreeNode {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  depth: number;
  /** Position among its siblings, from 0. */
  index: number;
  title: string;
  description: string | null;
  tag: Tag | null;
  tagNote: string | null;
  childCount: number;
  /** Only for kind 'indicateur'. */
  indicator: IndicatorInfo | null;
}

export interface TreeSnapshot { nodes: TreeNode[] }

/** The indicator fields of an indicateur the tree edits (the indicators feature extends it with its card's). */
export const indicatorPatch = z.strictObject({
  unit: text(40).nullable().optional(),
  direction: z.enum(['hausse', 'baisse']).nullable().optional(),
  baselineValue: finite.nullable().optional(),
  baselineDate: isoDateSchema.nullable().optional(),
  targetValue: finite.nullable().optional(),
  targetDate: isoDateSchema.nullable().optional(),
  referenceLabel: text(200).nullable().optional(),
  referenceValue: finite.nullable().optional(),
  referenceDate: isoDateSchema.nullable().optional(),
  source: text(200).nullable().optional(),
});

const node = z.strictObject({ docId, id });

export const treeContract = defineContract('tree', {
  'tree.get': channel<TreeSnapshot>()(docInput),
  'tree.add': channel<EditOutcome>()(
    z.strictObject({
      docId,
      parentId: id.nullable(),
      /** Position among the new siblings; omitted = at the end. */
      index: z.number().int().min(0).optional(),
      /** Omitted = the first kind the parent allows. */
      kind: z.enum(NODE_KINDS).optional(),
      title: text(500),
    }),
  ),
  'tree.update': channel<EditOutcome>()(
    z.strictObject({
      docId,
      id,
      patch: z.strictObject({
        title: text(500).optional(),
        description: text(20000).nullable().optional(),
        tag: z.enum(TAGS).nullable().optional(),
        tagNote: text(5000).nullable().optional(),
      }),
    }),
  ),
  'tree.setIndicator': channel<EditOutcome>()(z.strictObject({ docId, id, patch: indicatorPatch })),
  /** Move an item with its subtree; kinds are kept, the nesting must allow it. */
  'tree.move': channel<EditOutcome>()(
    z.strictObject({ docId, id, parentId: id.nullable(), index: z.number().int().min(0) }),
  ),
  /** Tab: becomes the last child of its previous sibling; enjeu/objectif/action change kind with their level. */
  'tree.indent': channel<EditOutcome>()(node),
  /** Shift+Tab: becomes the next sibling of its parent. */
  'tree.outdent': channel<EditOutcome>()(node),
  'tree.remove': channel<EditOutcome>()(node),
});
