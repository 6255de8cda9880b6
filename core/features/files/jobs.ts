// The file's jobs, each declared once: JSON export to a file (a snapshot, written by the worker) and import of an
// interchange document into a new .trame (created by the worker, opened here at the end).
import { TrameError } from '../../api/result';
import { newTrameFilePath } from '../../files';
import { checkDocumentShape } from '../../format/schema';
import type { JobsOf } from '../../jobs/types';
import { prepareTarget, snapshotOf, type FeatureContext } from '../../session';
import type { filesJobs } from './contract';
import { exportToFile, fullCheck, importDocument, type ExportPayload, type FullCheckPayload, type ImportPayload } from './work';

export const filesJobDeclarations: JobsOf<FeatureContext, typeof filesJobs> = {
  'format.exportToFile': {
    prepare: ({ docs }, { docId, path, replace }) => {
      const target = prepareTarget(path, '.json', 'L’export JSON', replace);
      // A snapshot taken here, between two edits, in a few milliseconds; the worker reads it while edits go on.
      const { image, documentId, transfer } = snapshotOf(docs.docOf(docId));
      const payload: ExportPayload = { image, documentId, ...target };
      return { payload, transfer };
    },
    work: exportToFile,
    finish: (_ctx, result: { path: string }) => result,
  },
  'format.import': {
    prepare: (_ctx, { path, document }) => {
      checkDocumentShape(document);
      const payload: ImportPayload = { file: newTrameFilePath(path), document };
      return { payload };
    },
    work: importDocument,
    // The worker has just created the file at the latest schema and checked it: it is not checked again here.
    finish: ({ docs }, result: { file: string }) => docs.open(result.file, { justCreated: true }),
  },
  'doc.fullCheck': {
    prepare: ({ docs }, { docId }) => {
      const doc = docs.docOf(docId);
      // First the content checks the open left for after the first screen (in this process: the writes wait for them).
      try {
        doc.checkContent();
      } catch (err) {
        if (!(err instanceof TrameError)) throw err;
        // Refused: the banner says why; the file is not copied for a check whose answer is already known.
        return { payload: { name: doc.path, refusal: { message: err.message, details: err.details ?? [] } } satisfies FullCheckPayload };
      }
      const { image, transfer } = snapshotOf(doc);
      const payload: FullCheckPayload = { image, name: doc.path };
      return { payload, transfer };
    },
    work: fullCheck,
    finish: (_ctx, result: { problem: string | null; details: string[] }) => result,
  },
};
