// File writes shared by the CLI and the handlers: atomic, with French errors.
import { closeSync, existsSync, fchmodSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { frenchCause, TrameError } from './api/result';
import { pathControlChar } from './domain/strings';

/** Longest file name (one path component) most file systems accept, in bytes (ext4, NTFS and APFS alike). */
export const MAX_NAME_BYTES = 255;
/** Longest whole path Linux accepts, in bytes (PATH_MAX, its final NUL excluded). */
export const MAX_PATH_BYTES = 4095;

function shortName(name: string): string {
  const chars = Array.from(name);
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : name;
}

/** The refusal of a name too long, in French, with its cause. */
export function nameTooLong(file: string, max = MAX_NAME_BYTES, why = ''): TrameError {
  const base = path.basename(file);
  const bytes = Buffer.byteLength(base);
  const cause =
    bytes > max
      ? `Nom de fichier trop long : « ${shortName(base)} » compte ${bytes} octets, au plus ${max} sont possibles${why}.`
      : `Nom de fichier trop long : le chemin « ${shortName(file)} » dépasse ce que le système accepte.`;
  return new TrameError('entree-invalide', `${cause} Choisissez un nom plus court (aucun fichier n'a été écrit).`);
}

/** Refuses, before anything is written, a name that the file system (or SQLite's « -journal ») could not take. */
export function checkNameLength(file: string, max = MAX_NAME_BYTES, why = ''): void {
  if (Buffer.byteLength(path.basename(file)) > max || Buffer.byteLength(file) > MAX_PATH_BYTES) throw nameTooLong(file, max, why);
}

/**
 * A temporary name in the folder of `file`: « .<name>.<random>.tmp », the name shortened (by whole characters) so
 * that the temporary name never passes `max` bytes, even when the final name is near the limit.
 */
export function tempNameBeside(file: string, max = MAX_NAME_BYTES): string {
  const suffix = `.${randomBytes(4).toString('hex')}.tmp`;
  const stem = Array.from(path.basename(file));
  while (stem.length > 0 && Buffer.byteLength(`.${stem.join('')}${suffix}`) > max) stem.pop();
  return path.join(path.dirname(file), `.${stem.join('')}${suffix}`);
}

export function fsError(err: unknown, file: string, doing: 'lire' | 'écrire'): TrameError {
  const code = (err as NodeJS.ErrnoException).code;
  const name = `« ${file} »`;
  switch (code) {
    case 'ENAMETOOLONG':
      return nameTooLong(file);
    case 'ENOENT':
      if (doing === 'lire') return new TrameError('introuvable', `Le fichier ${name} est introuvable.`);
      // The folder is there but takes no new file (a virtual file system such as /proc): say that, not « absent ».
      return existsSync(path.dirname(file))
        ? new TrameError('ecriture-impossible', `Impossible d'écrire ${name} : le dossier « ${path.dirname(file)} » n’accepte pas de nouveau fichier (système de fichiers spécial ?). Choisissez un dossier ordinaire ; rien n’a été écrit.`)
        : new TrameError('introuvable', `Impossible d'écrire ${name} : le dossier « ${path.dirname(file)} » n'existe pas.`);
    case 'EISDIR':
      return new TrameError('entree-invalide', `${name} est un dossier, pas un fichier.`);
    case 'ENOTDIR':
      return new TrameError('introuvable', `Le chemin ${name} passe par un fichier qui n'est pas un dossier.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new TrameError(doing === 'lire' ? 'introuvable' : 'ecriture-impossible', `Accès refusé : impossible ${doing === 'lire' ? 'de lire' : 'd’écrire'} ${name}.`);
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

/** An existing file the user did not ask to replace. */
export function fileExists(file: string): TrameError {
  return new TrameError(
    'fichier-existe',
    `Le fichier « ${path.basename(file)} » existe déjà : il n'a pas été remplacé. Choisissez un autre nom ou demandez à le remplacer.`,
  );
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/**
 * Refuses a path with a control character (ESC, BEL, NUL…), as the API's path validator does: every writer of the
 * CLI goes through here too, so a name that would drive a terminal is never created, whichever door asked.
 */
export function refuseControlChars(file: string): void {
  const c = pathControlChar(file);
  if (c !== null) {
    throw new TrameError('entree-invalide', `Le chemin du fichier contient un caractère de contrôle (${c}), interdit dans un nom de fichier : choisissez un autre nom. Rien n’a été écrit.`);
  }
}

/**
 * Writes `text` to `file` through a temporary file of the same folder, so a failure (disk full, key pulled out,
 * Ctrl+C) never leaves a partial file under the final name. An existing file is never replaced unless `replace`
 * says so (the user chose it): without it the name is given by a hard link, which fails if the name is taken.
 */
export function writeFileAtomic(file: string, text: string | Uint8Array, options: { replace?: boolean } = {}): void {
  const out = AtomicFile.create(file, options);
  out.write(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  out.commit();
}

/**
 * A file written as it is produced (issue 22: a document of tens of megabytes is never held whole in memory), with
 * the guarantees of `writeFileAtomic`: the bytes go to a temporary file beside it, which gets the name only at
 * `commit` (after fsync; never over an existing file unless `replace`); `abort` (a failure, a cancellation) removes
 * it, so no partial file is ever seen under the name.
 */
export class AtomicFile {
  private fd: number | null;
  private committed = false;

  private constructor(readonly file: string, private readonly tmp: string, fd: number, private readonly replace: boolean) {
    this.fd = fd;
  }

  static create(file: string, options: { replace?: boolean } = {}): AtomicFile {
    refuseControlChars(file);
    const dir = path.dirname(file);
    try {
      checkNameLength(file);
      if (!statSync(dir).isDirectory()) throw Object.assign(new Error('pas un dossier'), { code: 'ENOTDIR' });
    } catch (err) {
      throw err instanceof TrameError ? err : fsError(err, file, 'écrire');
    }
    if (existsSync(file) && statSync(file).isDirectory()) throw fsError(Object.assign(new Error('dossier'), { code: 'EISDIR' }), file, 'écrire');
    if (!options.replace && existsSync(file)) throw fileExists(file);
    // Replaced: only a regular file (not a device such as /proc/self/mem, a pipe or a socket), and it keeps its
    // permissions (a 0600 export stays private).
    const existing = options.replace ? statOrNull(file) : null;
    if (existing && !existing.isFile()) {
      throw new TrameError('entree-invalide', `« ${path.basename(file)} » n’est pas un fichier ordinaire (périphérique, tube ou socket) : il ne peut pas être remplacé. Choisissez un fichier. Rien n’a été écrit.`);
    }
    const tmp = tempNameBeside(file);
    let fd: number;
    try {
      fd = openSync(tmp, 'wx', 0o644);
    } catch (err) {
      throw fsError(err, file, 'écrire');
    }
    const out = new AtomicFile(file, tmp, fd, options.replace === true);
    if (existing) out.guard(() => fchmodSync(fd, existing.mode & 0o7777));
    return out;
  }

  write(bytes: Uint8Array): void {
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.guard(() => {
      let offset = 0;
      while (offset < data.length) offset += writeSync(this.opened(), data, offset, data.length - offset);
    });
  }

  /** The file under its name, complete and synced. */
  commit(): void {
    this.guard(() => {
      const fd = this.opened();
      fsyncSync(fd);
      this.fd = null;
      closeSync(fd);
      if (this.replace) renameSync(this.tmp, this.file);
      else publishNew(this.tmp, this.file);
      this.committed = true;
      syncDir(path.dirname(this.file));
    });
  }

  /** Nothing written under the name, the temporary file removed (harmless after a commit or a first abort). */
  abort(): void {
    if (this.committed) return;
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        /* already failing */
      }
      this.fd = null;
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      /* never created, or already removed */
    }
  }

  private opened(): number {
    if (this.fd === null) throw new Error('fichier déjà fermé');
    return this.fd;
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.abort();
      throw err instanceof TrameError ? err : fsError(err, this.file, 'écrire');
    }
  }
}

/** Gives `tmp` the name `file` only if that name is free (hard link; rename after a check where links are absent). */
function publishNew(tmp: string, file: string): void {
  try {
    linkSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || existsSync(file)) throw fileExists(file);
    renameSync(tmp, file); // FAT on a USB key: no hard links
    return;
  }
  unlinkSync(tmp);
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
  refuseControlChars(file);
  if (path.extname(file).toLowerCase() !== '.trame') {
    throw new TrameError('entree-invalide', `Le nom du fichier doit se terminer par « .trame » (reçu : « ${path.basename(file)} »).`);
  }
  return path.resolve(file);
}
