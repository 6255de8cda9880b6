// The three-way merge of two copies of a contrat (issue 19), pure: over row images of every journaled table for the
// common ancestor (base), this copy (mine) and the other (theirs). Changes that do not collide are taken silently
// (different rows, or different columns of one row); the others become conflicts, each with both values, resolved
// by a choice (keep mine, keep theirs, both, or an edited text). The result never breaks a reference or the tree's
// rules: what would is a conflict too, with the fix each choice makes. Deterministic, and symmetric: merging B into
// A while keeping theirs gives the content of merging A into B while keeping mine.
import { canHold, type NodeKind } from '../../../domain/tree';

export type Row = Record<string, unknown>;
/** table → row key (JSON array of the key columns) → row. */
export type Image = Map<string, Map<string, Row>>;

export interface MergeTable {
  table: string;
  key: string[];
  cols: string[];
  /** Columns that reference another journaled table (its whole key is one column). */
  refs: { col: string; table: string; notNull: boolean }[];
}

export type ConflictKind =
  | 'meme-colonne' | 'statut' | 'modifie-supprime' | 'deplacement' | 'sous-supprime' | 'boucle' | 'imbrication'
  | 'reference' | 'mesure-doublon' | 'sans-historique';

export type Side = 'mien' | 'leur';
export type Choice = Side | 'les-deux' | { texte: string };

export interface Conflict {
  id: string;
  kind: ConflictKind;
  table: string;
  key: string;
  column: string | null;
  base: unknown;
  mine: unknown;
  theirs: unknown;
  /** A text both sides changed: a combined value may be written. */
  text: boolean;
  /** For a probable duplicate: keeping both is a choice. */
  both: boolean;
}

export interface MergeOutcome {
  merged: Image;
  conflicts: Conflict[];
  /** Rows taken from the other copy without conflict. */
  taken: number;
}

const same = (a: unknown, b: unknown): boolean => a === b || (a == null && b == null);
const sameRow = (a: Row | undefined, b: Row | undefined, cols: string[]): boolean =>
  a === b || (!!a && !!b && cols.every((c) => same(a[c], b[c])));
const textCols = new Set(['title', 'description', 'tag_note', 'text', 'name', 'note', 'preamble', 'body', 'epci', 'role', 'source']);

function conflictId(kind: ConflictKind, table: string, key: string, column: string | null): string {
  return `${kind}|${table}|${key}|${column ?? ''}`;
}

/**
 * Merges. `choices` resolve conflicts by id; `fallback` resolves every other one (the CLI's --garder); without it an
 * unresolved conflict keeps mine in `merged` and stays listed. `noBase`: the copies share no history, so every
 * difference is a conflict.
 */
export function mergeImages(
  tables: readonly MergeTable[],
  base: Image,
  mine: Image,
  theirs: Image,
  choices: ReadonlyMap<string, Choice> = new Map(),
  fallback: Side | null = null,
  noBase = false,
  /** The rows either side changed since the base (table → keys), when known from the journals: the others are equal. */
  touched: ReadonlyMap<string, ReadonlySet<string>> | null = null,
): MergeOutcome {
  const conflicts: Conflict[] = [];
  const merged: Image = new Map();
  let taken = 0;
  const choose = (c: Omit<Conflict, 'id'>): Choice | null => {
    const id = conflictId(c.kind, c.table, c.key, c.column);
    const conflict = { id, ...c };
    conflicts.push(conflict);
    return choices.get(id) ?? fallback;
  };
  const pick = (choice: Choice | null, m: unknown, t: unknown): unknown =>
    choice === 'leur' ? t : typeof choice === 'object' && choice !== null ? choice.texte : m;

  for (const spec of tables) {
    const b = base.get(spec.table) ?? new Map<string, Row>();
    const m = mine.get(spec.table) ?? new Map<string, Row>();
    const t = theirs.get(spec.table) ?? new Map<string, Row>();
    const only = noBase ? undefined : touched?.get(spec.table);
    // Rows neither side touched are the same in base, mine and theirs: taken as they are, unexamined.
    const out = touched && !noBase ? new Map<string, Row>(m) : new Map<string, Row>();
    merged.set(spec.table, out);
    if (touched && !noBase && !only) continue;
    const keys = only ? new Set<string>(only) : new Set<string>([...m.keys(), ...t.keys(), ...(noBase ? [] : b.keys())]);
    for (const key of [...keys].sort()) {
      if (only) out.delete(key);
      const br = noBase ? undefined : b.get(key);
      const mr = m.get(key);
      const tr = t.get(key);
      if (sameRow(mr, tr, spec.cols)) {
        if (mr) out.set(key, mr);
        continue;
      }
      if (noBase) {
        const ch = choose({ kind: 'sans-historique', table: spec.table, key, column: null, base: null, mine: mr ?? null, theirs: tr ?? null, text: false, both: false });
        const r = ch === 'leur' ? tr : mr;
        if (r) out.set(key, r);
        continue;
      }
      if (sameRow(br, mr, spec.cols)) {
        if (tr) out.set(key, tr);
        taken++;
        continue;
      }
      if (sameRow(br, tr, spec.cols)) {
        if (mr) out.set(key, mr);
        continue;
      }
      // Both changed the row, differently.
      if (!mr || !tr) {
        const ch = choose({ kind: 'modifie-supprime', table: spec.table, key, column: null, base: br ?? null, mine: mr ?? null, theirs: tr ?? null, text: false, both: false });
        const r = ch === 'leur' ? tr : mr;
        if (r) out.set(key, r);
        continue;
      }
      const row: Row = {};
      for (const c of spec.cols) {
        const bv = br?.[c];
        const mv = mr[c];
        const tv = tr[c];
        if (same(mv, tv) || (br && same(bv, tv))) row[c] = mv;
        else if (br && same(bv, mv)) row[c] = tv;
        else if (spec.table === 'node' && c === 'order_key') row[c] = String(mv) < String(tv) ? mv : tv; // order only: no conflict
        else {
          const kind: ConflictKind = spec.table === 'node' && c === 'parent_id' ? 'deplacement' : spec.table === 'commitment' && c === 'status' ? 'statut' : 'meme-colonne';
          const text = textCols.has(c) && (typeof mv === 'string' || typeof tv === 'string');
          row[c] = pick(choose({ kind, table: spec.table, key, column: c, base: bv ?? null, mine: mv, theirs: tv, text, both: false }), mv, tv);
        }
      }
      // A move kept from one side takes that side's place among the siblings too.
      if (spec.table === 'node' && !same(mr.parent_id, tr.parent_id) && !same(row.parent_id, mr.parent_id)) row.order_key = tr.order_key;
      else if (spec.table === 'node' && !same(mr.parent_id, tr.parent_id)) row.order_key = mr.order_key;
      out.set(key, row);
    }
  }
  duplicates(merged, base, mine, theirs, choose, noBase);
  constraints(tables, merged, base, mine, theirs, choose);
  return { merged, conflicts, taken };
}

/** Measurements of one indicator, date and perimeter added on both sides: probable duplicates. */
function duplicates(merged: Image, base: Image, mine: Image, theirs: Image, choose: (c: Omit<Conflict, 'id'>) => Choice | null, noBase: boolean): void {
  const out = merged.get('measurement');
  if (!out || noBase) return;
  const b = base.get('measurement') ?? new Map();
  const added = (img: Image) => {
    const by = new Map<string, [string, Row][]>();
    for (const [k, r] of img.get('measurement') ?? []) {
      if (b.has(k)) continue;
      const sig = `${r.node_id}|${r.date}|${r.scope}`;
      by.set(sig, [...(by.get(sig) ?? []), [k, r]]);
    }
    return by;
  };
  const mineAdded = added(mine);
  const theirsAdded = added(theirs);
  for (const [sig, ms] of [...mineAdded].sort(([a], [b2]) => (a < b2 ? -1 : 1))) {
    const ts = (theirsAdded.get(sig) ?? []).filter(([k]) => !ms.some(([mk]) => mk === k));
    const onlyMine = ms.filter(([k]) => !(theirsAdded.get(sig) ?? []).some(([tk]) => tk === k));
    if (!ts.length || !onlyMine.length) continue;
    const ch = choose({
      kind: 'mesure-doublon', table: 'measurement', key: sig, column: 'value', base: null,
      mine: onlyMine.map(([, r]) => r.value).join(' ; '), theirs: ts.map(([, r]) => r.value).join(' ; '), text: false, both: true,
    });
    if (ch === 'leur') for (const [k] of onlyMine) out.delete(k);
    else if (ch !== 'les-deux') for (const [k] of ts) out.delete(k);
  }
}

/**
 * References and the tree's rules on the merged result, to a fixed point: a row whose referenced row is gone (an item
 * moved or added under a subtree the other side deleted, a measurement of a deleted indicator), a loop made by two
 * crossed moves, a nesting the rules refuse. Each is a conflict whose choice repairs it: the side that deleted wins by
 * deleting what hangs on the row (or emptying an optional reference), the other by bringing the row back.
 */
function constraints(tables: readonly MergeTable[], merged: Image, base: Image, mine: Image, theirs: Image, choose: (c: Omit<Conflict, 'id'>) => Choice | null): void {
  const byName = new Map(tables.map((t) => [t.table, t]));
  const keyOf = (v: unknown) => JSON.stringify([v]);
  const from = (side: Choice | null, table: string, key: string): Row | undefined =>
    (side === 'leur' ? theirs : mine).get(table)?.get(key);
  const remove = (table: string, key: string, depth = 0): void => {
    const rows = merged.get(table);
    if (!rows?.delete(key) || depth > 100) return;
    for (const t of tables) {
      for (const ref of t.refs.filter((r) => r.table === table)) {
        for (const [k, r] of [...(merged.get(t.table) ?? [])]) {
          if (keyOf(r[ref.col]) !== key) continue;
          if (ref.notNull || t.key.includes(ref.col)) remove(t.table, k, depth + 1);
          else merged.get(t.table)!.set(k, { ...r, [ref.col]: null });
        }
      }
    }
  };
  for (let round = 0; round < 50; round++) {
    let changed = false;
    for (const t of tables) {
      for (const ref of t.refs) {
        const target = merged.get(ref.table);
        if (!target || !byName.has(ref.table)) continue;
        for (const [k, r] of [...(merged.get(t.table) ?? [])]) {
          const v = r[ref.col];
          if (v == null || target.has(keyOf(v))) continue;
          const tk = keyOf(v);
          const inMine = mine.get(ref.table)?.has(tk) ?? false;
          const kind: ConflictKind = t.table === 'node' && ref.col === 'parent_id' ? 'sous-supprime' : 'reference';
          const ch = choose({ kind, table: t.table, key: k, column: ref.col, base: base.get(ref.table)?.get(tk) ?? null, mine: inMine ? 'gardé' : 'supprimé', theirs: inMine ? 'supprimé' : 'gardé', text: false, both: false });
          const restore = from(ch === 'leur' ? 'leur' : 'mien', ref.table, tk);
          if (restore) target.set(tk, restore);
          else remove(t.table, k);
          changed = true;
        }
      }
    }
    if (tree(merged, mine, theirs, choose)) changed = true;
    if (!changed) return;
  }
}

/** Loops (crossed moves) and nesting refused by the rules, in the merged tree: true when something was repaired. */
function tree(merged: Image, mine: Image, theirs: Image, choose: (c: Omit<Conflict, 'id'>) => Choice | null): boolean {
  const nodes = merged.get('node');
  if (!nodes) return false;
  const id = (k: string) => (JSON.parse(k) as string[])[0];
  const parentOf = (k: string): string | null => {
    const p = nodes.get(k)?.parent_id;
    return p == null ? null : JSON.stringify([p]);
  };
  const side = (ch: Choice | null, k: string) => (ch === 'leur' ? theirs : mine).get('node')?.get(k);
  for (const k of [...nodes.keys()].sort()) {
    const seen = new Set<string>([k]);
    let cur = parentOf(k);
    while (cur !== null && !seen.has(cur) && nodes.has(cur)) {
      seen.add(cur);
      cur = parentOf(cur);
    }
    if (cur !== null && cur === k) {
      const loop = [...seen].sort();
      const ch = choose({ kind: 'boucle', table: 'node', key: loop[0], column: 'parent_id', base: null, mine: nodes.get(k)?.parent_id ?? null, theirs: null, text: false, both: false });
      for (const n of loop) {
        const r = side(ch, n);
        if (r) nodes.set(n, { ...nodes.get(n)!, parent_id: r.parent_id, kind: r.kind, order_key: r.order_key });
      }
      return true;
    }
  }
  for (const [k, r] of [...nodes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const p = r.parent_id == null ? null : nodes.get(JSON.stringify([r.parent_id]));
    if (r.parent_id != null && !p) continue; // a reference conflict, seen by constraints()
    if (canHold((p?.kind as NodeKind | undefined) ?? null, r.kind as NodeKind)) continue;
    const ch = choose({ kind: 'imbrication', table: 'node', key: k, column: 'kind', base: null, mine: side('mien', k)?.kind ?? null, theirs: side('leur', k)?.kind ?? null, text: false, both: false });
    const fix = side(ch, k) ?? side(ch === 'leur' ? 'mien' : 'leur', k);
    if (fix && (fix.parent_id !== r.parent_id || fix.kind !== r.kind)) nodes.set(k, { ...r, parent_id: fix.parent_id, kind: fix.kind, order_key: fix.order_key });
    else nodes.delete(k);
    void id;
    return true;
  }
  return false;
}

/** The rows to write into mine to make it `merged`: upserts and deletions per table. */
export function diffImages(tables: readonly MergeTable[], mine: Image, merged: Image): { table: string; key: string; row: Row | null }[] {
  const out: { table: string; key: string; row: Row | null }[] = [];
  for (const t of tables) {
    const m = mine.get(t.table) ?? new Map<string, Row>();
    const r = merged.get(t.table) ?? new Map<string, Row>();
    for (const [k, row] of r) if (!sameRow(m.get(k), row, t.cols)) out.push({ table: t.table, key: k, row });
    for (const k of m.keys()) if (!r.has(k)) out.push({ table: t.table, key: k, row: null });
  }
  return out;
}
