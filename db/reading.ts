// Opening a .trame purely for reading (`trame show`, `trame export`, any inspection): not one byte of the file
// changes and nothing is written beside it. Every check of an ordinary open runs. A file from an older schema is
// migrated in memory only; a file left with an interrupted transaction (a -journal or -wal beside it) is copied with
// it into a temporary folder, where SQLite finishes the transaction on the copy.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TrameError } from '../core/api/result';
import {
  checkIdentity, display, inspect, rawOpen, readHeader, safeClose, type Sqlite,
} from './connection';
import { openImage, walAtRest } from './image';
import { LATEST_VERSION, migrate } from './migrations';

export interface ReadingFile {
  db: Sqlite;
  /** The schema version of the file on disk (the connection itself is always at the latest). */
  version: number;
}

const SIDE_FILES = ['-journal', '-wal', '-shm'];

/** Reads the file (or its copy with its journal, recovered in a temporary folder) into memory. */
function imageThroughCopy(file: string): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), `trame-lecture-${process.pid}-`));
  try {
    const copy = path.join(dir, path.basename(file));
    copyFileSync(file, copy);
    for (const side of SIDE_FILES) if (existsSync(`${file}${side}`)) copyFileSync(`${file}${side}`, `${copy}${side}`);
    const db = rawOpen(copy, { fileMustExist: true, timeout: 0 });
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get(); // finishes (rolls back) what was interrupted
      return db.serialize();
    } finally {
      db.close();
    }
  } catch (err) {
    if (err instanceof TrameError) throw err;
    throw new TrameError('fichier-invalide', `Le fichier « ${display(file)} » est illisible (SQLite ne peut pas le lire). Restaurez une sauvegarde.`, [
      (err as Error).message,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Opens `file` for reading only. Returns a connection that refuses writes to the file: the file itself read-only
 * when it is up to date and at rest, else an in-memory copy (migrated to the latest schema when older).
 */
export function openTrameFileForReading(file: string): ReadingFile {
  checkIdentity(file, readHeader(file));
  const busy = SIDE_FILES.some((side) => existsSync(`${file}${side}`)) || walAtRest(file);
  let db: Sqlite;
  if (busy) {
    db = openImage(imageThroughCopy(file));
  } else {
    try {
      db = rawOpen(file, { readonly: true, fileMustExist: true, timeout: 0 });
    } catch (err) {
      throw new TrameError('fichier-invalide', `Le fichier « ${display(file)} » ne peut pas être ouvert par SQLite (droits ou fichier endommagé ?).`, [
        (err as Error).message,
      ]);
    }
  }
  let version: number;
  try {
    version = inspect(db, file, true);
    if (version < LATEST_VERSION) {
      if (!busy) {
        const image = db.serialize();
        safeClose(db, false);
        db = openImage(image);
      }
      migrate(db);
    }
    db.pragma('query_only = ON');
  } catch (err) {
    safeClose(db, false);
    if (err instanceof TrameError) throw err;
    throw new TrameError('fichier-invalide', `Le fichier « ${display(file)} » n'a pas pu être lu (SQLite a refusé). Il n'a pas été modifié.`, [
      (err as Error).message,
    ]);
  }
  return { db, version };
}
