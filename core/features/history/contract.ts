// Undo, redo and the journal of changes of an open contrat.
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
import type { EditOutcome, HistoryState } from '../../api/types';
import { docId, docInput } from '../../api/values';

export interface JournalEntry {
  id: number;
  /** Stable identity of the change, the same in every copy of the file. */
  uuid: string;
  at: string;          // ISO timestamp (wall clock of the replica that made it)
  /** Hybrid logical clock: never goes backwards on a replica; sorts as a string. */
  hlc: string;
  author: string;
  /** The author's stable id (null for changes made before Trame kept one). */
  authorId: string | null;
  label: string;       // French, e.g. « Renommer « Lever les freins » »
  undone: boolean;
}

export const historyContract = defineContract('history', {
  'history.state': channel<HistoryState>()(docInput),
  'history.undo': channel<EditOutcome>()(docInput),
  'history.redo': channel<EditOutcome>()(docInput),
  'history.list': channel<JournalEntry[]>()(
    z.strictObject({ docId, limit: z.number().int().min(1).max(1000).optional() }),
  ),
});
