// Opening a .trame file safely. Checks the header bytes BEFORE SQLite touches the file, so that a file that is
// not ours, or comes from a newer Trame, is refused without a single byte changed.
//
// SQLite settings (see README « Durabilité »):
//  - journal_mode=WAL while open, synchronous=EXTRA: every committed edit is fsynced to the WAL before the call
//    returns, so it survives an application crash AND a power loss. (NORMAL would survive a crash only.)
//    EXTRA is FULL plus an fsync of the folder when a rollback journal is deleted: that deletion commits the
//    transactions run in DELETE mode (creating a file, switching to WAL on open and back on close). Measured on an
//    ext4 volume cut off at once (test/device): with FULL the deleted journal came back and the last transaction was
//    rolled back; with EXTRA it was kept. In WAL mode EXTRA costs nothing more than FULL.
//    better-sqlite3 reopens WAL files at NORMAL, so we set EXTRA and check it after every open.
//  - locking_mode=EXCLUSIVE: one Trame at a time on a file, also across processes; no -shm file needed.
//  - On a clean close we go back to journal_mode=DELETE, so the file at rest is one self-contained file that can
//    be copied on a USB key or emailed.
import { accessSync, closeSync, constants, copyFileSync, mkdirSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { TrameError } from '../core/api/result';
import { syncDir, syncFile } from '../core/files';
import { checkContent } from './content-check';
import { rawOpen, type Sqlite } from './sqlite';

export { rawOpen, type Sqlite };
import { expectedSchema, schemaAt, schemaOf } from './schema-check';

export { expectedSchema };
import { initIdentity } from './identity';
import { APPLICATION_ID, createAtLatest, LATEST_VERSION, migrate } from './migrations';


const SQLITE_MAGIC = 'SQLite format 3\u0000';

interface Header { applicationId: number; userVersion: number }

export function display(file: string): string {
  return path.basename(file);
}

/** Reads the 100-byte SQLite header without opening the database. */
export function readHeader(file: string): Header {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new TrameError('introuvable', `Le fichier « ${display(file)} » est introuvable (${file}).`);
  }
  if (st.isDirectory()) throw new TrameError('fichier-invalide', `« ${display(file)} » est un dossier, pas un fichier Trame.`);
  if (st.size === 0) throw new TrameError('fichier-invalide', `Le fichier « ${display(file)} » est vide : ce n'est pas un contrat Trame.`);
  const buf = Buffer.alloc(100);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new TrameError('fichier-invalide', `Le fichier « ${display(file)} » ne peut pas être lu (droits insuffisants ?).`);
  }
  let n = 0;
  try {
    n = readSync(fd, buf, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (n < 100 || buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new TrameError(
      'fichier-invalide',
      `Le fichier « ${display(file)} » n'est pas un contrat Trame : ce n'est pas une base de données SQLite (fichier endommagé, tronqué ou d'un autre type).`,
    );
  }
  return { userVersion: buf.readUInt32BE(60), applicationId: buf.readUInt32BE(68) };
}

export function checkIdentity(file: string, h: Header): void {
  if (h.applicationId !== APPLICATION_ID) {
    throw new TrameError(
      'fichier-invalide',
      `Le fichier « ${display(file)} » est une base SQLite d'une autre application : ce n'est pas un contrat Trame. Il n'a pas été modifié.`,
    );
  }
  if (h.userVersion < 1) {
    throw new TrameError('fichier-invalide', `Le fichier « ${display(file)} » porte la marque de Trame mais ne contient aucun contrat (schéma 0, aucune table) : il n'est pas ouvert et n'a pas été modifié.`);
  }
  if (h.userVersion > LATEST_VERSION) {
    throw new TrameError(
      'version-future',
      `Le fichier « ${display(file)} » a été créé par une version plus récente de Trame (schéma ${h.userVersion} > ${LATEST_VERSION}) : mettez Trame à jour pour l'ouvrir. Il n'a pas été modifié.`,
    );
  }
}

function isLockError(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export interface OpenedFile {
  db: Sqlite;
  readOnly: boolean;
  readOnlyReason: string | null;
  /** Set when the file came from an older schema and was migrated: its version then, and the copy kept of it. */
  migrated: { from: number; copy: string } | null;
  /** `deferContent`: the content checks are still to run; the file is locked but not yet switched to WAL. */
  contentPending: boolean;
}

export interface OpenOptions {
  /**
   * Where a copy of a file from an older schema is kept before it is migrated (the host gives a folder beside the
   * backups). Without it, such a file is refused rather than migrated with no copy.
   */
  migrationCopyDir?: string;
  /**
   * The file was just written and checked by Trame itself (an import, in the job worker): its identity and schema
   * version are read from its header, the content checks it has just passed are not run again.
   */
  justCreated?: boolean;
  /** The content checks of an up-to-date writable file are left to Store.checkContent: locked, unchanged till then. */
  deferContent?: boolean;
}

function writable(file: string): string | null {
  try {
    accessSync(file, constants.W_OK);
    // The file's own bits are the user's intent, even for root (whom access() always lets write): 0444 is read-only.
    if ((statSync(file).mode & 0o222) === 0) throw new Error('aucun droit d’écriture');
  } catch {
    return 'Le fichier est en lecture seule : vous pouvez le consulter, pas le modifier. Utilisez « Enregistrer sous » pour en faire une copie modifiable.';
  }
  try {
    accessSync(path.dirname(file), constants.W_OK);
  } catch {
    return 'Le dossier du fichier est protégé en écriture : vous pouvez consulter ce contrat, pas le modifier. Utilisez « Enregistrer sous » pour en faire une copie modifiable.';
  }
  return null;
}

/** Applies and verifies the connection settings on a read-write connection. */
export function configureWritable(db: Sqlite, file: string, wal = true): void {
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 0');
    db.pragma('synchronous = EXTRA'); // already for the switch to WAL, a rollback-journal transaction
    const mode = wal ? db.pragma('journal_mode = WAL', { simple: true }) : 'wal'; // without `wal`: no byte changes
    if (mode !== 'wal') throw new Error(`journal_mode=${String(mode)}`);
    // Take the write lock now: a second Trame (or another program) opening the file is refused at once.
    db.exec('BEGIN IMMEDIATE; COMMIT;');
  } catch (err) {
    if (isLockError(err)) {
      throw new TrameError(
        'deja-ouvert',
        `Le fichier « ${display(file)} » est déjà ouvert par un autre programme ou une autre fenêtre de Trame. Fermez-le là-bas, puis réessayez.`,
      );
    }
    throw err;
  }
  db.pragma('synchronous = EXTRA');
  db.pragma('foreign_keys = ON');
  assertSettings(db);
}

/** better-sqlite3 reopens WAL files at synchronous=NORMAL: check EXTRA (3) is really in force. */
export function assertSettings(db: Sqlite): void {
  const sync = db.pragma('synchronous', { simple: true });
  const fk = db.pragma('foreign_keys', { simple: true });
  if (sync !== 3 || fk !== 1) {
    throw new TrameError('interne', `Réglages SQLite inattendus (synchronous=${String(sync)}, foreign_keys=${String(fk)}) : fichier non ouvert par prudence.`);
  }
}

/**
 * Opens an existing .trame file. Refuses, without modifying it, anything that is not an up-to-date or older
 * Trame file: every check runs on a read-only connection first, and only a file that passed them is reopened
 * for writing (which switches it to WAL) and, if older, migrated in one transaction per step.
 */
export function openTrameFile(file: string, options: OpenOptions = {}): OpenedFile {
  const header = readHeader(file);
  checkIdentity(file, header);
  const readOnlyReason = writable(file);
  if (options.justCreated && readOnlyReason === null && header.userVersion === LATEST_VERSION) return openWritable(file, LATEST_VERSION, options);
  const defer = options.deferContent === true && readOnlyReason === null;
  let inspected: { inspector: Sqlite; version: number };
  try {
    inspected = inspectReadOnly(file, defer);
  } catch (err) {
    if (!interrupted(err)) throw translate(err, file);
    // A transaction was cut off (power loss, key pulled out) and left its journal: a read-only connection cannot
    // finish it. SQLite's own recovery does, on a read-write connection; then every check runs as usual.
    if (readOnlyReason !== null) {
      throw new TrameError(
        'lecture-seule',
        `Le fichier « ${display(file)} » contient une modification interrompue (coupure de courant ou clé retirée) que SQLite doit terminer, mais il est en lecture seule. Copiez le fichier et son voisin « ${display(file)}-journal » ou « ${display(file)}-wal » dans un dossier modifiable, puis ouvrez la copie.`,
      );
    }
    try {
      recover(file);
      inspected = inspectReadOnly(file, defer);
    } catch (again) {
      throw translate(again, file);
    }
  }
  const { inspector, version } = inspected;
  if (readOnlyReason !== null) {
    if (version < LATEST_VERSION) {
      safeClose(inspector, false);
      throw new TrameError(
        'lecture-seule',
        `Le fichier « ${display(file)} » vient d'une version plus ancienne de Trame et doit être mis à jour, mais il est en lecture seule. Copiez-le dans un dossier modifiable.`,
      );
    }
    inspector.pragma('foreign_keys = ON');
    return { db: inspector, readOnly: true, readOnlyReason, migrated: null, contentPending: false };
  }
  safeClose(inspector, false);
  return openWritable(file, version, options, defer && version === LATEST_VERSION);
}

/** Reopens a checked file for writing (WAL, exclusive lock), migrating it if older (a copy of it kept first). */
function openWritable(file: string, version: number, options: OpenOptions, contentPending = false): OpenedFile {
  // An older file is copied, as it is at rest, before anything changes it.
  const copy = version < LATEST_VERSION ? keepCopy(file, version, options.migrationCopyDir) : null;
  const db = connect(file, false);
  try {
    configureWritable(db, file, !contentPending);
    if (version < LATEST_VERSION) migrate(db);
    return { db, readOnly: false, readOnlyReason: null, migrated: copy ? { from: version, copy } : null, contentPending };
  } catch (err) {
    safeClose(db, false);
    throw translate(err, file);
  }
}

/** A copy of `file` (closed, at rest) in `dir`, fsynced with its folder, named after it and its schema version. */
function keepCopy(file: string, version: number, dir: string | undefined): string {
  if (!dir) {
    throw new TrameError(
      'interne',
      `Le fichier « ${display(file)} » vient d'une version plus ancienne de Trame (schéma ${version}) : il doit être mis à jour, mais aucun dossier n'a été donné pour en garder une copie d'abord. Il n'a pas été modifié.`,
    );
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${path.basename(file, '.trame')}-schema${version}-${stamp}.trame`);
  try {
    mkdirSync(dir, { recursive: true });
    copyFileSync(file, target, constants.COPYFILE_EXCL);
    syncFile(target);
    syncDir(dir);
  } catch (err) {
    try {
      unlinkSync(target);
    } catch {
      /* never created */
    }
    throw new TrameError(
      'ecriture-impossible',
      `Le fichier « ${display(file)} » vient d'une version plus ancienne de Trame et doit être mis à jour, mais la copie de l'original n'a pas pu être gardée dans « ${dir} » (dossier protégé ou disque plein ?) : il n'a pas été modifié.`,
      [(err as Error).message],
    );
  }
  return target;
}

/** Opens `file` read-only and runs every check; the connection is closed if one fails. */
function inspectReadOnly(file: string, defer: boolean): { inspector: Sqlite; version: number } {
  const inspector = connect(file, true);
  try {
    return { inspector, version: inspect(inspector, file, false, defer) };
  } catch (err) {
    safeClose(inspector, false);
    throw err;
  }
}

/** The read-only inspector met a hot journal or WAL it may not recover. */
export function interrupted(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return code === 'SQLITE_READONLY_ROLLBACK' || code === 'SQLITE_READONLY_RECOVERY' || code === 'SQLITE_READONLY_CANTINIT';
}

/** Lets SQLite finish an interrupted transaction: the first read on a read-write connection rolls a hot journal back. */
function recover(file: string): void {
  const db = rawOpen(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('synchronous = EXTRA');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } finally {
    db.close();
  }
}

function connect(file: string, readonly: boolean): Sqlite {
  try {
    return rawOpen(file, { readonly, fileMustExist: true, timeout: 0 });
  } catch (err) {
    throw new TrameError('fichier-invalide', `Le fichier « ${display(file)} » ne peut pas être ouvert par SQLite (droits, verrou ou fichier endommagé ?).`, [
      (err as Error).message,
    ]);
  }
}

function translate(err: unknown, file: string): TrameError {
  if (err instanceof TrameError) return err;
  if (isLockError(err)) {
    return new TrameError(
      'deja-ouvert',
      `Le fichier « ${display(file)} » est déjà ouvert par un autre programme ou une autre fenêtre de Trame. Fermez-le là-bas, puis réessayez.`,
    );
  }
  const code = (err as { code?: string })?.code ?? '';
  const cause = code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')
    ? 'il est endommagé'
    : code.startsWith('SQLITE_IOERR') ? 'erreur de lecture sur le support' : 'SQLite ne peut pas le lire';
  return new TrameError('fichier-invalide', `Le fichier « ${display(file)} » est illisible (${cause}). Restaurez une sauvegarde.`, [
    `${code ? `${code} : ` : ''}${(err as Error).message}`,
  ]);
}

/**
 * Identity, integrity, exact schema and content, read-only. Returns the file's schema version. `full`: SQLite's full
 * integrity_check (for a read without a window to report it later, `trame show`), else its quick_check. `defer`:
 * the content checks of an up-to-date file are left to Store.checkContent (an older one is checked before migrating).
 */
export function inspect(db: Sqlite, file: string, full = false, defer = false): number {
  // The header may lag behind an un-checkpointed WAL: check again through SQLite.
  checkIdentity(file, {
    applicationId: (db.pragma('application_id', { simple: true }) as number) >>> 0,
    userVersion: db.pragma('user_version', { simple: true }) as number,
  });
  // quick_check: every page and record readable, well formed (O(N)); the full integrity_check (indexes matching
  // their tables) runs after the contrat is shown, on a snapshot in the job worker (job doc.fullCheck).
  const check = sqliteCheck(db, full ? 'integrity_check' : 'quick_check');
  if (check !== 'ok') {
    throw new TrameError(
      'fichier-invalide',
      `Le fichier « ${display(file)} » est endommagé (le contrôle d'intégrité de SQLite a échoué). Restaurez une sauvegarde.`,
      check.split('\n').slice(0, 20),
    );
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  const actual = schemaOf(db);
  const expected = version === LATEST_VERSION ? expectedSchema() : schemaAt(version);
  if (actual.join('\n') !== expected.join('\n')) {
    const missing = expected.filter((x) => !actual.includes(x)).map((x) => x.split('|')[1]);
    const extra = actual.filter((x) => !expected.includes(x)).map((x) => x.split('|')[1]);
    throw new TrameError(
      'fichier-invalide',
      `Le fichier « ${display(file)} » a une structure modifiée hors de Trame : il n'est pas ouvert, par prudence.`,
      [...missing.map((n) => `manquant ou modifié : ${n}`), ...extra.map((n) => `en trop ou modifié : ${n}`)],
    );
  }
  if (!defer || version < LATEST_VERSION) checkContent(db, display(file));
  return version;
}

/** `PRAGMA quick_check` or `integrity_check`: 'ok', or what SQLite found (a lock error is thrown). */
export function sqliteCheck(db: Sqlite, pragma: 'quick_check' | 'integrity_check'): string {
  try {
    return String(db.pragma(pragma, { simple: true }));
  } catch (err) {
    if (isLockError(err)) throw err;
    return (err as Error).message;
  }
}

export interface CreateOptions {
  /** The document's UUID when the file is made from an interchange document that has one (FORMAT.md `id`). */
  documentId?: string;
  /** The path the file will be published under, if it is written under a temporary name first. */
  publishedAs?: string;
}

/**
 * Creates a brand-new database file at `file` (which must not exist yet) with the latest schema, its document id
 * (given, or new) and a new replica id born at `publishedAs` (default: `file`).
 */
export function createTrameDatabase(file: string, options: CreateOptions = {}): Sqlite {
  const db = rawOpen(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = EXTRA');
    db.pragma('foreign_keys = ON');
    createAtLatest(db);
    initIdentity(db, { documentId: options.documentId, publishedAs: options.publishedAs ?? file });
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Clean close: checkpoint, back to a single self-contained file. */
export function safeClose(db: Sqlite, toRest = true): void {
  if (!db.open) return;
  try {
    if (toRest && !db.readonly) db.pragma('journal_mode = DELETE');
  } catch {
    // The WAL stays; SQLite recovers it at the next open. Nothing is lost.
  }
  try {
    db.close();
  } catch {
    /* already closed */
  }
}
