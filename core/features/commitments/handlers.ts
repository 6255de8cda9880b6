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
import { readOverview } from './overview';
import { readCommitments, readView } from './queries';

export function commitmentsHandlers({ docs }: FeatureContext): HandlersOf<typeof commitmentsContract> {
  return {
    'commitments.view': ({ docId }) => readView(docs.docOf(docId)),
    'commitments.overview': ({ docId, today }) => readOverview(docs.docOf(docId), today ?? todayIso()),
    'partners.add': ({ docId, ...rest }) => addPartner(docs.docOf(docId), rest),
    'partners.addMany': ({ docId, partners }) => addPartners(docs.docOf(docId), partners),
    'partners.update': ({ docId, id, patch }) => updatePartner(docs.docOf(docId), id, patch),
    'partners.remove': ({ docId, ...rest }) => removePartner(docs.docOf(docId), rest),
    'signatories.add': ({ docId, ...rest }) => addSignatory(docs.docOf(docId), rest),
    'signatories.update': ({ docId, id, patch }) => updateSignatory(docs.docOf(docId), id, patch),
    'signatories.remove': ({ docId, id }) => removeSignatory(docs.docOf(docId), id),
    'commitments.add': ({ docId, ...rest }) => addCommitment(docs.docOf(docId), rest),
    'commitments.update': ({ docId, id, patch }) => updateCommitment(docs.docOf(docId), id, patch),
    'commitments.setStatus': ({ docId, id, status, note }) => setStatus(docs.docOf(docId), id, status, note),
    'commitments.detach': ({ docId, id, nodeId }) => detach(docs.docOf(docId), id, nodeId),
    'commitments.remove': ({ docId, id }) => removeCommitment(docs.docOf(docId), id),
    'commitments.removeNode': ({ docId, nodeId }) => removeNodeDetaching(docs.docOf(docId), nodeId),
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
