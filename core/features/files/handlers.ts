import type { HandlersOf } from '../../api/registry';
import { TrameError } from '../../api/result';
import { newTrameFilePath } from '../../files';
import { canonical, type FeatureContext } from '../../session';
import { listBackups } from '../../../db/backup';
import { rawOpen } from '../../../db/connection';
import { walAtRest } from '../../../db/image';
import { openTrameFileForReading } from '../../../db/reading';
import { copyToNew, saveCopy } from '../../../db/create-file';
import type { filesContract } from './contract';
import { exportDocument } from './export';

/**
 * Items in a backup, read as any file is read (db/reading: read-only, nothing written beside it, even for an older
 * backup stored in WAL mode or on a read-only folder); null when it cannot be read.
 */
function countItems(file: string): number | null {
  try {
    // A backup at rest in rollback-journal mode (all of them since issue 7) is counted on a plain read-only
    // connection, which leaves nothing beside it; an older one in WAL mode is read the careful way (a copy).
    const { db } = walAtRest(file) ? openTrameFileForReading(file) : { db: rawOpen(file, { readonly: true, fileMustExist: true }) };
    try {
      return (db.prepare('SELECT count(*) AS n FROM node').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

export function filesHandlers({ docs }: FeatureContext): HandlersOf<typeof filesContract> {
  const backupsOf = async (docId: string) => {
    const s = docs.docOf(docId);
    await docs.settleBackup(docId);
    return { s, backups: listBackups(docs.backupDir(s.path)) };
  };
  return {
    'format.export': ({ docId }) => {
      const s = docs.docOf(docId);
      return exportDocument({ run: s.run, documentId: s.identity().documentId });
    },
    'doc.open': ({ path: p }) => docs.open(p),
    'doc.inspect': ({ path: p }) => docs.inspect(p),
    'doc.info': ({ docId }) => docs.info(docId),
    'doc.close': async ({ docId }) => {
      await docs.close(docId);
      return null;
    },
    'doc.saveAs': async ({ docId, path: p }) => {
      const s = docs.docOf(docId);
      const file = newTrameFilePath(p);
      if (canonical(file) === canonical(s.path)) {
        throw new TrameError('fichier-existe', 'Choisissez un autre fichier que celui qui est ouvert.');
      }
      saveCopy(s, file);
      return docs.replace(docId, file);
    },
    'backup.list': async ({ docId }) => {
      const { backups } = await backupsOf(docId);
      return backups.map((b) => ({ id: b.id, at: b.at, size: b.size, items: countItems(b.file) }));
    },
    'backup.restore': async ({ docId, backupId, path: p }) => {
      const { s, backups } = await backupsOf(docId);
      const backup = backups.find((b) => b.id === backupId);
      if (!backup) throw new TrameError('introuvable', 'Cette sauvegarde n’existe plus : rouvrez la liste des sauvegardes.');
      const file = newTrameFilePath(p);
      if (canonical(file) === canonical(s.path)) {
        throw new TrameError('fichier-existe', 'Une sauvegarde se restaure dans un nouveau fichier, jamais à la place du contrat ouvert.');
      }
      copyToNew(backup.file, file);
      return docs.open(file);
    },
  };
}
