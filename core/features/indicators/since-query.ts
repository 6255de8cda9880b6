// Reads « Depuis le dernier COPIL » from the journal over the columns the triggers write (op, item, fields:
// migration 8). One ordered read of the changes that count (groups found by time, journal_group_by_at, then their
// changes, journal_change_by_group), each classified in SQL as one small integer (its kinds of change and its item's
// table); one pass in JavaScript folds them per item and per step (a step counts once per kind of change) and keeps
// every item's last steps; a second read gives the groups' time, author and label, a third the titles of the items
// listed. Only steps in effect count (undone = 0): an undone step does not appear, a redone one is back in effect;
// undo and redo groups (3) and merge-recorded groups (4) are not steps. A bulk entry (a CSV import: db/journal/bulk.ts)
// is one row per item it touched, with that item and its kind of change: it counts as its rows' per-row entries would.
import type { Doc } from '../../session';
import { SINCE_SHOWN, sinceItemOf, type SinceAggregate, type SinceChange, type SinceItem } from './model/since';

/** Beyond this many items, the list is cut (the dashboard says so). */
export const SINCE_MAX_ITEMS = 5_000;

const HANGS = `('indicator', 'measurement', 'indicator_qpv')`;
const NAMED = `('node', 'copil', 'partner', 'commitment', 'signatory', 'qpv', 'contrat')`;
const has = (col: string) => `instr(',' || c.fields || ',', ',${col},') > 0`;

/** The kinds of change, as bits of a change's code, in the order a step lists them. */
const KINDS = [[1, 'created'], [2, 'deleted'], [4, 'retagged'], [8, 'moved'], [16, 'edited']] as const;
/** What an item is (code >> 5): a node (or what hangs on it: indicator, measurement, QPV of an indicator), or its table. */
const TABLES = ['node', 'copil', 'partner', 'commitment', 'signatory', 'qpv', 'contrat'] as const;

/**
 * A change's code: its kinds (created 1, deleted 2 — not for what hangs on a node —, retagged 4 and moved 8 — a
 * node's new tag, new parent, or the item a « Déplacer » moved —, edited 16) | its table's rank in TABLES << 5.
 */
const CODE = `(CASE WHEN c.tbl IN ${HANGS} THEN 16 WHEN c.op = 'insert' THEN 1 WHEN c.op = 'delete' THEN 2
    WHEN c.tbl != 'node' THEN 16
    WHEN c.op = 'update' THEN (CASE WHEN ${has('tag')} THEN 4 ELSE 0 END)
      | (CASE WHEN ${has('parent_id')} OR (${has('order_key')} AND g.focus_redo = c.item) THEN 8 ELSE 0 END)
      | (CASE WHEN ${has('title')} OR ${has('description')} OR ${has('tag_note')} OR ${has('kind')} THEN 16 ELSE 0 END)
    ELSE (CASE WHEN ${has('title')} OR ${has('description')} OR ${has('tag_note')} OR ${has('kind')} THEN 16 ELSE 0 END) END)
  | (CASE c.tbl ${TABLES.slice(1).map((t, i) => `WHEN '${t}' THEN ${(i + 1) << 5}`).join(' ')} ELSE 0 END)`;

/**
 * The changes that count, in the groups in effect since the moment, in the groups' order: the groups first, found by
 * time (journal_group_by_at; CROSS JOIN keeps that order), then their changes (journal_change_by_group).
 */
const CHANGES = `SELECT c.item, g.id, c.id, ${CODE}
  FROM journal_group g CROSS JOIN journal_change c ON c.group_id = g.id
  WHERE g.at >= ? AND +g.id > ? AND +g.undone = 0 AND c.item IS NOT NULL
    AND (c.tbl IN ${NAMED} OR (c.tbl IN ${HANGS} AND NOT (c.tbl = 'indicator' AND c.op != 'update')))`;
/** The same groups: when, who, what. */
const GROUPS = `SELECT id, at, author, label FROM journal_group WHERE at >= ? AND +id > ? AND +undone = 0`;
/** The items listed ([table, item] in a JSON array): the node as it is now, else title and kind from its latest image. */
const TITLES = `
WITH k AS (SELECT key AS i, value ->> 0 AS t, value ->> 1 AS item FROM json_each(?))
SELECT k.i,
  coalesce(n.title, (SELECT coalesce(json_extract(coalesce(x.after, x.before), '$.title'), json_extract(coalesce(x.after, x.before), '$.name'),
    json_extract(coalesce(x.after, x.before), '$.text')) FROM journal_change x WHERE x.item = k.item AND x.tbl = k.t ORDER BY x.group_id DESC LIMIT 1)) AS title,
  coalesce(n.kind, (SELECT json_extract(coalesce(x.after, x.before), '$.kind') FROM journal_change x
    WHERE k.t = 'node' AND x.item = k.item AND x.tbl = 'node' ORDER BY x.group_id DESC LIMIT 1)) AS kind
FROM k LEFT JOIN node n ON k.t = 'node' AND n.id = k.item`;

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

/** One item's steps, in the order read: group, kinds (OR of its changes' bits), its first change's id. */
interface Steps { t: number; item: string; gids: number[]; masks: number[]; firsts: number[] }
const bits = (m: number) => (m & 1) + ((m >> 1) & 1) + ((m >> 2) & 1) + ((m >> 3) & 1) + ((m >> 4) & 1);

/** The steps by group, oldest first, one per group (they come so from the read; sorted and merged if not). */
function inOrder(s: Steps): Steps {
  let sorted = true;
  for (let k = 1; k < s.gids.length && sorted; k++) sorted = s.gids[k - 1] < s.gids[k];
  if (sorted) return s;
  const order = s.gids.map((_, k) => k).sort((a, b) => s.gids[a] - s.gids[b]);
  const out: Steps = { t: s.t, item: s.item, gids: [], masks: [], firsts: [] };
  for (const k of order) {
    const n = out.gids.length - 1;
    if (n >= 0 && out.gids[n] === s.gids[k]) {
      out.masks[n] |= s.masks[k];
      out.firsts[n] = Math.min(out.firsts[n], s.firsts[k]);
    } else (out.gids.push(s.gids[k]), out.masks.push(s.masks[k]), out.firsts.push(s.firsts[k]));
  }
  return out;
}

/** The changes from the day `since` (ISO), after the journal group `afterGroup` (0: from the day's start), per item. */
export function readChangesSince(store: Pick<Doc, 'run'>, since: string, afterGroup = 0): { items: SinceItem[]; truncated: boolean } {
  const rows = store.run.stmt(CHANGES).raw(true).all(since, afterGroup) as [string, number, number, number][];
  // One pass: per item (by table, then id), its steps; the changes of one group come together. Read with all():
  // iterate() would hold only the items' steps, not every row read, but cost 15–30 % more (62–65 against 85 ms).
  const byTable = TABLES.map(() => new Map<string, Steps>());
  for (const [item, gid, cid, code] of rows) {
    const t = code >> 5;
    let s = byTable[t].get(item);
    if (!s) byTable[t].set(item, (s = { t, item, gids: [], masks: [], firsts: [] }));
    const n = s.gids.length - 1;
    if (n >= 0 && s.gids[n] === gid) {
      s.masks[n] |= code & 31;
      if (cid < s.firsts[n]) s.firsts[n] = cid;
    } else (s.gids.push(gid), s.masks.push(code & 31), s.firsts.push(cid));
  }
  const groups = new Map<number, [string, string, string]>();
  for (const [id, at, author, label] of store.run.stmt(GROUPS).raw(true).all(since, afterGroup) as [number, string, string, string][]) groups.set(id, [at, author, label]);
  // Per item: its kinds, how many changes (one per kind per step), its last step's time, its first change.
  type Found = { s: Steps; kinds: number; count: number; lastAt: string; first: number };
  const found: Found[] = [];
  for (const map of byTable) {
    for (const raw of map.values()) {
      const s = inOrder(raw);
      let kinds = 0, count = 0, lastAt = '', first = Infinity;
      for (let k = 0; k < s.gids.length; k++) {
        const m = s.masks[k];
        if (m === 0) continue;
        kinds |= m;
        count += bits(m);
        const at = groups.get(s.gids[k])![0];
        if (at > lastAt) lastAt = at;
        if (s.firsts[k] < first) first = s.firsts[k];
      }
      if (kinds) found.push({ s, kinds, count, lastAt, first });
    }
  }
  // Newest first, then by first change.
  found.sort((a, b) => (a.lastAt === b.lastAt ? a.first - b.first : a.lastAt < b.lastAt ? 1 : -1));
  const truncated = found.length > SINCE_MAX_ITEMS;
  const kept = found.slice(0, SINCE_MAX_ITEMS);
  const titles = store.run.stmt(TITLES).raw(true).all(JSON.stringify(kept.map((f) => [TABLES[f.s.t], f.s.item]))) as [number, string | null, string | null][];
  const named = new Map(titles.map(([i, title, kind]) => [i, { title, kind }]));
  const items = kept.map((f, i) => {
    // The newest steps holding SINCE_SHOWN changes, then their changes oldest first, each kind once per step.
    const { gids, masks } = f.s;
    let k = gids.length;
    for (let n = 0; k > 0 && n < SINCE_SHOWN; ) n += bits(masks[--k]);
    const changes: SinceChange[] = [];
    for (; k < gids.length; k++) {
      const [at, author, label] = groups.get(gids[k])!;
      for (const [bit, what] of KINDS) if (masks[k] & bit) changes.push({ what, at, author, label });
    }
    const one = (bit: number) => (f.kinds & bit ? 1 : 0);
    const a: SinceAggregate = {
      t: TABLES[f.s.t], item: f.s.item, created: one(1), deleted: one(2), retagged: one(4), moved: one(8), edited: one(16),
      count: f.count, lastAt: f.lastAt, title: named.get(i)?.title ?? null, kind: named.get(i)?.kind ?? null,
    };
    return sinceItemOf(a, changes.slice(-SINCE_SHOWN));
  });
  return { items, truncated };
}
