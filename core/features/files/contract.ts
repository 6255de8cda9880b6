// A contrat as a file: opening it (to edit, or only to read), closing it, « Enregistrer sous », automatic backups.
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
import type { DocInfo } from '../../api/types';
import { docId, docInput, path } from '../../api/values';

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
});
