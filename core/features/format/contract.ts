// The interchange format (FORMAT.md): the whole contrat as one JSON document. Exporting to a file and importing a
// document are jobs (they run in a worker thread); reading the document into the page is a plain call.
import { z } from 'zod';
import { job } from '../../api/jobs';
import { channel, defineContract } from '../../api/registry';
import type { DocInfo } from '../../api/types';
import { docId, docInput, path } from '../../api/values';
import type { TrameDocument } from '../../domain/format-types';

export const formatContract = defineContract('format', {
  /** The whole contrat in the interchange format (FORMAT.md). */
  'format.export': channel<TrameDocument>()(docInput),
});

export const formatJobs = {
  /**
   * Writes the interchange document to a .json file (atomically; a .trame path is refused). An existing file is
   * refused unless `replace` is true: the user chose to replace it (the native save dialog asked, or the export
   * dialog's « Remplacer le fichier s'il existe déjà »).
   */
  'format.exportToFile': job<{ path: string }>()(z.strictObject({ docId, path, replace: z.boolean().optional() })),
  /** Creates a new .trame file at `path` from an interchange document (unknown until validated), and opens it. */
  'format.import': job<DocInfo>()(z.strictObject({ path, document: z.unknown() })),
};
