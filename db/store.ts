// A Store is one open .trame file: its connection, the edit transaction that feeds the change journal,
// and undo/redo over that journal. Tree, contrat and document operations live in their own modules.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { TrameError } from '../core/api/result';
import type { EditOutcome, HistoryState } from '../core/api/types';
import path from 'node:path';
import { assertSettings, configureWritable, openTrameFile, safeClose, type OpenOptions, type Sqlite } from './connection';
import { checkContent } from './content-check';
import { MemoryFallback } from './fallback';
import {
  changeCause, changeOf, diskFailure, disarmCheckpoint, holdFile, isWriteFailure, releaseFile, remark, replacedOrCut, type FileMark,
} from './file-mark';

export { diskFailure };
import { claimReplica, readIdentity, type Identity } from './identity';
import { closeGroup, historyOf, insertBulk, journalEntries, journalSpec, openGroup, replayStep, type JournaledTable, type StoreJournalEntry } from './journal';
import { kysely, Runner } from './query';
import { openTrameFileForReading } from './reading';

/** Who edits: a stable id (a UUID kept in the settings with the name) and the name shown beside it. */
export interface Author { id: string | null; name: string }

export type { StoreJournalEntry } from './journal';

/** Said to whoever opens a file for reading and tries to change it. */
export const READING_ONLY = 'Ce contrat est ouvert pour consultation seulement : il ne peut pas être modifié ici.';

export interface EditFocus { undo: string | null; redo: string | null }

/** The journal group an edit, undo or redo wrote (what the session tells the pages that follow the contrat). */
export interface JournalStep { groupId: number; label: string; kind: 'edit' | 'undo' | 'redo' }

/** What a journaled change returns: the UI's outcome, and the group it wrote (null: nothing changed). */
export interface Stepped { outcome: EditOutcome; step: JournalStep | null }

export class Store {
  run: Runner;
  private closed = false;
  /** Set once the file refused a write: the contrat then lives in memory (see goOffline). */
  offline: string | null = null;
  /** Test hook: makes the next writes fail as a pulled-out USB key would (SQLITE_IOERR). */
  simulateWriteFailure = false;
  /** What the contrat is rebuilt from in memory when its file stops accepting writes (db/fallback.ts). */
  private readonly fallback = new MemoryFallback();

  /** The author's name, written beside each journal group, and stable id (null when the host gave only a name). */
  author: string;
  authorId: string | null;
  /** A French sentence for the UI when opening changed something the user should know (the file was migrated). */
  notice: string | null = null;
  /** Journaled tables and their columns, read from this file's live schema at open. */
  private readonly spec: Map<string, JournaledTable>;
  private ids: Identity;
  /** Device, inode, size and header of the file as opened: checked after every write and at close (db/file-mark). */
  private mark: FileMark | null = null;
  /** Opened with `deferContent`, content checks still to run (checkContent): till then, not one byte changed. */
  contentPending = false;
  private contentRefusal: TrameError | null = null;

  constructor(
    public db: Sqlite,
    public path: string,
    readonly readOnly: boolean,
    readonly readOnlyReason: string | null,
    author: string | Author,
  ) {
    this.author = typeof author === 'string' ? author : author.name;
    this.authorId = typeof author === 'string' ? null : author.id;
    this.run = new Runner(db);
    this.spec = journalSpec(db);
    this.ids = readIdentity(db);
    // The fallback's shadow image is taken lazily, just before the first write runs: opening does not pay for it.
    if (!readOnly) this.mark = holdFile(path);
  }

  /**
   * Opens a contrat for editing. A file from an older schema is copied into `options.migrationCopyDir` first, then
   * migrated; `notice` then says so in French. A copy of the file found somewhere else than where its replica was
   * born gets a replica id of its own.
   */
  static open(file: string, author: string | Author, options: OpenOptions = {}): Store {
    const { db, readOnly, readOnlyReason, migrated, contentPending } = openTrameFile(file, options);
    let store: Store;
    try {
      if (!readOnly && !contentPending) claimReplica(db, file);
      store = new Store(db, file, readOnly, readOnlyReason, author);
      store.contentPending = contentPending;
    } catch (err) {
      safeClose(db);
      throw err;
    }
    if (migrated) {
      store.notice =
        `Ce contrat venait d'une version plus ancienne de Trame (schéma ${migrated.from}) : il a été mis à jour ; ` +
        `une copie de l'original est gardée dans « ${migrated.copy} ».`;
    }
    return store;
  }

  /** Opens a contrat purely for reading: not one byte changes, nothing is written beside it; an older file is
   * migrated in memory only. */
  static openForReading(file: string, author: string | Author = 'lecture'): Store {
    const { db } = openTrameFileForReading(file);
    try {
      return new Store(db, file, true, READING_ONLY, author);
    } catch (err) {
      safeClose(db, false);
      throw err;
    }
  }

  /** The document's UUID (the same in every copy) and this copy's replica id. */
  identity(): Identity {
    return { ...this.ids };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const changed = !this.offline && this.mark ? changeOf(this.path, this.mark, true) : null;
    if (changed) {
      // Never write into what now stands at the path (no checkpoint, no switch back to DELETE).
      const cleanup = disarmCheckpoint(this.path, this.mark);
      safeClose(this.db, false);
      releaseFile(this.mark);
      cleanup();
      return;
    }
    safeClose(this.db, !this.offline);
    // Only now: closing a descriptor of the file releases every lock the process holds on it (db/file-mark.ts).
    releaseFile(this.mark);
  }

  /**
   * Is the path still the file opened? If it was replaced, cut or changed by another program, the contrat moves
   * into memory as for a pulled-out key (offline message, « Enregistrer sous »). True when that just happened.
   */
  verifyFile(thorough = false): boolean {
    if (this.readOnly || this.offline || this.closed || !this.mark) return false;
    const change = changeOf(this.path, this.mark, thorough);
    if (!change) return false;
    this.goOffline(Object.assign(new Error(changeCause(change)), { code: 'TRAME_CHANGED' }));
    return true;
  }

  get isOpen(): boolean {
    return !this.closed && this.db.open;
  }

  newId(): string {
    return this.fallback.draw('ids', () => randomUUID());
  }

  now(): string {
    return this.fallback.draw('times', () => new Date().toISOString());
  }

  private assertWritable(): void {
    if (this.readOnly) {
      throw new TrameError('lecture-seule', this.readOnlyReason ?? 'Ce contrat est ouvert en lecture seule.');
    }
    this.checkContent();
  }

  /**
   * The content checks deferred from the open, run once: after the first screen (job doc.fullCheck) or before the
   * first write or copy. Passed: WAL and replica id, as an open does. Failed: their French refusal, now and at every
   * later write; the file stays byte for byte as it was.
   */
  checkContent(): void {
    if (this.contentRefusal) throw this.contentRefusal;
    if (!this.contentPending || this.closed) return;
    try {
      checkContent(this.db, path.basename(this.path));
    } catch (err) {
      if (err instanceof TrameError) this.contentRefusal = err;
      throw err;
    }
    configureWritable(this.db, this.path);
    this.ids = claimReplica(this.db, this.path);
    this.contentPending = false;
    if (this.mark) remark(this.path, this.mark); // the WAL switch is Trame's own change of the header
  }

  private transact<T>(fn: () => T): T {
    if (this.simulateWriteFailure && !this.offline) {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    }
    return this.db.transaction(fn).immediate();
  }

  /**
   * Runs a synchronous write transaction. When the file stops accepting writes (USB key pulled out, disk full), the
   * contrat moves into memory and the edit is applied there: nothing is lost, « Enregistrer sous » writes it elsewhere.
   */
  write<T>(fn: () => T): T {
    this.assertWritable();
    // A file replaced, cut or rewritten by another program since Trame's last write: the contrat moves to memory
    // first, and this write goes there, never into the other program's bytes.
    this.verifyFile();
    this.fallback.begin(fn, this.offline ? null : this.db);
    try {
      const result = this.transact(fn);
      if (!this.offline) this.fallback.committed(this.db);
      // Acknowledged only once the path is known to still hold the file that took the write (replayed in memory if
      // not); then what the commit (and its checkpoint) made of the file is the new mark.
      if (!this.offline && this.mark) {
        // Replaced or cut meanwhile (never Trame's own doing): replayed in memory; else the file as it is now is ours.
        if (replacedOrCut(this.path, this.mark)) this.verifyFile();
        else remark(this.path, this.mark);
      }
      return result;
    } catch (err) {
      if (err instanceof TrameError) throw err;
      if (isWriteFailure(err) && !this.offline) {
        this.goOffline(err as Error);
        return this.write(fn);
      }
      if (isWriteFailure(err)) {
        throw new TrameError('ecriture-impossible', `Écriture impossible en mémoire (${diskFailure(err as Error)}).`);
      }
      const code = (err as { code?: string })?.code ?? '';
      if (code.startsWith('SQLITE_CONSTRAINT')) {
        throw new TrameError(
          'entree-invalide',
          code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
            ? 'Modification refusée par le contrôle de cohérence du fichier : elle désigne un élément ou une valeur qui n’existe pas.'
            : 'Modification refusée par le contrôle de cohérence du fichier.',
          [`${code} : ${(err as Error).message}`],
        );
      }
      throw err;
    } finally {
      this.fallback.end();
    }
  }

  /**
   * Rebuilds the contrat as last committed in memory, without reading the failing file: the shadow image, then every
   * write committed since, replayed with the ids and times they drew. The file keeps its last committed state.
   */
  private goOffline(cause: Error): void {
    const file = this.db;
    const fileRun = this.run;
    try {
      this.fallback.rebuild(file, (mem) => {
        this.db = mem;
        this.run = new Runner(mem);
      });
    } catch {
      this.db = file;
      this.run = fileRun;
      throw new TrameError(
        'ecriture-impossible',
        `Le fichier « ${path.basename(this.path)} » n'est plus accessible (${diskFailure(cause)}) et son contenu n'a pas pu être gardé en mémoire. Les modifications déjà enregistrées sont dans le fichier et dans les sauvegardes automatiques.`,
      );
    }
    const changed = this.mark ? changeOf(this.path, this.mark) : null;
    const cleanup = changed ? disarmCheckpoint(this.path, this.mark) : () => undefined;
    try {
      file.close();
    } catch {
      /* the device is gone: nothing more to release */
    }
    releaseFile(this.mark);
    cleanup();
    this.offline =
      `Le fichier « ${path.basename(this.path)} » ne peut plus être enregistré (${diskFailure(cause)}). ` +
      'Vos modifications sont gardées en mémoire : utilisez « Enregistrer sous » pour les écrire ailleurs avant de fermer Trame.';
  }

  /** One user action = one journal group: the triggers record each row it changes; undo and redo replay them. */
  edit(label: string, fn: () => EditFocus): EditOutcome {
    return this.editStep(label, fn).outcome;
  }

  /** The same, with the group it wrote: what core/session's one edit door needs to tell the pages. */
  editStep(label: string, fn: () => EditFocus): Stepped {
    const focus = this.write(() => {
      const gid = openGroup(this.run, {
        uuid: this.newId(), at: this.now(), replicaId: this.ids.replicaId, authorId: this.authorId, author: this.author, label,
      });
      const f = fn();
      return { f, changed: closeGroup(this.run, gid, f), gid };
    });
    // After a recorded edit the history is known without asking: this edit to undo, nothing to redo.
    const history: HistoryState = focus.changed
      ? { canUndo: true, undoLabel: label, canRedo: false, redoLabel: null }
      : this.historyState();
    return {
      outcome: { focusId: focus.f.redo, history, offline: this.offline },
      step: focus.changed ? { groupId: focus.gid, label, kind: 'edit' } : null,
    };
  }

  historyState(): HistoryState {
    return historyOf(this.run);
  }

  undo(): EditOutcome { return this.step('undo').outcome; }

  redo(): EditOutcome { return this.step('redo').outcome; }

  /** Inside an edit: rows inserted as bulk journal entries, one per item, not one per row (db/journal/bulk.ts). */
  insertRows(table: string, cols: readonly string[], rows: readonly unknown[][]): number {
    return insertBulk(this.run, this.spec, table, cols, rows);
  }

  /**
   * Undo: the last step in effect, back to its before images. Redo: the first undone step, to its after images.
   * Each is a new journal group with its own clock time (db/journal/steps.ts): the journal only grows.
   */
  step(direction: 'undo' | 'redo'): Stepped {
    const focus = this.write(() => {
      const r = replayStep(this.run, this.db, this.spec, direction, {
        uuid: this.newId(), at: this.now(), replicaId: this.ids.replicaId, authorId: this.authorId, author: this.author,
      });
      const step: JournalStep = { groupId: r.groupId, label: r.label, kind: direction };
      return { focusId: r.focusId, step };
    });
    return { outcome: { focusId: focus.focusId, history: this.historyState(), offline: this.offline }, step: focus.step };
  }

  journal(limit = 200): StoreJournalEntry[] {
    return journalEntries(this.run, limit);
  }

  /** An image of the whole database, between two changes (what a job's worker reads). */
  snapshot(): Uint8Array {
    return new Uint8Array(this.db.serialize());
  }

  /** Writes a consistent copy of the open file (VACUUM INTO: never a raw copy of a live file). */
  copyTo(target: string): void {
    this.checkContent();
    this.run.stmt('VACUUM INTO ?').run(target);
  }

  checkSettings(): void {
    assertSettings(this.db);
  }

  /** For tests and diagnostics. */
  integrity(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }

  count(): number {
    return Number(this.run.first(kysely.selectFrom('node').select(sql<number>`count(*)`.as('n')))?.n ?? 0);
  }
}
