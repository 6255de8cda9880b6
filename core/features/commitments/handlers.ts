import path from 'node:path';
import type { HandlersOf } from '../../api/registry';
import { TrameError } from '../../api/result';
import { todayIso } from '../../domain/commitments';
import { writeFileAtomic } from '../../files';
import type { FeatureContext } from '../../session';
import type { commitmentsContract } from './contract';
import { commitmentsCsv, filterCommitments } from './csv';
import {
  addCommitment, addPartner, addPartners, addSignatory, detach, removeCommitment, removeNodeDetaching, removePartner,
  removeSignatory, setStatus, updateCommitment, updatePartner, updateSignatory,
} from './edits';
import { readCommitments, readView } from './queries';

export function commitmentsHandlers({ docs }: FeatureContext): HandlersOf<typeof commitmentsContract> {
  const edit = <T>(docId: string, fn: (s: ReturnType<typeof docs.docOf>) => T): T => {
    const s = docs.docOf(docId);
    return docs.edited(s, fn(s));
  };
  return {
    'commitments.view': ({ docId }) => readView(docs.docOf(docId)),
    'partners.add': ({ docId, ...rest }) => edit(docId, (s) => addPartner(s, rest)),
    'partners.addMany': ({ docId, partners }) => edit(docId, (s) => addPartners(s, partners)),
    'partners.update': ({ docId, id, patch }) => edit(docId, (s) => updatePartner(s, id, patch)),
    'partners.remove': ({ docId, ...rest }) => edit(docId, (s) => removePartner(s, rest)),
    'signatories.add': ({ docId, ...rest }) => edit(docId, (s) => addSignatory(s, rest)),
    'signatories.update': ({ docId, id, patch }) => edit(docId, (s) => updateSignatory(s, id, patch)),
    'signatories.remove': ({ docId, id }) => edit(docId, (s) => removeSignatory(s, id)),
    'commitments.add': ({ docId, ...rest }) => edit(docId, (s) => addCommitment(s, rest)),
    'commitments.update': ({ docId, id, patch }) => edit(docId, (s) => updateCommitment(s, id, patch)),
    'commitments.setStatus': ({ docId, id, status, note }) => edit(docId, (s) => setStatus(s, id, status, note)),
    'commitments.detach': ({ docId, id, nodeId }) => edit(docId, (s) => detach(s, id, nodeId)),
    'commitments.remove': ({ docId, id }) => edit(docId, (s) => removeCommitment(s, id)),
    'commitments.removeNode': ({ docId, nodeId }) => edit(docId, (s) => removeNodeDetaching(s, nodeId)),
    'commitments.exportCsv': ({ docId, path: p, replace, late, partner, today }) => {
      const file = path.resolve(p);
      if (path.extname(file).toLowerCase() !== '.csv') {
        throw new TrameError('entree-invalide', `L'export des engagements s'écrit dans un fichier « .csv » (reçu : « ${path.basename(file)} »).`);
      }
      const day = today ?? todayIso();
      const list = filterCommitments(readCommitments(docs.docOf(docId)).commitments, { late, partner, today: day });
      writeFileAtomic(file, commitmentsCsv(list, day), { replace: replace === true });
      return { path: file, count: list.length };
    },
  };
}
