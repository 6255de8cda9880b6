// File writes shared by the CLI and the handlers: atomic, with French errors.
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { frenchCause, TrameError } from './api/result';

export function fsError(err: unknown, file: string, doing: 'lire' | 'écrire'): TrameError {
  const code = (err as NodeJS.ErrnoException).code;
  const name = `« ${file} »`;
  switch (code) {
    case 'ENOENT':
      return doing === 'lire'
        ? new TrameError('introuvable', `Le fichier ${name} est introuvable.`)
        : new TrameError('introuvable', `Impossible d'écrire ${name} : le dossier « ${path.dirname(file)} » n'existe pas.`);
    case 'EISDIR':
      return new TrameError('entree-invalide', `${name} est un dossier, pas un fichier.`);
    case 'ENOTDIR':
      return new TrameError('introuvable', `Le chemin ${name} passe par un fichier qui n'est pas un dossier.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new TrameError(doing === 'lire' ? 'introuvable' : 'ecriture-impossible', `Accès refusé : impossible de ${doing} ${name}.`);
    case 'ENOSPC':
      return new TrameError('ecriture-impossible', `Disque plein : impossible d'écrire ${name}.`);
    default:
      return new TrameError(
        doing === 'lire' ? 'introuvable' : 'ecriture-impossible',
        `Impossible de ${doing} ${name} (${frenchCause(err)}).`,
        [`Détail technique : ${err instanceof Error ? err.message : String(err)}`],
      );
  }
}

/**
 * Writes `text` to `file` through a temporary file of the same folder renamed over it, so a failure
 * (disk full, key pulled out, Ctrl+C) never leaves a partial file under the final name.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('pas un dossier'), { code: 'ENOTDIR' });
  } catch (err) {
    throw fsError(err, file, 'écrire');
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    const data = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, file);
    syncDir(dir);
  } catch (err) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* never created */
    }
    throw fsError(err, file, 'écrire');
  }
}

/** fsync of a file written and closed by someone else (SQLite's VACUUM INTO or backup, copyFile). */
export function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * fsync of a folder, so that a name just created, renamed or removed in it survives a power loss, not only the
 * file's bytes: POSIX promises that only after the folder is synced. (On ext4 the next fsync of any file usually
 * commits it too, which is why test/device passes with or without it; other file systems promise less.) Windows
 * cannot open a folder for this: skipped there.
 */
export function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A new contrat's path: absolute, and ending in « .trame » (anything else is refused in French). */
export function newTrameFilePath(file: string): string {
  if (path.extname(file).toLowerCase() !== '.trame') {
    throw new TrameError('entree-invalide', `Le nom du fichier doit se terminer par « .trame » (reçu : « ${path.basename(file)} »).`);
  }
  return path.resolve(file);
}
