import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import type { treeContract } from './contract';
import { addNode, indentNode, loadTree, moveNode, outdentNode, removeNode, setIndicator, updateNode } from './queries';

export function treeHandlers({ docs }: FeatureContext): HandlersOf<typeof treeContract> {
  return {
    'tree.get': ({ docId }) => ({ nodes: loadTree(docs.docOf(docId)) }),
    'tree.add': ({ docId, ...rest }) => addNode(docs.docOf(docId), rest),
    'tree.update': ({ docId, id, patch }) => updateNode(docs.docOf(docId), id, patch),
    'tree.setIndicator': ({ docId, id, patch }) => setIndicator(docs.docOf(docId), id, patch),
    'tree.move': ({ docId, id, parentId, index }) => moveNode(docs.docOf(docId), id, parentId, index),
    'tree.indent': ({ docId, id }) => indentNode(docs.docOf(docId), id),
    'tree.outdent': ({ docId, id }) => outdentNode(docs.docOf(docId), id),
    'tree.remove': ({ docId, id }) => removeNode(docs.docOf(docId), id),
  };
}
