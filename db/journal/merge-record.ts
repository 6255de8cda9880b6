// What a merge reads from a copy's journal and records in the merged one (issue 19). A copy knows a group when it
// holds it: made here, or recorded by a merge still in effect (undone = 4, target_id = that merge group). The groups a
// copy made since the two parted are those the other does not know; reverting their changes (newest first) gives the
// common ancestor. A merge group records the other copy's groups (without their changes: the merge group holds
// their effect) and takes a clock time past both copies' (receiveHlc).
import { formatHlc, receiveHlc } from '../../core/domain/hlc';
import type { Runner } from '../query';

export interface ForeignGroup {
  uuid: string; replica_id: string; author_id: string | null; author: string; hlc: string; at: string; label: string; kind: string;
}
export interface GroupChange { uuid: string; applied: boolean; tbl: string; row_key: string; before: string | null; after: string | null; batch: number; author: string; hlc: string; kind: string; label: string }

/** The uuids of the groups this copy knows. */
export function knownGroups(run: Runner): Set<string> {
  const rows = run
    .stmt('SELECT g.uuid FROM journal_group g LEFT JOIN journal_group m ON m.id = g.target_id WHERE g.undone != 4 OR m.undone = 0')
    .pluck()
    .all() as string[];
  return new Set(rows);
}

/** Every group this copy knows, oldest first, as recorded (for the other copy to record). */
export function groupsOf(run: Runner): ForeignGroup[] {
  return run
    .stmt(`SELECT g.uuid, g.replica_id, g.author_id, g.author, g.hlc, g.at, g.label, g.kind FROM journal_group g
      LEFT JOIN journal_group m ON m.id = g.target_id WHERE g.undone != 4 OR m.undone = 0 ORDER BY g.id`)
    .all() as ForeignGroup[];
}

/** The changes of the groups applied in this copy (not merely recorded) whose uuid `other` does not know, oldest first. */
export function changesUnknownTo(run: Runner, other: Set<string>): GroupChange[] {
  const rows = run
    .stmt(`SELECT g.uuid, g.author, g.hlc, g.kind, g.label, c.tbl, c.row_key, c.before, c.after, c.batch FROM journal_group g
      JOIN journal_change c ON c.group_id = g.id WHERE g.undone != 4 ORDER BY c.id`)
    .all() as Omit<GroupChange, 'applied'>[];
  return rows.filter((r) => !other.has(r.uuid)).map((r) => ({ ...r, applied: true }));
}

/**
 * Inside the merge's edit: marks the open group as a merge with a clock time past the other copy's, and records the
 * other copy's groups this one does not know. Returns the merge group's id.
 */
export function recordMerge(run: Runner, foreign: readonly ForeignGroup[], wallMs: number, replicaId: string): number {
  const gid = (run.stmt('SELECT group_id FROM journal_ctx WHERE id = 1').get() as { group_id: number | null }).group_id;
  if (gid === null) throw new Error('recordMerge hors d’une modification');
  const known = knownGroups(run);
  const all = new Set(run.stmt('SELECT uuid FROM journal_group').pluck().all() as string[]);
  const ins = run.stmt(
    `INSERT INTO journal_group (uuid, replica_id, author_id, author, hlc, at, label, kind, target_id, undone)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 4)`,
  );
  const hlcs = new Set(run.stmt('SELECT hlc FROM journal_group').pluck().all() as string[]);
  let remote: string | null = null;
  for (const g of foreign) {
    if (remote === null || g.hlc > remote) remote = g.hlc;
    if (known.has(g.uuid)) continue;
    if (all.has(g.uuid)) {
      // Recorded by a merge since undone: recorded again under this one.
      run.stmt('UPDATE journal_group SET target_id = ? WHERE uuid = ? AND undone = 4').run(gid, g.uuid);
      continue;
    }
    if (hlcs.has(g.hlc)) continue; // cannot happen between two replicas (the replica id is in the time)
    ins.run(g.uuid, g.replica_id, g.author_id, g.author, g.hlc, g.at, g.label, g.kind, gid);
  }
  const local = run.stmt('SELECT hlc FROM journal_group ORDER BY hlc DESC LIMIT 1').get() as { hlc: string } | undefined;
  const hlc = formatHlc(receiveHlc(local?.hlc ?? null, remote ?? local?.hlc ?? formatHlc({ ms: 0, counter: 0, node: replicaId }), wallMs, replicaId));
  run.stmt("UPDATE journal_group SET kind = 'merge', hlc = ? WHERE id = ?").run(hlc, gid);
  return gid;
}
