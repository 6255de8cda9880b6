// The strategy tree: reading it whole, and every edit a workshop makes (add, rename, tag, move, indent, remove).
import { TrameError } from '../../api/result';
import type { Input } from '../../api/contract';
import type { EditOutcome } from '../../api/types';
import type { IndicatorInfo, TreeNode } from './contract';
import { canHold, KIND_LABELS, nestingError, TAG_LABELS, type NodeKind } from '../../domain/tree';
import { firstKeys, keyBetween } from '../../domain/order-keys';
import { kysely } from '../../../db/query';
import type { IndicatorTable, NodeTable } from '../../../db/schema';
import type { ChangeScope, Doc } from '../../session';

const NEW_TITLES: Record<NodeKind, string> = {
  enjeu: 'Nouvel enjeu',
  objectif: 'Nouvel objectif',
  action: 'Nouvelle action',
  indicateur: 'Nouvel indicateur',
};

function quote(title: string): string {
  return title.length > 40 ? `« ${title.slice(0, 39)}… »` : `« ${title} »`;
}

function getNode(store: Doc, id: string): NodeTable {
  const n = store.run.first(kysely.selectFrom('node').selectAll().where('id', '=', id));
  if (!n) throw new TrameError('introuvable', "Cet élément n'existe plus dans le contrat (il a peut-être été supprimé).");
  return n;
}

function childrenOf(store: Doc, parentId: string | null): NodeTable[] {
  const q = kysely.selectFrom('node').selectAll().orderBy('order_key').orderBy('id');
  return store.run.all(parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId));
}

function kindOf(store: Doc, id: string | null): NodeKind | null {
  return id === null ? null : getNode(store, id).kind;
}

/**
 * The order key for an item placed at `index` among `siblings` (itself left out): between its two neighbours. Only
 * when two neighbours hold the same key (two merged copies) are the siblings' keys spread again, in their order.
 */
function keyAt(store: Doc, siblings: NodeTable[], index: number): string {
  const at = Math.min(Math.max(index, 0), siblings.length);
  const k = keyBetween(siblings[at - 1]?.order_key ?? null, siblings[at]?.order_key ?? null);
  if (k !== null) return k;
  const keys = firstKeys(siblings.length + 1);
  siblings.forEach((s, i) => {
    const key = keys[i < at ? i : i + 1];
    if (s.order_key !== key) store.run.run(kysely.updateTable('node').set({ order_key: key }).where('id', '=', s.id));
  });
  return keys[at];
}

/** An item's place among its siblings. */
function indexOf(store: Doc, node: NodeTable): number {
  return childrenOf(store, node.parent_id).findIndex((s) => s.id === node.id);
}

// ---------- reading ----------

export function loadTree(store: Pick<Doc, 'run'>): TreeNode[] {
  // Whole-table reads as arrays, one pass each (the open-10k-ms bench): no row object per node, indicator or
  // measurement is built before the tree's own. Columns in the order selected here. The loops index the arrays
  // instead of destructuring them or using for…of: at the first open this code is not compiled yet, and the
  // interpreter runs each destructuring through the iterator protocol (a profile of a first open: a third of its
  // time).
  const rows = store.run.arrays(
    kysely.selectFrom('node').select(['id', 'parent_id', 'kind', 'order_key', 'title', 'description', 'tag', 'tag_note']),
  ) as NodeRow[];
  const indicators = byId(store.run.arrays(kysely.selectFrom('indicator').select(INDICATOR_COLUMNS)));
  const mq = kysely.selectFrom('measurement').select(['node_id', 'id', 'date', 'value', 'scope']).orderBy('node_id').orderBy('position');
  const measurements = measurementsByNode(store.run.arrays(mq) as [string, string, string, number, string | null][]);
  return walk(siblingsByParent(rows), indicators, measurements);
}

/** Rows by their first column. */
function byId(rows: unknown[][]): Map<string, unknown[]> {
  const map = new Map<string, unknown[]>();
  for (let k = 0; k < rows.length; k++) map.set(rows[k][0] as string, rows[k]);
  return map;
}

/** Each indicator's measurements, in their order. */
function measurementsByNode(rows: [string, string, string, number, string | null][]): Map<string, IndicatorInfo['measurements']> {
  const map = new Map<string, IndicatorInfo['measurements']>();
  for (let k = 0; k < rows.length; k++) {
    const m = rows[k];
    const item = { id: m[1], date: m[2], value: m[3], scope: m[4] } as IndicatorInfo['measurements'][number];
    const list = map.get(m[0]);
    if (list) list.push(item);
    else map.set(m[0], [item]);
  }
  return map;
}

/**
 * Each parent's children in sibling order. A plain table scan and a sort of each sibling list beat an index walk
 * with a lookup per row. (Each loop in a function of its own: V8 compiles each apart, and a loop compiled while it
 * runs does not take the code after it down with it at the first open.)
 */
function siblingsByParent(rows: NodeRow[]): Map<string | null, NodeRow[]> {
  const byParent = new Map<string | null, NodeRow[]>();
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const list = byParent.get(r[1]);
    if (list) list.push(r);
    else byParent.set(r[1], [r]);
  }
  return sortSiblings(byParent);
}

/** compareOrder's order (core/domain/order-keys): order key, then id. */
const bySibling = (a: NodeRow, b: NodeRow): number => (a[3] !== b[3] ? (a[3] < b[3] ? -1 : 1) : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Map.forEach, not for…of over values(): inlined in siblingsByParent, the iterator's result read lacked type
 * feedback and threw its optimised code away at every open (V8 --trace-deopt: 20 deopts in 21 opens).
 */
function sortSiblings(byParent: Map<string | null, NodeRow[]>): Map<string | null, NodeRow[]> {
  byParent.forEach(sortList);
  return byParent;
}

function sortList(list: NodeRow[]): void {
  if (list.length > 1) list.sort(bySibling);
}

/** Iterative depth-first walk: children in sibling order. Three parallel stacks: row, depth, index. */
function walk(byParent: Map<string | null, NodeRow[]>, indicators: Map<string, unknown[]>, measurements: Map<string, IndicatorInfo['measurements']>): TreeNode[] {
  const out: TreeNode[] = [];
  const stackRows: NodeRow[] = [];
  const stackDepths: number[] = [];
  const stackIndexes: number[] = [];
  const roots = byParent.get(null) ?? [];
  for (let i = roots.length - 1; i >= 0; i--) {
    stackRows.push(roots[i]);
    stackDepths.push(0);
    stackIndexes.push(i);
  }
  while (stackRows.length) {
    const row = stackRows.pop()!;
    const depth = stackDepths.pop()!;
    const index = stackIndexes.pop()!;
    const id = row[0];
    const kind = row[2];
    const kids = byParent.get(id);
    const childCount = kids ? kids.length : 0;
    out.push({
      id, parentId: row[1], kind, depth, index, title: row[4], description: row[5], tag: row[6], tagNote: row[7],
      childCount,
      indicator: kind === 'indicateur' ? indicatorInfo(indicators.get(id), measurements.get(id) ?? []) : null,
    });
    for (let i = childCount - 1; i >= 0; i--) {
      stackRows.push(kids![i]);
      stackDepths.push(depth + 1);
      stackIndexes.push(i);
    }
  }
  return out;
}

type NodeRow = [string, string | null, NodeKind, string, string, NodeTable['description'], NodeTable['tag'], NodeTable['tag_note']];

const INDICATOR_COLUMNS = [
  'node_id', 'unit', 'direction', 'baseline_value', 'baseline_date', 'target_value', 'target_date', 'reference_label',
  'reference_value', 'reference_date', 'source',
] as const;

/** An indicator's row (INDICATOR_COLUMNS, or none yet) and its measurements, as the tree gives them. */
function indicatorInfo(i: unknown[] | undefined, measurements: IndicatorInfo['measurements']): IndicatorInfo {
  // Indexed, not destructured (see loadTree).
  const r = (i ?? []) as IndicatorTable[keyof IndicatorTable][];
  return {
    unit: r[1] ?? null, direction: r[2] ?? null, baselineValue: r[3] ?? null, baselineDate: r[4] ?? null,
    targetValue: r[5] ?? null, targetDate: r[6] ?? null, referenceLabel: r[7] ?? null,
    referenceValue: r[8] ?? null, referenceDate: r[9] ?? null, source: r[10] ?? null, measurements,
  } as IndicatorInfo;
}

// ---------- edits ----------

export function addNode(store: Doc, input: Omit<Input<'tree.add'>, 'docId'>): EditOutcome {
  const parentKind = kindOf(store, input.parentId);
  const kind: NodeKind | undefined =
    input.kind ?? (parentKind === null ? 'enjeu' : (['objectif', 'action', 'indicateur'] as const).find((k) => canHold(parentKind, k)));
  if (!kind) throw new TrameError('imbrication', `Un ${KIND_LABELS[parentKind!].toLowerCase()} ne peut rien contenir.`);
  if (!canHold(parentKind, kind)) throw new TrameError('imbrication', nestingError(parentKind, kind));
  const title = input.title.trim() || NEW_TITLES[kind];
  return store.edit(`Ajouter ${KIND_LABELS[kind].toLowerCase()} ${quote(title)}`, () => {
    const siblings = childrenOf(store, input.parentId);
    const index = Math.min(input.index ?? siblings.length, siblings.length);
    const id = store.newId();
    const order_key = keyAt(store, siblings, index);
    store.run.run(
      kysely.insertInto('node').values({
        id, parent_id: input.parentId, kind, order_key, title, description: null, tag: null, tag_note: null,
      }),
    );
    if (kind === 'indicateur') store.run.run(kysely.insertInto('indicator').values({ node_id: id }));
    const before = index > 0 ? siblings[index - 1].id : input.parentId;
    return { undo: before, redo: id };
  });
}

export function updateNode(store: Doc, id: string, patch: Input<'tree.update'>['patch']): EditOutcome {
  const node = getNode(store, id);
  const set: Partial<NodeTable> = {};
  let label = `Modifier ${quote(node.title)}`;
  if (patch.title !== undefined) {
    const t = patch.title.trim();
    if (!t) throw new TrameError('entree-invalide', "Le titre ne peut pas être vide : donnez un intitulé à l'élément.");
    if (t !== node.title) {
      set.title = t;
      label = `Renommer ${quote(node.title)} en ${quote(t)}`;
    }
  }
  if (patch.description !== undefined) set.description = patch.description?.trim() ? patch.description : null;
  if (patch.tag !== undefined) {
    set.tag = patch.tag;
    label = patch.tag ? `Marquer ${quote(node.title)} « ${TAG_LABELS[patch.tag]} »` : `Retirer le marquage de ${quote(node.title)}`;
  }
  if (patch.tagNote !== undefined) set.tag_note = patch.tagNote?.trim() ? patch.tagNote.trim() : null;
  return store.edit(label, () => {
    if (Object.keys(set).length) store.run.run(kysely.updateTable('node').set(set).where('id', '=', id));
    return { undo: id, redo: id };
  });
}

export function setIndicator(store: Doc, id: string, patch: Input<'tree.setIndicator'>['patch']): EditOutcome {
  const node = getNode(store, id);
  if (node.kind !== 'indicateur') {
    throw new TrameError('entree-invalide', `${KIND_LABELS[node.kind]} ${quote(node.title)} n'est pas un indicateur : pas de valeurs à saisir.`);
  }
  const map: Record<string, keyof IndicatorTable> = {
    unit: 'unit', direction: 'direction', baselineValue: 'baseline_value', baselineDate: 'baseline_date',
    targetValue: 'target_value', targetDate: 'target_date', referenceLabel: 'reference_label',
    referenceValue: 'reference_value', referenceDate: 'reference_date', source: 'source',
  };
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    set[map[k]] = typeof v === 'string' ? (v.trim() || null) : v;
  }
  return store.edit(`Modifier l'indicateur ${quote(node.title)}`, () => {
    store.run.stmt('INSERT INTO indicator (node_id) VALUES (?) ON CONFLICT (node_id) DO NOTHING').run(id);
    if (Object.keys(set).length) store.run.run(kysely.updateTable('indicator').set(set).where('node_id', '=', id));
    return { undo: id, redo: id };
  });
}

/** Every node of the subtree rooted at `id`, parents before children. */
function subtree(store: Doc, id: string): NodeTable[] {
  const out: NodeTable[] = [getNode(store, id)];
  for (let i = 0; i < out.length; i++) out.push(...childrenOf(store, out[i].id));
  return out;
}

function depthOf(store: Doc, id: string | null): number {
  let d = -1;
  let cur = id;
  while (cur !== null) {
    d++;
    cur = getNode(store, cur).parent_id;
    if (d > 64) throw new TrameError('fichier-invalide', "L'arbre du fichier contient une boucle.");
  }
  return d;
}

/** Detaches `node` from its siblings and inserts it under `parentId` at `index` (index among the new siblings). */
function place(store: Doc, node: NodeTable, parentId: string | null, index: number): void {
  const newSiblings = childrenOf(store, parentId).filter((s) => s.id !== node.id);
  const order_key = keyAt(store, newSiblings, index);
  const set: Partial<NodeTable> = node.parent_id !== parentId ? { parent_id: parentId, order_key } : { order_key };
  if (node.parent_id !== parentId || node.order_key !== order_key) store.run.run(kysely.updateTable('node').set(set).where('id', '=', node.id));
}

export function moveNode(store: Doc, id: string, parentId: string | null, index: number): EditOutcome {
  const node = getNode(store, id);
  const parentKind = kindOf(store, parentId);
  if (!canHold(parentKind, node.kind)) throw new TrameError('imbrication', nestingError(parentKind, node.kind));
  for (let cur = parentId; cur !== null; cur = getNode(store, cur).parent_id) {
    if (cur === id) throw new TrameError('imbrication', 'Impossible de déplacer un élément à l’intérieur de lui-même.');
  }
  return store.edit(`Déplacer ${quote(node.title)}`, () => {
    place(store, node, parentId, index);
    return { undo: id, redo: id };
  });
}

/** Re-kinds a subtree moved to a new level: enjeu/objectif/action follow the level, indicateurs stay indicateurs. */
function rekind(store: Doc, rootId: string, newParentKind: NodeKind | null): void {
  const LEVELS: NodeKind[] = ['enjeu', 'objectif', 'action'];
  const kindAt = (depth: number, kind: NodeKind): NodeKind | null =>
    kind === 'indicateur' ? 'indicateur' : (LEVELS[depth] ?? null);
  const baseDepth = newParentKind === null ? 0 : depthOf(store, getNode(store, rootId).parent_id) + 1;
  const walk: { id: string; depth: number; parentKind: NodeKind | null }[] = [{ id: rootId, depth: baseDepth, parentKind: newParentKind }];
  while (walk.length) {
    const { id, depth, parentKind } = walk.pop()!;
    const n = getNode(store, id);
    const k = kindAt(depth, n.kind);
    if (k === null || !canHold(parentKind, k)) {
      throw new TrameError(
        'imbrication',
        k === null
          ? `${KIND_LABELS[n.kind]} ${quote(n.title)} ne peut pas descendre d'un niveau : l'arbre s'arrête aux indicateurs.`
          : nestingError(parentKind, k),
      );
    }
    if (k !== n.kind) store.run.run(kysely.updateTable('node').set({ kind: k }).where('id', '=', id));
    for (const c of childrenOf(store, id)) walk.push({ id: c.id, depth: depth + 1, parentKind: k });
  }
}

export function indentNode(store: Doc, id: string): EditOutcome {
  const node = getNode(store, id);
  const at = indexOf(store, node);
  if (at === 0) {
    throw new TrameError('imbrication', `${quote(node.title)} est le premier de son niveau : rien au-dessus pour l'accueillir.`);
  }
  const prev = childrenOf(store, node.parent_id)[at - 1];
  return store.edit(`Descendre d'un niveau ${quote(node.title)}`, () => {
    place(store, node, prev.id, Number.MAX_SAFE_INTEGER);
    rekind(store, id, prev.kind);
    return { undo: id, redo: id };
  });
}

export function outdentNode(store: Doc, id: string): EditOutcome {
  const node = getNode(store, id);
  if (node.parent_id === null) throw new TrameError('imbrication', `${quote(node.title)} est déjà au premier niveau.`);
  const parent = getNode(store, node.parent_id);
  return store.edit(`Remonter d'un niveau ${quote(node.title)}`, () => {
    place(store, node, parent.parent_id, indexOf(store, parent) + 1);
    rekind(store, id, kindOf(store, parent.parent_id));
    return { undo: id, redo: id };
  });
}

/**
 * Deletes an item and its subtree. Refused while a commitment serves or measures one of them, unless
 * `detachCommitments` (the commitments feature's « supprimer et détacher »): the links go in the same undoable step.
 */
export function removeNode(store: Doc, id: string, options: { detachCommitments?: boolean } = {}): EditOutcome {
  const nodes = subtree(store, id);
  const ids = nodes.map((n) => n.id);
  const linked = options.detachCommitments ? undefined : store.run.first(
    kysely
      .selectFrom('commitment')
      .select(['id', 'text'])
      .where((eb) => eb.or([eb('indicator_id', 'in', ids), eb('id', 'in', eb.selectFrom('commitment_node').select('commitment_id').where('node_id', 'in', ids))])),
  );
  if (linked) {
    throw new TrameError(
      'entree-invalide',
      `Impossible de supprimer ${quote(nodes[0].title)} : l'engagement ${quote(linked.text)} s'y rattache. Détachez d'abord l'engagement, ou choisissez « Supprimer l'élément et détacher ses engagements » dans le panneau Détails.`,
    );
  }
  const root = nodes[0];
  const label = `Supprimer ${quote(root.title)}${nodes.length > 1 ? ` et ses ${nodes.length - 1} sous-éléments` : ''}`;
  return store.edit(label, () => {
    if (options.detachCommitments) {
      store.run.run(kysely.deleteFrom('commitment_node').where('node_id', 'in', ids));
      store.run.run(kysely.updateTable('commitment').set({ indicator_id: null }).where('indicator_id', 'in', ids));
    }
    const siblings = childrenOf(store, root.parent_id);
    // Children before parents, so that every delete is valid on its own.
    for (const n of [...nodes].reverse()) {
      store.run.run(kysely.deleteFrom('measurement').where('node_id', '=', n.id));
      store.run.run(kysely.deleteFrom('indicator').where('node_id', '=', n.id));
      store.run.run(kysely.deleteFrom('node').where('id', '=', n.id));
    }
    const at = siblings.findIndex((s) => s.id === id);
    const next = siblings[at + 1] ?? siblings[at - 1];
    return { undo: id, redo: next?.id ?? root.parent_id };
  });
}

/** A change to a row of `node` concerns the item its key names. */
export const treeChangeScope: Partial<ChangeScope> = { items: { node: 'key' } };
