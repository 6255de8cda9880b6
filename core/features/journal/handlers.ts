import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import type { journalContract } from './contract';

export function journalHandlers({ docs }: FeatureContext): HandlersOf<typeof journalContract> {
  return {
    'journal.state': ({ docId }) => docs.docOf(docId).historyState(),
    'journal.undo': ({ docId }) => docs.docOf(docId).undo(),
    'journal.redo': ({ docId }) => docs.docOf(docId).redo(),
    'journal.list': ({ docId, limit }) => docs.docOf(docId).journal(limit),
  };
}
