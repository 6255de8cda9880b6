// Creating a new .trame file safely: written under a temporary name in the same folder, published under its
// name only once complete (never a partial file, never over an existing one), fsynced with its folder.
import { constants, copyFileSync, existsSync, linkSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { frenchCause, TrameError } from '../core/api/result';
import { checkNameLength, fsError, MAX_NAME_BYTES, syncDir, syncFile, tempNameBeside } from '../core/files';
import { createTrameDatabase, safeClose, type CreateOptions, type Sqlite } from './connection';
import { checkContent } from './content-check';
import { Runner } from './query';

export function removeQuietly(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) {
    try {
      unlinkSync(f);
    } catch {
      /* absent */
    }
  }
}

/**
 * Creates `file` with the latest schema and lets `fill` write its content, all in a temporary file of the same
 * folder that appears under its final name only once complete: no partial contrat is ever left behind, and an
 * existing file is never overwritten.
 */
export function createFile(file: string, fill: (run: Runner, db: Sqlite) => void, options: CreateOptions = {}): void {
  const dir = path.dirname(file);
  const tmp = newTarget(file);
  let db: Sqlite | null = null;
  try {
    db = createTrameDatabase(tmp, { ...options, publishedAs: file });
    const run = new Runner(db);
    db.transaction(() => fill(run, db!)).immediate();
    // The content checks every open runs, passed here once: the new file is then opened without them (justCreated).
    checkContent(db, path.basename(file));
    safeClose(db);
    db = null;
    publish(tmp, file);
  } catch (err) {
    if (db) safeClose(db, false);
    removeQuietly(tmp);
    if (err instanceof TrameError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENAMETOOLONG') throw fsError(err, file, 'écrire');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
      throw new TrameError('ecriture-impossible', `Impossible de créer un fichier dans « ${dir} » : dossier protégé en écriture.`);
    }
    if (code.startsWith('SQLITE_CONSTRAINT')) {
      throw new TrameError(
        'format-invalide',
        'Contenu refusé par le contrôle de cohérence du contrat (une référence ou une valeur ne convient pas).',
        [`Détail technique : ${(err as Error).message}`],
      );
    }
    if (/^(SQLITE_FULL|SQLITE_IOERR|ENOSPC|EIO)/.test(code)) {
      throw new TrameError(
        'ecriture-impossible',
        `Impossible de créer « ${path.basename(file)} » dans « ${dir} » (${frenchCause(err)}) : aucun fichier n'a été créé.`,
        [`Détail technique : ${(err as Error).message}`],
      );
    }
    throw err;
  }
}

/**
 * Writes a new file at `file` through `write(tmp)` into a temporary file of the same folder, published under its
 * name only once complete: never a partial file, never over an existing one.
 */
function writeNew(file: string, write: (tmp: string) => void): void {
  const dir = path.dirname(file);
  const tmp = newTarget(file);
  try {
    write(tmp);
    syncFile(tmp);
    publish(tmp, file);
  } catch (err) {
    removeQuietly(tmp);
    if (err instanceof TrameError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENAMETOOLONG') throw fsError(err, file, 'écrire');
    throw new TrameError(
      'ecriture-impossible',
      `Impossible d'écrire « ${path.basename(file)} » dans « ${dir} » (${frenchCause(err)}).`,
      [`Détail technique : ${(err as Error).message}`],
    );
  }
}

/**
 * Longest name of a .trame file, in bytes: SQLite writes « <name>-journal » beside it, which must fit in the
 * 255 bytes of a file name too. The temporary name is kept within the same bound.
 */
export const MAX_TRAME_NAME_BYTES = MAX_NAME_BYTES - '-journal'.length;

/** Checks that `file` can be created (name not too long, folder exists, name free) and returns a temporary name beside it. */
function newTarget(file: string): string {
  const dir = path.dirname(file);
  checkNameLength(file, MAX_TRAME_NAME_BYTES, ' pour un contrat (SQLite y ajoute « -journal »)');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TrameError('introuvable', `Le dossier « ${dir} » n'existe pas : choisissez un autre emplacement.`);
  }
  if (existsSync(file)) {
    throw new TrameError('fichier-existe', `Le fichier « ${path.basename(file)} » existe déjà : choisissez un autre nom (il n'a pas été modifié).`);
  }
  return tempNameBeside(file, MAX_TRAME_NAME_BYTES);
}

/** Copies a finished file (a backup) to a new path. */
export function copyToNew(source: string, file: string): void {
  writeNew(file, (tmp) => copyFileSync(source, tmp, constants.COPYFILE_EXCL));
}

/** What can write a consistent copy of itself (an open contrat). */
export interface CopySource { copyTo(target: string): void }

/** « Enregistrer sous » : a consistent copy of the open file (VACUUM INTO, never a raw copy of a live file). */
export function saveCopy(store: CopySource, file: string): void {
  writeNew(file, (tmp) => store.copyTo(tmp));
}

/** A consistent copy of the open file, changed by `transform` before it gets its name (« copie sans historique »). */
export function saveCopyWith(store: CopySource, file: string, transform: (tmp: string) => void): void {
  writeNew(file, (tmp) => {
    store.copyTo(tmp);
    transform(tmp);
  });
}

/** Gives the complete temporary file its final name, never replacing an existing file. */
export function publish(tmp: string, file: string): void {
  try {
    linkSync(tmp, file);
    unlinkSync(tmp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || existsSync(file)) throw new TrameError('fichier-existe', `Le fichier « ${path.basename(file)} » existe déjà.`);
    // File systems without hard links (FAT on a USB key): rename after the check above.
    renameSync(tmp, file);
  }
  syncDir(path.dirname(file)); // the new name too must survive a power loss
}

