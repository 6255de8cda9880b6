// A Store is one open .trame file: its connection, the edit transaction that feeds the change journal,
// and undo/redo over that journal. Tree, contrat and document operations live in their own modules.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { TrameError } from '../core/api/result';
import type { EditOutcome, HistoryState, JournalEntry } from '../core/api/contract';
import path from 'node:path';
import { assertSettings, openTrameFile, rawOpen, safeClose, type Sqlite } from './connection';
import { JOURNALED_TABLES } from './migrations';
import { kysely, Runner } from './query';

export interface EditFocus { undo: string | null; redo: string | null }

/** A committed write, kept so it can be replayed over the shadow image; with the ids and times it drew. */
interface LoggedWrite { fn: () => unknown; ids: string[]; times: string[] }

/** Writes replayed over the shadow image before a new image is taken (see Store.shadow). */
const SHADOW_REFRESH = 200;

function isWriteFailure(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return /^SQLITE_(IOERR|FULL|READONLY|CANTOPEN|CORRUPT|NOTADB)/.test(code);
}

/** SQLite's English error, said in French with its likely cause. */
export function diskFailure(err: Error): string {
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_FULL')) return 'le disque est plein';
  if (code.startsWith('SQLITE_READONLY')) return 'le support est passé en lecture seule';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'le fichier est devenu inaccessible : clé USB retirée ou réseau coupé ?';
  if (code.startsWith('SQLITE_IOERR')) return 'erreur de lecture ou d’écriture sur le support : clé USB retirée, disque plein ou réseau coupé ?';
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return 'le fichier a été endommagé sur le support';
  return 'erreur du support';
}

export class Store {
  run: Runner;
  private closed = false;
  /** Set once the file refused a write: the contrat then lives in memory (see goOffline). */
  offline: string | null = null;
  /** Test hook: makes the next writes fail as a pulled-out USB key would (SQLITE_IOERR). */
  simulateWriteFailure = false;
  /**
   * What the in-memory fallback is rebuilt from, without reading the file again: an image of the database taken
   * while the volume answered, plus every write committed since. When a USB key is pulled out, SQLite drops its page
   * cache on the I/O error and can no longer read the file (measured on a real ext4 volume shut down mid-session:
   * `serialize()` then returns a malformed image), so the copy cannot be taken at that moment.
   */
  private shadow: { image: Buffer; writes: LoggedWrite[] } | null = null;
  private recording: LoggedWrite | null = null;
  private replaying: { ids: string[]; times: string[] } | null = null;

  constructor(
    public db: Sqlite,
    public path: string,
    readonly readOnly: boolean,
    readonly readOnlyReason: string | null,
    public author: string,
  ) {
    this.run = new Runner(db);
    if (!readOnly) this.takeShadow();
  }

  static open(file: string, author: string): Store {
    const { db, readOnly, readOnlyReason } = openTrameFile(file);
    return new Store(db, file, readOnly, readOnlyReason, author);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    safeClose(this.db, !this.offline);
  }

  get isOpen(): boolean {
    return !this.closed && this.db.open;
  }

  newId(): string {
    return this.draw('ids', () => randomUUID());
  }

  now(): string {
    return this.draw('times', () => new Date().toISOString());
  }

  /** Ids and times drawn inside a write: recorded, so that a replay over the shadow image draws the same. */
  private draw(kind: 'ids' | 'times', fresh: () => string): string {
    const replayed = this.replaying?.[kind].shift();
    if (replayed) return replayed;
    const value = fresh();
    this.recording?.[kind].push(value);
    return value;
  }

  private takeShadow(): void {
    try {
      this.shadow = { image: this.db.serialize(), writes: [] };
    } catch {
      this.shadow = null; // the fallback then tries to read the file at the moment it fails
    }
  }

  private assertWritable(): void {
    if (this.readOnly) {
      throw new TrameError('lecture-seule', this.readOnlyReason ?? 'Ce contrat est ouvert en lecture seule.');
    }
  }

  private transact<T>(fn: () => T): T {
    if (this.simulateWriteFailure && !this.offline) {
      throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    }
    return this.db.transaction(fn).immediate();
  }

  /**
   * Runs a synchronous write transaction. When the file stops accepting writes (USB key pulled out, disk full),
   * the contrat moves into memory and the edit is applied there: nothing the user did is lost, and
   * « Enregistrer sous » writes it all elsewhere.
   */
  write<T>(fn: () => T): T {
    this.assertWritable();
    const logged: LoggedWrite = { fn, ids: [], times: [] };
    this.recording = logged;
    try {
      const result = this.transact(fn);
      if (this.shadow && !this.offline) {
        this.shadow.writes.push(logged);
        if (this.shadow.writes.length >= SHADOW_REFRESH) this.takeShadow();
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
        throw new TrameError('entree-invalide', `Modification refusée par le contrôle de cohérence du fichier (${(err as Error).message}).`);
      }
      throw err;
    } finally {
      this.recording = null;
    }
  }

  /**
   * Rebuilds the contrat as last committed in an in-memory database, without reading the failing file: the shadow
   * image, then every write committed since, replayed in order with the ids and times they first drew. The file
   * keeps its last committed state, untouched.
   */
  private goOffline(cause: Error): void {
    const file = this.db;
    const fileRun = this.run;
    let mem: Sqlite | null = null;
    try {
      const image = Buffer.from(this.shadow ? this.shadow.image : file.serialize());
      // A WAL-mode header cannot be deserialized: mark the in-memory image as rollback-journal (bytes 18–19).
      image[18] = 1;
      image[19] = 1;
      mem = rawOpen(image);
      mem.pragma('foreign_keys = ON');
      this.db = mem;
      this.run = new Runner(mem);
      for (const w of this.shadow?.writes ?? []) {
        this.replaying = { ids: [...w.ids], times: [...w.times] };
        mem.transaction(w.fn).immediate();
      }
      const check = mem.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(String(check));
    } catch {
      this.db = file;
      this.run = fileRun;
      mem?.close();
      throw new TrameError(
        'ecriture-impossible',
        `Le fichier « ${path.basename(this.path)} » n'est plus accessible (${diskFailure(cause)}) et son contenu n'a pas pu être gardé en mémoire. Les modifications déjà enregistrées sont dans le fichier et dans les sauvegardes automatiques.`,
      );
    } finally {
      this.replaying = null;
    }
    this.shadow = null;
    try {
      file.close();
    } catch {
      /* the device is gone: nothing more to release */
    }
    this.offline =
      `Le fichier « ${path.basename(this.path)} » ne peut plus être enregistré (${diskFailure(cause)}). ` +
      'Vos modifications sont gardées en mémoire : utilisez « Enregistrer sous » pour les écrire ailleurs avant de fermer Trame.';
  }

  /**
   * One user action = one journal group. The triggers of migration 001 record every row it changes (before/after)
   * while journal_ctx.group_id is set; undo and redo replay those images.
   */
  edit(label: string, fn: () => EditFocus): EditOutcome {
    const focus = this.write(() => {
      const at = this.now();
      const gid = Number(
        this.run.stmt('INSERT INTO journal_group (at, author, label) VALUES (?, ?, ?)').run(at, this.author, label).lastInsertRowid,
      );
      this.run.stmt('UPDATE journal_ctx SET group_id = ? WHERE id = 1').run(gid);
      const f = fn();
      this.run.stmt('UPDATE journal_ctx SET group_id = NULL WHERE id = 1').run();
      const changed = this.run.stmt('SELECT 1 FROM journal_change WHERE group_id = ? LIMIT 1').get(gid) !== undefined;
      if (!changed) {
        this.run.stmt('DELETE FROM journal_group WHERE id = ?').run(gid);
        return { f, changed };
      }
      // A new edit ends the redo branch.
      if (this.run.stmt('SELECT 1 FROM journal_group WHERE undone = 1 LIMIT 1').get() !== undefined) {
        this.run.stmt('DELETE FROM journal_change WHERE group_id IN (SELECT id FROM journal_group WHERE undone = 1)').run();
        this.run.stmt('DELETE FROM journal_group WHERE undone = 1').run();
      }
      this.run.stmt('UPDATE journal_group SET focus_undo = ?, focus_redo = ? WHERE id = ?').run(f.undo, f.redo, gid);
      return { f, changed };
    });
    // After a recorded edit the history is known without asking: this edit to undo, nothing to redo.
    const history: HistoryState = focus.changed
      ? { canUndo: true, undoLabel: label, canRedo: false, redoLabel: null }
      : this.historyState();
    return { focusId: focus.f.redo, history, offline: this.offline };
  }

  historyState(): HistoryState {
    const undo = this.run.first(
      kysely.selectFrom('journal_group').select(['label']).where('undone', '=', 0).orderBy('id', 'desc').limit(1),
    );
    const redo = this.run.first(
      kysely.selectFrom('journal_group').select(['label']).where('undone', '=', 1).orderBy('id', 'asc').limit(1),
    );
    return { canUndo: !!undo, undoLabel: undo?.label ?? null, canRedo: !!redo, redoLabel: redo?.label ?? null };
  }

  undo(): EditOutcome {
    return this.step('undo');
  }

  redo(): EditOutcome {
    return this.step('redo');
  }

  /** Undo: the last group not undone, back to its before images. Redo: the first undone group, to its after images. */
  private step(direction: 'undo' | 'redo'): EditOutcome {
    const undo = direction === 'undo';
    const focus = this.write(() => {
      const g = this.run.first(
        kysely
          .selectFrom('journal_group')
          .selectAll()
          .where('undone', '=', undo ? 0 : 1)
          .orderBy('id', undo ? 'desc' : 'asc')
          .limit(1),
      );
      if (!g) throw new TrameError(undo ? 'rien-a-annuler' : 'rien-a-retablir', undo ? 'Rien à annuler.' : 'Rien à rétablir.');
      this.replay(g.id, direction);
      this.run.run(kysely.updateTable('journal_group').set({ undone: undo ? 1 : 0 }).where('id', '=', g.id));
      return undo ? g.focus_undo : g.focus_redo;
    });
    return { focusId: focus, history: this.historyState(), offline: this.offline };
  }

  /** Restores the before (undo) or after (redo) image of every row a group changed. Journaling is off meanwhile. */
  private replay(groupId: number, direction: 'undo' | 'redo'): void {
    const changes = this.run.all(
      kysely
        .selectFrom('journal_change')
        .select(['tbl', 'row_key', 'before', 'after'])
        .where('group_id', '=', groupId)
        .orderBy('id', direction === 'undo' ? 'desc' : 'asc'),
    );
    // Rows come back in an order that is valid at the end, not at every step: check foreign keys at commit.
    this.db.pragma('defer_foreign_keys = ON');
    for (const c of changes) {
      const spec = JOURNALED_TABLES.find((t) => t.table === c.tbl);
      if (!spec) throw new TrameError('fichier-invalide', `Journal illisible : table inconnue « ${c.tbl} ».`);
      const image = direction === 'undo' ? c.before : c.after;
      if (image === null) {
        const key = JSON.parse(c.row_key) as unknown[];
        const where = spec.key.map((k) => `${k} = ?`).join(' AND ');
        this.run.stmt(`DELETE FROM ${spec.table} WHERE ${where}`).run(...(key as never[]));
      } else {
        const row = JSON.parse(image) as Record<string, unknown>;
        const cols = spec.cols;
        const updates = cols.filter((c2) => !spec.key.includes(c2)).map((c2) => `${c2} = excluded.${c2}`);
        const sqlText =
          `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ` +
          `ON CONFLICT (${spec.key.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
        this.run.stmt(sqlText).run(...(cols.map((col) => row[col] ?? null) as never[]));
      }
    }
  }

  journal(limit = 200): JournalEntry[] {
    return this.run
      .all(kysely.selectFrom('journal_group').selectAll().orderBy('id', 'desc').limit(limit))
      .map((g) => ({ id: g.id, at: g.at, author: g.author, label: g.label, undone: g.undone === 1 }));
  }

  /** Writes a consistent copy of the open file (VACUUM INTO: never a raw copy of a live file). */
  copyTo(target: string): void {
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
