// Undo, redo and the journal of changes of an open contrat.
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
import type { EditOutcome, HistoryState, JournalEntry } from '../../api/types';

export type { JournalEntry };
import { docId, docInput } from '../../api/values';


export const journalContract = defineContract('journal', {
  'journal.state': channel<HistoryState>()(docInput),
  'journal.undo': channel<EditOutcome>()(docInput),
  'journal.redo': channel<EditOutcome>()(docInput),
  'journal.list': channel<JournalEntry[]>()(
    z.strictObject({ docId, limit: z.number().int().min(1).max(1000).optional() }),
  ),
});
