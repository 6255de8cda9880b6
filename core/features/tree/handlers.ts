import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import type { treeContract } from './contract';
import { addNode, indentNode, loadTree, moveNode, outdentNode, removeNode, setIndicator, updateNode } from './queries';

export function treeHandlers({ docs }: FeatureContext): HandlersOf<typeof treeContract> {
  /** Runs an edit on the open store of `docId`; afterwards, maybe a backup. */
  const edit = <T>(docId: string, fn: (s: ReturnType<typeof docs.docOf>) => T): T => {
    const s = docs.docOf(docId);
    return docs.edited(s, fn(s));
  };
  return {
    'tree.get': ({ docId }) => ({ nodes: loadTree(docs.docOf(docId)) }),
    'tree.add': ({ docId, ...rest }) => edit(docId, (s) => addNode(s, rest)),
    'tree.update': ({ docId, id, patch }) => edit(docId, (s) => updateNode(s, id, patch)),
    'tree.setIndicator': ({ docId, id, patch }) => edit(docId, (s) => setIndicator(s, id, patch)),
    'tree.move': ({ docId, id, parentId, index }) => edit(docId, (s) => moveNode(s, id, parentId, index)),
    'tree.indent': ({ docId, id }) => edit(docId, (s) => indentNode(s, id)),
    'tree.outdent': ({ docId, id }) => edit(docId, (s) => outdentNode(s, id)),
    'tree.remove': ({ docId, id }) => edit(docId, (s) => removeNode(s, id)),
  };
}
