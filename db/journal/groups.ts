// Journal groups: one per user action. Opening one (its uuid, author, hybrid clock time and label) arms the triggers
// (journal_ctx.group_id); closing it disarms them, drops the group if nothing changed, ends the redo branch (the
// undone steps stay in the journal, marked off the branch: nothing is deleted) and keeps where the focus goes on undo
// and redo. An undo or a redo is a group of its own (steps.ts); `undone` says: 0 a step in effect, 1 undone (redo
// brings it back), 2 undone and off the redo branch, 3 an undo or redo group (not a step itself).
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

/** The newest `limit` steps (undo and redo groups, and steps off the redo branch, are not listed), newest first. */
export function journalEntries(run: Runner, limit: number): StoreJournalEntry[] {
  return run
    .all(kysely.selectFrom('journal_group').selectAll().where('undone', 'in', [0, 1]).orderBy('id', 'desc').limit(limit))
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

export type GroupKind = 'edit' | 'undo' | 'redo' | 'merge';

/**
 * Inserts a group (not armed): its clock time after the largest in the file, whatever the wall clock says (read from
 * the file, so that a replay over the shadow image computes the same time). Runs inside the write transaction.
 */
export function insertGroup(run: Runner, g: GroupStart, kind: GroupKind = 'edit', target: number | null = null): number {
  const last = run.stmt('SELECT hlc FROM journal_group ORDER BY hlc DESC LIMIT 1').get() as { hlc: string } | undefined;
  const hlc = formatHlc(tickHlc(last?.hlc ?? null, Date.parse(g.at), g.replicaId));
  return Number(
    run
      .stmt('INSERT INTO journal_group (uuid, replica_id, author_id, author, hlc, at, label, kind, target_id, undone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(g.uuid, g.replicaId, g.authorId, g.author, hlc, g.at, g.label, kind, target, kind === 'undo' || kind === 'redo' ? 3 : 0).lastInsertRowid,
  );
}

/** Inserts the group and arms the triggers; returns its id. Runs inside the write transaction. */
export function openGroup(run: Runner, g: GroupStart, kind: GroupKind = 'edit'): number {
  const gid = insertGroup(run, g, kind);
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
  // A new edit ends the redo branch: the undone steps stay in the journal, off the branch.
  run.stmt('UPDATE journal_group SET undone = 2 WHERE undone = 1').run();
  run.stmt('UPDATE journal_group SET focus_undo = ?, focus_redo = ? WHERE id = ?').run(focus.undo, focus.redo, gid);
  return true;
}
