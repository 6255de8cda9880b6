// Reading two copies for the merge: the journaled tables (from the live schema, with their references), every row of
// them as an image, and the common ancestor rebuilt by reverting, newest first, the changes each copy made that the
// other does not know.
import type { Statement } from 'better-sqlite3';
import { bulkRows, changesUnknownTo, groupsOf, knownGroups, type ForeignGroup } from '../../../db/journal';
import type { Runner } from '../../../db/query';
import type { Image, MergeTable, Row } from './model/three-way';

type Reader = { stmt(sql: string): Statement };

/** Journaled tables (their three journal triggers), with columns, key and single-column references. */
export function mergeTables(run: Reader): MergeTable[] {
  const names = (run.stmt("SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_journal\\_insert' ESCAPE '\\' ORDER BY tbl_name").pluck().all() as string[]);
  const journaled = new Set(names);
  return names.map((table) => {
    const info = run.stmt(`SELECT name, pk, "notnull" FROM pragma_table_info('${table}') ORDER BY cid`).all() as { name: string; pk: number; notnull: number }[];
    const fks = run.stmt(`SELECT "table" AS t, "from" AS c FROM pragma_foreign_key_list('${table}')`).all() as { t: string; c: string }[];
    return {
      table,
      key: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      cols: info.map((c) => c.name),
      refs: fks.filter((f) => journaled.has(f.t)).map((f) => ({ col: f.c, table: f.t, notNull: info.find((c) => c.name === f.c)?.notnull === 1 })),
    };
  });
}

const keyText = (t: MergeTable, r: Row) => JSON.stringify(t.key.map((k) => r[k]));

/** Every row of every journaled table. */
export function readImage(run: Reader, tables: readonly MergeTable[]): Image {
  const img: Image = new Map();
  for (const t of tables) {
    const rows = new Map<string, Row>();
    for (const r of run.stmt(`SELECT ${t.cols.join(', ')} FROM ${t.table}`).all() as Row[]) rows.set(keyText(t, r), r);
    img.set(t.table, rows);
  }
  return img;
}

export interface Side {
  image: Image;
  base: Image;
  groups: ForeignGroup[];
  /** Did this copy merge since the two parted (its base then lags: the other side's is used)? */
  merged: boolean;
  /** The last change of each row since the two parted: who and when. */
  who: Map<string, { author: string; hlc: string }>;
  known: Set<string>;
  /** The rows this copy changed since the two parted: table → row keys. */
  touched: Map<string, Set<string>>;
}

function clone(img: Image): Image {
  return new Map([...img].map(([t, rows]) => [t, new Map(rows)]));
}

/** This copy's image, and its image before the changes `other` does not know (reverted newest first). */
export function readSide(run: Runner, tables: readonly MergeTable[], otherKnown: Set<string>): Side {
  const image = readImage(run, tables);
  const base = clone(image);
  const changes = changesUnknownTo(run, otherKnown);
  const who = new Map<string, { author: string; hlc: string }>();
  const touched = new Map<string, Set<string>>();
  const touch = (tbl: string, key: string) => {
    let s = touched.get(tbl);
    if (!s) touched.set(tbl, (s = new Set()));
    s.add(key);
  };
  // Newest first: the last change of a row is the first met. A bulk entry (db/journal/bulk.ts) is read as the rows
  // it touched, each reverted and counted as its own per-row entry would be.
  const revert = (rows: Map<string, Row>, tbl: string, key: string, before: Row | null, c: (typeof changes)[number]) => {
    touch(tbl, key);
    if (!who.has(`${tbl}|${key}`)) who.set(`${tbl}|${key}`, { author: c.author, hlc: c.hlc });
    if (before === null) rows.delete(key);
    else rows.set(key, before);
  };
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i];
    const rows = base.get(c.tbl);
    if (!rows) continue;
    if (c.batch) {
      const t = tables.find((x) => x.table === c.tbl)!;
      const bulk = bulkRows(c, c.label);
      for (let k = bulk.length - 1; k >= 0; k--) {
        const r = bulk[k];
        revert(rows, c.tbl, keyText(t, (r.after ?? r.before)!), r.before as Row | null, c);
      }
      continue;
    }
    revert(rows, c.tbl, c.row_key, c.before === null ? null : (JSON.parse(c.before) as Row), c);
  }
  return { image, base, groups: groupsOf(run), merged: changes.some((c) => c.kind === 'merge'), who, known: knownGroups(run), touched };
}

export { knownGroups };
