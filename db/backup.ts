// Automatic backups of an open contrat: consistent copies made with SQLite's online backup API into the app's
// backups folder, one folder per contrat file, rotated (the last N, plus one per day for a month).
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { TrameError } from '../core/api/result';
import { syncDir, syncFile } from '../core/files';
import type { Store } from './store';

export const KEEP_LAST = 10;
export const KEEP_DAYS = 31;

export interface BackupFile { id: string; at: string; file: string; size: number }

const NAME = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.trame$/;

/** The backups folder of one contrat file: readable name + hash of its full path (two files may share a name). */
export function backupDirFor(root: string, contratPath: string): string {
  const base = path.basename(contratPath, '.trame').replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 60) || 'contrat';
  const hash = createHash('sha256').update(path.resolve(contratPath)).digest('hex').slice(0, 10);
  return path.join(root, `${base}-${hash}`);
}

function idFor(date: Date): string {
  return `${date.toISOString().replace(/[:.]/g, '-')}.trame`;
}

function atOf(id: string): string | null {
  const m = NAME.exec(id);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : null;
}

export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupFile[] = [];
  for (const id of names) {
    const at = atOf(id);
    if (!at) continue;
    const file = path.join(dir, id);
    try {
      out.push({ id, at, file, size: statSync(file).size });
    } catch {
      /* removed meanwhile */
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : -1));
}

/** Which backups to delete: keep the newest KEEP_LAST, and the newest of each day for KEEP_DAYS days. */
export function toPrune(backups: BackupFile[], now: Date, keepLast = KEEP_LAST, keepDays = KEEP_DAYS): BackupFile[] {
  const sorted = [...backups].sort((a, b) => (a.at < b.at ? 1 : -1));
  const keep = new Set(sorted.slice(0, keepLast).map((b) => b.id));
  const days = new Set<string>();
  const limit = now.getTime() - keepDays * 86_400_000;
  for (const b of sorted) {
    const day = b.at.slice(0, 10);
    if (Date.parse(b.at) > limit && !days.has(day)) {
      days.add(day);
      keep.add(b.id);
    }
  }
  return sorted.filter((b) => !keep.has(b.id));
}

/**
 * The online backup copies the live file's header, which says WAL (bytes 18–19 = 2): any reader of the backup, even
 * read-only, would then need a -wal and -shm beside it (impossible on a read-only folder). The copy is complete and
 * has no WAL of its own, so marking it as a rollback-journal file (1, 1) is exactly what journal_mode=DELETE does.
 */
function atRest(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.from([1, 1]), 0, 2, 18);
  } finally {
    closeSync(fd);
  }
}

/** Makes one backup of the open store now, then rotates. Returns the new backup. */
export async function backupNow(store: Store, dir: string, now = new Date()): Promise<BackupFile> {
  let id = idFor(now);
  // Two backups in the same millisecond (tests): never overwrite.
  while (listBackups(dir).some((b) => b.id === id)) {
    now = new Date(now.getTime() + 1);
    id = idFor(now);
  }
  const tmp = path.join(dir, `.${randomUUID()}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    await store.db.backup(tmp);
    atRest(tmp);
    syncFile(tmp);
    renameSync(tmp, path.join(dir, id));
    syncDir(dir);
  } catch (err) {
    for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) {
      try {
        unlinkSync(f);
      } catch {
        /* absent */
      }
    }
    const code = (err as { code?: string }).code ?? '';
    const cause = code === 'ENOSPC' || code.startsWith('SQLITE_FULL') ? 'disque plein'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')
        ? 'dossier protégé en écriture'
      : 'erreur d’écriture';
    throw new TrameError('ecriture-impossible', `La sauvegarde automatique n'a pas pu être faite dans « ${dir} » (${cause}) : vos modifications sont bien dans le contrat, mais sans copie de secours ; libérez de la place ou vérifiez ce dossier.`, [
      `${code ? `${code} : ` : ''}${(err as Error).message}`,
    ]);
  }
  for (const old of toPrune(listBackups(dir), now)) {
    try {
      unlinkSync(old.file);
    } catch {
      /* already gone */
    }
  }
  return listBackups(dir).find((b) => b.id === id)!;
}
