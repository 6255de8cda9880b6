// Undo and redo in a journal that only grows: each is a new group (kind 'undo' or 'redo', its own uuid and clock
// time, target_id the step it replays) holding the images it applies — the step's inverse images in reverse order
// for an undo, the same images for a redo — copied in SQL, then replayed. The step keeps its state in `undone`.
import type { Database } from 'better-sqlite3';
import { TrameError } from '../../core/api/result';
import type { Runner } from '../query';
import { insertGroup, type GroupStart } from './groups';
import { replayChanges, type JournalChangeRow } from './replay';
import type { JournaledTable } from './spec';

export interface ReplayedStep { groupId: number; label: string; focusId: string | null; replayId: number }

const COPY_UNDO = `INSERT INTO journal_change (group_id, tbl, row_key, before, after, op, item, fields, batch)
  SELECT ?, tbl, row_key, after, before, CASE op WHEN 'insert' THEN 'delete' WHEN 'delete' THEN 'insert' ELSE op END, item, fields, batch
  FROM journal_change WHERE group_id = ? ORDER BY id DESC`;
const COPY_REDO = `INSERT INTO journal_change (group_id, tbl, row_key, before, after, op, item, fields, batch)
  SELECT ?, tbl, row_key, before, after, op, item, fields, batch FROM journal_change WHERE group_id = ? ORDER BY id`;

/** Undo: the last step in effect, back to its before images. Redo: the first undone step, to its after images. */
export function replayStep(
  run: Runner,
  db: Database,
  spec: Map<string, JournaledTable>,
  direction: 'undo' | 'redo',
  start: Omit<GroupStart, 'label'>,
): ReplayedStep {
  const undo = direction === 'undo';
  const g = run
    .stmt(`SELECT id, label, focus_undo, focus_redo FROM journal_group WHERE undone = ? ORDER BY id ${undo ? 'DESC' : 'ASC'} LIMIT 1`)
    .get(undo ? 0 : 1) as { id: number; label: string; focus_undo: string | null; focus_redo: string | null } | undefined;
  if (!g) throw new TrameError(undo ? 'rien-a-annuler' : 'rien-a-retablir', undo ? 'Rien à annuler.' : 'Rien à rétablir.');
  const rid = insertGroup(run, { ...start, label: g.label }, direction, g.id);
  run.stmt(undo ? COPY_UNDO : COPY_REDO).run(rid, g.id);
  const changes = run.stmt('SELECT tbl, row_key, before, after, batch FROM journal_change WHERE group_id = ? ORDER BY id').all(rid) as JournalChangeRow[];
  replayChanges(db, (q) => run.stmt(q), spec, changes, 'redo', g.label);
  run.stmt('UPDATE journal_group SET undone = ? WHERE id = ?').run(undo ? 1 : 0, g.id);
  return { groupId: g.id, label: g.label, focusId: undo ? g.focus_undo : g.focus_redo, replayId: rid };
}
