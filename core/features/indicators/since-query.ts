// Reads « Depuis le dernier COPIL » from the journal, aggregated per item in SQL over the columns the triggers write
// (op, item, fields: migration 8): one row per item changed, with its kinds of change, how many, and its last few
// changes. Groups are found by time (journal_group_by_at); only steps in effect count (undone = 0): an undone step
// does not appear, a redone one is back in effect; undo and redo groups (3) and merge-recorded groups (4) are not
// steps. Batch entries (row_key []) carry no single item and are left out, as before.
import type { Doc } from '../../session';
import { SINCE_SHOWN, sinceItemOf, type SinceAggregate, type SinceChange, type SinceItem } from './model/since';

/** Beyond this many items, the list is cut (the dashboard says so). */
export const SINCE_MAX_ITEMS = 5_000;

const HANGS = `('indicator', 'measurement', 'indicator_qpv')`;
const NAMED = `('node', 'copil', 'partner', 'commitment', 'signatory', 'qpv', 'contrat')`;
const has = (col: string) => `instr(',' || c.fields || ',', ',${col},') > 0`;
const NODE_UPDATE = `c.tbl = 'node' AND c.op = 'update'`;

/**
 * The changes that count, in the groups in effect since the moment. `byTime`: the groups first, found by time
 * (journal_group_by_at; CROSS JOIN keeps that order), then their changes (journal_change_by_group).
 */
const changes = (byTime: boolean) => `journal_group g ${byTime ? 'CROSS ' : ''}JOIN journal_change c ON c.group_id = g.id
  WHERE g.at >= ? AND +g.id > ? AND +g.undone = 0 AND c.batch = 0 AND c.item IS NOT NULL
    AND (c.tbl IN ${NAMED} OR (c.tbl IN ${HANGS} AND NOT (c.tbl = 'indicator' AND c.op != 'update')))`;
const CHANGES = changes(true);

/** Per change, its kinds (1/0): created, deleted, retagged, moved (a new parent, or the item a « Déplacer » moved), edited. */
const FLAGS = `c.op = 'insert' AND c.tbl NOT IN ${HANGS} AS cr, c.op = 'delete' AND c.tbl NOT IN ${HANGS} AS de,
  ${NODE_UPDATE} AND ${has('tag')} AS rt,
  ${NODE_UPDATE} AND (${has('parent_id')} OR (${has('order_key')} AND g.focus_redo = c.item)) AS mv,
  CASE WHEN c.tbl IN ${HANGS} THEN 1 WHEN c.op != 'update' THEN 0 WHEN c.tbl != 'node' THEN 1
    ELSE ${has('title')} OR ${has('description')} OR ${has('tag_note')} OR ${has('kind')} END AS ed`;

/** One row per item: a step counts once per kind of change (GROUP BY item and step, then by item). */
const ITEMS = `
WITH step AS (
  SELECT CASE WHEN tbl IN ${HANGS} THEN 'node' ELSE tbl END AS t, item, gid, max(at) AS at, min(cid) AS first,
    max(cr) AS cr, max(de) AS de, max(rt) AS rt, max(mv) AS mv, max(ed) AS ed
  FROM (SELECT c.tbl AS tbl, c.item AS item, c.id AS cid, g.id AS gid, g.at AS at, ${FLAGS} FROM ${CHANGES})
  GROUP BY 1, item, gid HAVING max(cr) + max(de) + max(rt) + max(mv) + max(ed) > 0
),
agg AS (
  SELECT t, item, max(cr) AS created, max(rt) AS retagged, max(ed) AS edited, max(mv) AS moved, max(de) AS deleted,
    sum(cr + de + rt + mv + ed) AS count, max(at) AS lastAt, min(first) AS first
  FROM step GROUP BY t, item
)
SELECT a.t, a.item, a.created, a.retagged, a.edited, a.moved, a.deleted, a.count, a.lastAt,
  coalesce(n.title, (SELECT coalesce(json_extract(coalesce(x.after, x.before), '$.title'), json_extract(coalesce(x.after, x.before), '$.name'),
    json_extract(coalesce(x.after, x.before), '$.text')) FROM journal_change x WHERE x.item = a.item AND x.tbl = a.t ORDER BY x.group_id DESC LIMIT 1)) AS title,
  coalesce(n.kind, (SELECT json_extract(coalesce(x.after, x.before), '$.kind') FROM journal_change x
    WHERE a.t = 'node' AND x.item = a.item AND x.tbl = 'node' ORDER BY x.group_id DESC LIMIT 1)) AS kind
FROM agg a LEFT JOIN node n ON a.t = 'node' AND n.id = a.item
ORDER BY a.lastAt DESC, a.first
LIMIT ?`;

/** One item's latest changes, newest step first (read through journal_change_by_item until SINCE_SHOWN are found). */
const LAST = `SELECT g.id, g.at, g.author, g.label, ${FLAGS} FROM ${changes(false)}
  AND c.item = ? AND (CASE WHEN c.tbl IN ${HANGS} THEN 'node' ELSE c.tbl END) = ?
  ORDER BY c.group_id DESC LIMIT ?`;
/** Rows read at first for one item's last changes (all of them only if these end inside the steps needed). */
const LAST_ROWS = 4 * SINCE_SHOWN;
const KINDS = [['cr', 'created'], ['de', 'deleted'], ['rt', 'retagged'], ['mv', 'moved'], ['ed', 'edited']] as const;

/** The journal group that recorded a COPIL (its row inserted), and when. */
const COPIL_RECORD = `
SELECT g.id, g.at FROM journal_change c JOIN journal_group g ON g.id = c.group_id
WHERE c.tbl = 'copil' AND c.before IS NULL AND json_extract(c.after, '$.id') = ? AND g.undone = 0
ORDER BY g.id DESC LIMIT 1`;

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * Where « depuis ce COPIL » starts. A COPIL recorded on its own day (held today) starts right after the change that
 * recorded it: that change and everything before it are left out, the rest of the day is in (`afterGroup`, `at`: the
 * moment shown). A COPIL recorded later for an earlier day starts the day after it: its day is the meeting's.
 */
export function copilMoment(store: Pick<Doc, 'run'>, copil: { id: string; date: string }): { since: string; afterGroup: number; at: string | null } {
  const rec = store.run.stmt(COPIL_RECORD).get(copil.id) as { id: number; at: string } | undefined;
  if (rec && localDay(new Date(rec.at)) === copil.date) return { since: copil.date, afterGroup: rec.id, at: rec.at };
  const next = new Date(`${copil.date}T12:00:00`);
  next.setDate(next.getDate() + 1);
  return { since: localDay(next), afterGroup: 0, at: null };
}

/** The changes from the day `since` (ISO), after the journal group `afterGroup` (0: from the day's start), per item. */
export function readChangesSince(store: Pick<Doc, 'run'>, since: string, afterGroup = 0): { items: SinceItem[]; truncated: boolean } {
  const rows = store.run.stmt(ITEMS).all(since, afterGroup, SINCE_MAX_ITEMS + 1) as SinceAggregate[];
  const truncated = rows.length > SINCE_MAX_ITEMS;
  const last = store.run.stmt(LAST);
  const items = rows.slice(0, SINCE_MAX_ITEMS).map((r) => {
    // Newest step first; each kind once per step, in the order created, deleted, retagged, moved, edited.
    type Row = Record<string, number | string>;
    /** The newest steps holding SINCE_SHOWN changes; `whole`: a step past them was seen (the last one is complete). */
    const stepsOf = (read: Row[]) => {
      const steps: { c: Row; kinds: Set<string> }[] = [];
      let n = 0;
      for (const c of read) {
        let step = steps[steps.length - 1];
        if (step?.c.id !== c.id) {
          if (n >= SINCE_SHOWN) return { steps, whole: true };
          steps.push((step = { c, kinds: new Set() }));
        }
        for (const [f, what] of KINDS) if (c[f] === 1 && !step.kinds.has(what)) (step.kinds.add(what), n++);
      }
      return { steps, whole: false };
    };
    // better-sqlite3 reads a few rows at once faster than row by row: a first bounded read, all of them if it was cut.
    const first = last.all(since, afterGroup, r.item, r.t, LAST_ROWS) as Row[];
    let { steps, whole } = stepsOf(first);
    if (!whole && first.length === LAST_ROWS) ({ steps } = stepsOf(last.all(since, afterGroup, r.item, r.t, -1) as Row[]));
    const changes: SinceChange[] = [];
    for (const { c, kinds } of steps.reverse()) {
      for (const [, what] of KINDS) if (kinds.has(what)) changes.push({ what, at: c.at as string, author: c.author as string, label: c.label as string });
    }
    return sinceItemOf(r, changes.slice(-SINCE_SHOWN));
  });
  return { items, truncated };
}
