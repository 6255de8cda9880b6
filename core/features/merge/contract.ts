// Merging another copy of the open contrat (issue 19): preview (the conflicts, nothing written) and apply (one
// undoable step). Pure (zod and types only): the renderer imports it.
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
import type { EditOutcome } from '../../api/types';
import { docId, path } from '../../api/values';
import type { MergePreview } from './model/preview';

export type { MergePreview, ConflictView } from './model/preview';
export type { Choice, ConflictKind } from './model/three-way';

const choice = z.union([z.enum(['mien', 'leur', 'les-deux']), z.strictObject({ texte: z.string().max(100_000) })]);
const mergeInput = z.strictObject({
  docId,
  path,
  choices: z.record(z.string().max(2000), choice).optional(),
  garder: z.enum(['mien', 'leur']).optional(),
});

export const mergeContract = defineContract('merge', {
  'merge.preview': channel<MergePreview>()(mergeInput),
  'merge.apply': channel<{ outcome: EditOutcome | null; preview: MergePreview }>()(mergeInput),
});
