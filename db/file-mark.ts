// Is the path still the file Trame opened, holding only what Trame wrote? Sync clients and `git pull` replace a file
// by renaming another over it; `cp` and `truncate` change it in place, whatever its size. SQLite keeps writing to what
// it opened (a deleted inode, or bytes another program rewrote), so the edits would vanish or corrupt the file.
//
// In WAL mode the file itself changes only when Trame's own commits checkpoint into it. So after each of Trame's
// writes the mark is taken again (`remark`), and before the next write and at close the file must be exactly as
// marked: same device and inode at the path, same size, same modification and change times to the nanosecond (a
// program cannot set the change time back), and the same first page (header and schema), for file systems whose
// times are coarse. One stat and one 4 KiB read through a descriptor already open: microseconds.
//
// The descriptor is opened once, with the file, and closed only after SQLite has closed it: POSIX record locks belong
// to the whole process, and closing ANY descriptor of the file releases them — opening and closing the file to look
// at it would drop SQLite's exclusive lock, and let another program write the contrat at the same time.
import { closeSync, fstatSync, openSync, readSync, statSync, truncateSync, unlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';

export interface FileMark {
  /** A read-only descriptor of the file, held until SQLite has closed it (see above). */
  fd: number;
  dev: number;
  ino: number;
  size: number;
  mtimeNs: bigint;
  ctimeNs: bigint;
  /** SHA-256 of the first 4 KiB: the header (change counter, page count, schema cookie) and the schema's root page. */
  head: string;
  /** The WAL beside it (SQLite leaves it behind when the file has moved: it must not meet the replacing file). */
  wal: { dev: number; ino: number } | null;
}

const HEAD_BYTES = 4096;

function headOf(fd: number): string {
  const buf = Buffer.alloc(HEAD_BYTES);
  const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
  return createHash('sha256').update(buf.subarray(0, n)).digest('hex');
}

function walOf(file: string): { dev: number; ino: number } | null {
  try {
    const st = statSync(`${file}-wal`);
    return { dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}

/** Opens a descriptor of `file` kept for the life of its store, and marks the file as it is now. */
export function holdFile(file: string): FileMark | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    return { fd, ...stateOf(fd), wal: walOf(file) };
  } catch {
    closeSync(fd);
    return null;
  }
}

function stateOf(fd: number, st = fstatSync(fd, { bigint: true })): Omit<FileMark, 'fd' | 'wal'> {
  return { dev: Number(st.dev), ino: Number(st.ino), size: Number(st.size), mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, head: headOf(fd) };
}

/** After one of Trame's own writes (its checkpoint may have changed the file): the file as it is now is ours. */
export function remark(file: string, mark: FileMark): void {
  const st = fstatSync(mark.fd, { bigint: true });
  // Most commits stay in the WAL: the file itself did not change, and its first page need not be read again.
  if (Number(st.size) === mark.size && st.mtimeNs === mark.mtimeNs && st.ctimeNs === mark.ctimeNs) return;
  Object.assign(mark, stateOf(mark.fd, st));
  mark.wal = walOf(file) ?? mark.wal;
}

/** True when the file system keeps times to the second or coarser (FAT, exFAT on a USB key): times alone miss a copy. */
function coarseTimes(mark: FileMark): boolean {
  return mark.mtimeNs % 1_000_000_000n === 0n;
}

/** The path no longer holds the opened file, or holds less of it: what Trame's own commits never do. */
export function replacedOrCut(file: string, mark: FileMark): boolean {
  try {
    const st = statSync(file);
    return st.dev !== mark.dev || st.ino !== mark.ino || st.size < mark.size;
  } catch {
    return true;
  }
}

/** Closes the held descriptor: only once SQLite has closed the file (it releases the process's locks on it). */
export function releaseFile(mark: FileMark | null): void {
  if (!mark || mark.fd < 0) return;
  try {
    closeSync(mark.fd);
  } catch {
    /* the device is gone */
  }
  mark.fd = -1;
}

export type Change = 'absent' | 'remplace' | 'tronque' | 'modifie';

/** What happened to the file at `file` since `mark` was taken (or last renewed), or null if it is untouched. */
export function changeOf(file: string, mark: FileMark, thorough = false): Change | null {
  let st;
  try {
    st = statSync(file, { bigint: true });
  } catch {
    return 'absent';
  }
  if (Number(st.dev) !== mark.dev || Number(st.ino) !== mark.ino) return 'remplace';
  if (Number(st.size) < mark.size) return 'tronque';
  if (Number(st.size) !== mark.size || st.mtimeNs !== mark.mtimeNs || st.ctimeNs !== mark.ctimeNs) return 'modifie';
  // Where times are kept to the nanosecond they suffice (a write by any program moves the change time); where they
  // are coarse, or when asked (`thorough`, at close), the first page is compared too.
  if (!thorough && !coarseTimes(mark)) return null;
  try {
    if (headOf(mark.fd) !== mark.head) return 'modifie';
  } catch {
    return 'absent';
  }
  return null;
}

/** French: what happened, for the offline message. */
export function changeCause(change: Change): string {
  switch (change) {
    case 'absent': return 'le fichier a été supprimé ou déplacé par un autre programme';
    case 'remplace': return 'le fichier a été remplacé par un autre (synchronisation, copie ou « git pull » ?)';
    case 'tronque': return 'le fichier a été raccourci par un autre programme';
    default: return 'le fichier a été modifié par un autre programme';
  }
}

/**
 * Before closing a connection whose file was changed in place (same inode): empties the WAL, so that SQLite's
 * checkpoint at close finds nothing to copy and never writes into the changed file. When the file was replaced or
 * removed, SQLite skips the checkpoint and leaves our WAL beside whatever now stands at the path: its frames would
 * be applied to that file at its next open. Returns a cleanup to run after the close (removes our WAL).
 */
export function disarmCheckpoint(file: string, mark: FileMark | null): () => void {
  if (!mark) return () => undefined;
  let st;
  try {
    st = statSync(file);
  } catch {
    st = null;
  }
  if (!st || st.dev !== mark.dev || st.ino !== mark.ino) {
    return () => {
      const wal = walOf(file);
      if (wal && mark.wal && wal.dev === mark.wal.dev && wal.ino === mark.wal.ino) {
        try {
          unlinkSync(`${file}-wal`);
        } catch {
          /* already gone */
        }
      }
    };
  }
  try {
    truncateSync(`${file}-wal`, 0);
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      if (statSync(`${file}-wal`).size === 0) unlinkSync(`${file}-wal`);
    } catch {
      /* removed by SQLite already */
    }
  };
}

export function isWriteFailure(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return /^SQLITE_(IOERR|FULL|READONLY|CANTOPEN|CORRUPT|NOTADB)/.test(code);
}

/** SQLite's English error, said in French with its likely cause. */
export function diskFailure(err: Error): string {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'TRAME_CHANGED') return err.message;
  if (code.startsWith('SQLITE_FULL')) return 'le disque est plein';
  if (code.startsWith('SQLITE_READONLY')) return 'le support est passé en lecture seule';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'le fichier est devenu inaccessible : clé USB retirée ou réseau coupé ?';
  if (code.startsWith('SQLITE_IOERR')) return 'erreur de lecture ou d’écriture sur le support : clé USB retirée, disque plein ou réseau coupé ?';
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return 'le fichier a été endommagé sur le support';
  return 'erreur du support';
}
