import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import type { historyContract } from './contract';

export function historyHandlers({ docs }: FeatureContext): HandlersOf<typeof historyContract> {
  return {
    'history.state': ({ docId }) => docs.docOf(docId).historyState(),
    'history.undo': ({ docId }) => {
      const s = docs.docOf(docId);
      return docs.edited(s, s.undo());
    },
    'history.redo': ({ docId }) => {
      const s = docs.docOf(docId);
      return docs.edited(s, s.redo());
    },
    'history.list': ({ docId, limit }) => docs.docOf(docId).journal(limit),
  };
}
