// A Store is one open .trame file: its connection, the edit transaction that feeds the change journal,
// and undo/redo over that journal. Tree, contrat and document operations live in their own modules.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { TrameError } from '../core/api/result';
import type { EditOutcome, HistoryState, JournalEntry } from '../core/api/contract';
import { assertSettings, openTrameFile, safeClose, type Sqlite } from './connection';
import { JOURNALED_TABLES } from './migrations';
import { kysely, Runner } from './query';

export interface EditFocus { undo: string | null; redo: string | null }

function isWriteFailure(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? '';
  return /^SQLITE_(IOERR|FULL|READONLY|CANTOPEN|CORRUPT|NOTADB)/.test(code);
}

export class Store {
  readonly run: Runner;
  private closed = false;

  constructor(
    readonly db: Sqlite,
    public path: string,
    readonly readOnly: boolean,
    readonly readOnlyReason: string | null,
    public author: string,
  ) {
    this.run = new Runner(db);
  }

  static open(file: string, author: string): Store {
    const { db, readOnly, readOnlyReason } = openTrameFile(file);
    return new Store(db, file, readOnly, readOnlyReason, author);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    safeClose(this.db);
  }

  get isOpen(): boolean {
    return !this.closed && this.db.open;
  }

  newId(): string {
    return randomUUID();
  }

  private assertWritable(): void {
    if (this.readOnly) {
      throw new TrameError('lecture-seule', this.readOnlyReason ?? 'Ce contrat est ouvert en lecture seule.');
    }
  }

  /** Runs a synchronous write transaction, re-throwing disk failures as a French error. */
  write<T>(fn: () => T): T {
    this.assertWritable();
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      if (err instanceof TrameError) throw err;
      if (isWriteFailure(err)) {
        throw new TrameError(
          'ecriture-impossible',
          `Impossible d'écrire dans « ${this.path} » (${(err as Error).message}). La modification n'a pas été enregistrée : vérifiez le support (clé USB retirée ? disque plein ?) ou utilisez « Enregistrer sous ».`,
        );
      }
      const code = (err as { code?: string })?.code ?? '';
      if (code.startsWith('SQLITE_CONSTRAINT')) {
        throw new TrameError('entree-invalide', `Modification refusée par le contrôle de cohérence du fichier (${(err as Error).message}).`);
      }
      throw err;
    }
  }

  /**
   * One user action = one journal group. The triggers of migration 001 record every row it changes (before/after)
   * while journal_ctx.group_id is set; undo and redo replay those images.
   */
  edit(label: string, fn: () => EditFocus): EditOutcome {
    const focus = this.write(() => {
      const at = new Date().toISOString();
      const gid = Number(
        this.run.stmt('INSERT INTO journal_group (at, author, label) VALUES (?, ?, ?)').run(at, this.author, label).lastInsertRowid,
      );
      this.run.stmt('UPDATE journal_ctx SET group_id = ? WHERE id = 1').run(gid);
      const f = fn();
      this.run.stmt('UPDATE journal_ctx SET group_id = NULL WHERE id = 1').run();
      const changed = (this.run.stmt('SELECT count(*) AS n FROM journal_change WHERE group_id = ?').get(gid) as { n: number }).n;
      if (changed === 0) {
        this.run.stmt('DELETE FROM journal_group WHERE id = ?').run(gid);
      } else {
        // A new edit ends the redo branch.
        this.run.stmt('DELETE FROM journal_change WHERE group_id IN (SELECT id FROM journal_group WHERE undone = 1)').run();
        this.run.stmt('DELETE FROM journal_group WHERE undone = 1').run();
        this.run.stmt('UPDATE journal_group SET focus_undo = ?, focus_redo = ? WHERE id = ?').run(f.undo, f.redo, gid);
      }
      return f;
    });
    return { focusId: focus.redo, history: this.historyState() };
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
    const focus = this.write(() => {
      const g = this.run.first(
        kysely.selectFrom('journal_group').selectAll().where('undone', '=', 0).orderBy('id', 'desc').limit(1),
      );
      if (!g) throw new TrameError('rien-a-annuler', 'Rien à annuler.');
      this.replay(g.id, 'undo');
      this.run.run(kysely.updateTable('journal_group').set({ undone: 1 }).where('id', '=', g.id));
      return g.focus_undo;
    });
    return { focusId: focus, history: this.historyState() };
  }

  redo(): EditOutcome {
    const focus = this.write(() => {
      const g = this.run.first(
        kysely.selectFrom('journal_group').selectAll().where('undone', '=', 1).orderBy('id', 'asc').limit(1),
      );
      if (!g) throw new TrameError('rien-a-retablir', 'Rien à rétablir.');
      this.replay(g.id, 'redo');
      this.run.run(kysely.updateTable('journal_group').set({ undone: 0 }).where('id', '=', g.id));
      return g.focus_redo;
    });
    return { focusId: focus, history: this.historyState() };
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
