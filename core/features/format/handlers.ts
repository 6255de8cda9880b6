import { existsSync } from 'node:fs';
import path from 'node:path';
import type { HandlersOf } from '../../api/registry';
import { TrameError } from '../../api/result';
import { checkNameLength, fileExists, newTrameFilePath } from '../../files';
import { checkDocumentShape } from '../../format/schema';
import type { JobStepsOf } from '../../jobs/types';
import type { FeatureContext } from '../../session';
import type { formatContract, formatJobs } from './contract';
import { exportDocument } from './export';
import type { ExportPayload, ImportPayload } from './work';

export function formatHandlers({ docs }: FeatureContext): HandlersOf<typeof formatContract> {
  return {
    'format.export': ({ docId }) => {
      const s = docs.docOf(docId);
      return exportDocument({ run: s.run, documentId: s.identity().documentId });
    },
  };
}

/** Main-thread steps of the format's jobs; the work itself is in work.ts. */
export function formatJobSteps({ docs }: FeatureContext): JobStepsOf<typeof formatJobs> {
  return {
    'format.exportToFile': {
      prepare: ({ docId, path: p, replace }) => {
        const file = path.resolve(p);
        if (path.extname(file).toLowerCase() !== '.json') {
          throw new TrameError('entree-invalide', `L'export JSON s'écrit dans un fichier « .json » (reçu : « ${path.basename(file)} »).`);
        }
        checkNameLength(file);
        // Refused here at once; the worker refuses it again if the name is taken meanwhile (hard link, never replaced).
        if (!replace && existsSync(file)) throw fileExists(file);
        const s = docs.docOf(docId);
        // A snapshot taken here, between two edits, in a few milliseconds; the worker reads it while edits go on.
        const image = new Uint8Array(s.db.serialize());
        const payload: ExportPayload = { image, file, documentId: s.identity().documentId, replace: replace === true };
        return { payload, transfer: [image.buffer as ArrayBuffer] };
      },
      finish: (result: { path: string }) => result,
    },
    'format.import': {
      prepare: ({ path: p, document }) => {
        checkDocumentShape(document);
        const payload: ImportPayload = { file: newTrameFilePath(p), document };
        return { payload };
      },
      finish: (result: { file: string }) => docs.open(result.file),
    },
  };
}
