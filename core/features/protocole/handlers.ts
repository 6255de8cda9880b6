import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import { exportDocument } from '../files';
import type { protocoleContract } from './contract';
import { buildProtocole } from './model';
import { buildNote, lastCopilDate } from './note';
import { readSettings, updateSettings } from './queries';
import { readNetChanges } from '../indicators';
import { frameState } from './readiness';

/** Today as an ISO day, in local time (the date printed on the documents). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function protocoleHandlers({ docs }: FeatureContext): HandlersOf<typeof protocoleContract> {
  return {
    'protocole.settings': ({ docId }) => readSettings(docs.docOf(docId)),
    'protocole.update': ({ docId, patch }) => updateSettings(docs.docOf(docId), patch),
    'protocole.frame': ({ docId }) => frameState(docs.docOf(docId)),
    'protocole.preview': ({ docId, note, since }) => {
      const s = docs.docOf(docId);
      const doc = exportDocument({ run: s.run, documentId: s.identity().documentId });
      if (note) return buildNote(doc, { date: today(), since, changes: readNetChanges(s, since ?? lastCopilDate(doc)) });
      return buildProtocole(doc, readSettings(s), { date: today() });
    },
  };
}
