import { existsSync } from 'node:fs';
import path from 'node:path';
import type { HandlersOf } from '../../api/registry';
import { TrameError } from '../../api/result';
import { checkNameLength, fileExists } from '../../files';
import type { JobStepsOf } from '../../jobs/types';
import type { FeatureContext } from '../../session';
import { exportDocument } from '../format';
import type { DocumentExportResult, protocoleContract, protocoleJobs } from './contract';
import { buildProtocole } from './model';
import { buildNote, lastCopilDate } from './note';
import { readSettings, updateSettings } from './queries';
import { journalSince, type DocumentPayload } from './work';

/** Today as an ISO day, in local time (the date printed on the documents). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const EXTENSIONS = { pdf: '.pdf', docx: '.docx', 'note-copil-pdf': '.pdf', 'note-copil-docx': '.docx' } as const;

export function protocoleHandlers({ docs }: FeatureContext): HandlersOf<typeof protocoleContract> {
  return {
    'protocole.settings': ({ docId }) => readSettings(docs.docOf(docId)),
    'protocole.update': ({ docId, patch }) => {
      const s = docs.docOf(docId);
      return docs.edited(s, updateSettings(s, patch));
    },
    'protocole.preview': ({ docId, note, since }) => {
      const s = docs.docOf(docId);
      const doc = exportDocument({ run: s.run, documentId: s.identity().documentId });
      if (note) return buildNote(doc, { date: today(), since, journal: journalSince(s.run, since ?? lastCopilDate(doc)) });
      return buildProtocole(doc, readSettings(s), { date: today() });
    },
  };
}

export function protocoleJobSteps({ docs }: FeatureContext): JobStepsOf<typeof protocoleJobs> {
  return {
    'protocole.export': {
      prepare: ({ docId, path: p, format, replace, since, version, footerText, annexes }) => {
        const file = path.resolve(p);
        const ext = EXTENSIONS[format];
        if (path.extname(file).toLowerCase() !== ext) {
          throw new TrameError('entree-invalide', `Ce document s’écrit dans un fichier « ${ext} » (reçu : « ${path.basename(file)} »). Aucun fichier n’a été écrit.`);
        }
        checkNameLength(file);
        if (!replace && existsSync(file)) throw fileExists(file);
        const s = docs.docOf(docId);
        // A snapshot taken between two edits; the worker lays the document out while edits go on.
        const image = new Uint8Array(s.db.serialize());
        const payload: DocumentPayload = {
          image, documentId: s.identity().documentId, file, format, replace: replace === true, today: today(),
          ...(since ? { since } : {}), ...(version ? { version } : {}), ...(footerText ? { footerText } : {}), ...(annexes ? { annexes } : {}),
        };
        return { payload, transfer: [image.buffer as ArrayBuffer] };
      },
      finish: (result: DocumentExportResult) => result,
    },
  };
}
