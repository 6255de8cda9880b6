// The protocole's job, declared once: the protocole or the note de COPIL as PDF or DOCX, laid out by the worker on a
// snapshot of the contrat while edits go on.
import type { JobsOf } from '../../jobs/types';
import { prepareTarget, snapshotOf, type FeatureContext } from '../../session';
import type { DocumentExportResult, protocoleJobs } from './contract';
import { today } from './handlers';
import { exportFile, type DocumentPayload } from './work';

const EXTENSIONS = { pdf: '.pdf', docx: '.docx', 'note-copil-pdf': '.pdf', 'note-copil-docx': '.docx' } as const;

export const protocoleJobDeclarations: JobsOf<FeatureContext, typeof protocoleJobs> = {
  'protocole.export': {
    prepare: ({ docs }, { docId, path, format, replace, since, version, footerText, annexes }) => {
      const target = prepareTarget(path, EXTENSIONS[format], 'Ce document', replace);
      // A snapshot taken between two edits; the worker lays the document out while edits go on.
      const { image, documentId, transfer } = snapshotOf(docs.docOf(docId));
      const payload: DocumentPayload = {
        image, documentId, ...target, format, today: today(),
        ...(since ? { since } : {}), ...(version ? { version } : {}), ...(footerText ? { footerText } : {}), ...(annexes ? { annexes } : {}),
      };
      return { payload, transfer };
    },
    work: exportFile,
    finish: (_ctx, result: DocumentExportResult) => result,
  },
};
