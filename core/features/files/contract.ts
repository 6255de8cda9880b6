// A contrat as a file: opening it (to edit, or only to read), closing it, « Enregistrer sous », automatic backups,
// and the interchange format (FORMAT.md): the whole contrat as one JSON document. Exporting to a file and importing
// a document are jobs (they run in a worker thread); reading the document into the page is a plain call.
import { z } from 'zod';
import { job } from '../../api/jobs';
import { channel, defineContract } from '../../api/registry';
import type { DocInfo } from '../../api/types';
import { docId, docInput, path } from '../../api/values';
import type { TrameDocument } from '../../domain/format-types';

export interface BackupInfo {
  id: string;
  /** ISO timestamp of the backup. */
  at: string;
  /** File size in bytes. */
  size: number;
  /** Number of items in the tree (null if the backup cannot be read). */
  items: number | null;
}

export const filesContract = defineContract('files', {
  'doc.open': channel<DocInfo>()(z.strictObject({ path })),
  /**
   * Opens a file only to read it (CLI `show` and `export`, inspection): not one byte of it changes, no backup, no
   * recent-files entry; a file of an older schema is brought up to date in memory only.
   */
  'doc.inspect': channel<DocInfo>()(z.strictObject({ path })),
  'doc.info': channel<DocInfo>()(docInput),
  'doc.close': channel<null>()(docInput),
  /** Writes a consistent copy (VACUUM INTO) and goes on editing the copy. */
  'doc.saveAs': channel<DocInfo>()(z.strictObject({ docId, path })),
  /** Automatic backups of this contrat, newest first. */
  'backup.list': channel<BackupInfo[]>()(docInput),
  /** Restores a backup into a NEW file (never over the open one) and opens it. */
  'backup.restore': channel<DocInfo>()(
    z.strictObject({ docId, backupId: z.string().regex(/^[0-9TZ-]+\.trame$/, 'Sauvegarde inconnue.'), path }),
  ),
  /** The whole contrat in the interchange format (FORMAT.md). */
  'format.export': channel<TrameDocument>()(docInput),
});

export const filesJobs = {
  /**
   * Writes the interchange document to a .json file (atomically; a .trame path is refused). An existing file is
   * refused unless `replace` is true: the user chose to replace it (the native save dialog asked, or the export
   * dialog's « Remplacer le fichier s'il existe déjà »).
   */
  'format.exportToFile': job<{ path: string }>()(z.strictObject({ docId, path, replace: z.boolean().optional() })),
  /** Creates a new .trame file at `path` from an interchange document (unknown until validated), and opens it. */
  'format.import': job<DocInfo>()(z.strictObject({ path, document: z.unknown() })),
  /**
   * The full check of an open contrat, run once it is shown (the open itself runs SQLite's quick_check): SQLite's
   * integrity_check (indexes matching their tables) on a snapshot, in the worker. `problem` is a French sentence for
   * the banner when something is wrong (null when all is well), `details` what SQLite found.
   */
  'doc.fullCheck': job<{ problem: string | null; details: string[] }>()(docInput),
};
