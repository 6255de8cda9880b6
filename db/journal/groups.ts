// Journal groups: one per user action. Opening one (its uuid, author, hybrid clock time and label) arms the triggers
// (journal_ctx.group_id); closing it disarms them, drops the group if nothing changed, ends the redo branch and keeps
// where the focus goes on undo and redo.
import type { HistoryState, JournalEntry } from '../../core/api/types';
import { formatHlc, tickHlc } from '../../core/domain/hlc';
import { kysely, type Runner } from '../query';

/** A journal entry as the store returns it (the contract's JournalEntry, plus the replica that made it). */
export interface StoreJournalEntry extends JournalEntry { replicaId: string }

/** What undo and redo would do now. */
export function historyOf(run: Runner): HistoryState {
  const undo = run.first(kysely.selectFrom('journal_group').select(['label']).where('undone', '=', 0).orderBy('id', 'desc').limit(1));
  const redo = run.first(kysely.selectFrom('journal_group').select(['label']).where('undone', '=', 1).orderBy('id', 'asc').limit(1));
  return { canUndo: !!undo, undoLabel: undo?.label ?? null, canRedo: !!redo, redoLabel: redo?.label ?? null };
}

/** The newest `limit` journal groups, newest first. */
export function journalEntries(run: Runner, limit: number): StoreJournalEntry[] {
  return run
    .all(kysely.selectFrom('journal_group').selectAll().orderBy('id', 'desc').limit(limit))
    .map((g) => ({
      id: g.id, uuid: g.uuid, at: g.at, hlc: g.hlc, author: g.author, authorId: g.author_id, replicaId: g.replica_id,
      label: g.label, undone: g.undone === 1,
    }));
}

export interface GroupStart {
  uuid: string;
  replicaId: string;
  authorId: string | null;
  author: string;
  /** ISO time of the wall clock (the hybrid clock never goes backwards from the file's largest time). */
  at: string;
  label: string;
}

/** Inserts the group and arms the triggers; returns its id. Runs inside the write transaction. */
export function openGroup(run: Runner, g: GroupStart): number {
  // The clock never goes backwards: after the largest time in the file, whatever the wall clock says. Read from
  // the file, so that a replay over the shadow image computes the same time.
  const last = run.stmt('SELECT hlc FROM journal_group ORDER BY hlc DESC LIMIT 1').get() as { hlc: string } | undefined;
  const hlc = formatHlc(tickHlc(last?.hlc ?? null, Date.parse(g.at), g.replicaId));
  const gid = Number(
    run
      .stmt('INSERT INTO journal_group (uuid, replica_id, author_id, author, hlc, at, label) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(g.uuid, g.replicaId, g.authorId, g.author, hlc, g.at, g.label).lastInsertRowid,
  );
  run.stmt('UPDATE journal_ctx SET group_id = ? WHERE id = 1').run(gid);
  return gid;
}

/** Disarms the triggers and settles the group: false (and no group left) when it changed nothing. */
export function closeGroup(run: Runner, gid: number, focus: { undo: string | null; redo: string | null }): boolean {
  run.stmt('UPDATE journal_ctx SET group_id = NULL WHERE id = 1').run();
  const changed = run.stmt('SELECT 1 FROM journal_change WHERE group_id = ? LIMIT 1').get(gid) !== undefined;
  if (!changed) {
    run.stmt('DELETE FROM journal_group WHERE id = ?').run(gid);
    return false;
  }
  // A new edit ends the redo branch.
  if (run.stmt('SELECT 1 FROM journal_group WHERE undone = 1 LIMIT 1').get() !== undefined) {
    run.stmt('DELETE FROM journal_change WHERE group_id IN (SELECT id FROM journal_group WHERE undone = 1)').run();
    run.stmt('DELETE FROM journal_group WHERE undone = 1').run();
  }
  run.stmt('UPDATE journal_group SET focus_undo = ?, focus_redo = ? WHERE id = ?').run(focus.undo, focus.redo, gid);
  return true;
}
