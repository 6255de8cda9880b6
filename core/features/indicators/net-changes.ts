// What changed since a COPIL, item by item, as a net result: each row as it was at the COPIL's moment (the first
// before-image the journal holds after that moment, or absent when the row was created after it) compared with the
// row as it is now. Intermediate steps, and steps undone since (however undo is recorded: a flag or a new inverse
// step), leave no trace: only the difference between the two states is told. For the note de COPIL.
import type { Doc } from '../../session';
import { bulkRows } from '../../../db/journal';
import { KIND_LABELS, TAG_LABELS, type NodeKind, type Tag } from '../../domain/tree';
import { COMMITMENT_STATUS_LABELS } from '../../domain/partners';
import { formatFrenchDate } from '../../domain/french-dates';
import { countOf } from '../../domain/plural';
import { copilMoment } from './since-query';
import { listCopils } from './copils';

type Row = Record<string, unknown>;

export interface NetChange {
  /** « Action », « Engagement », « Partenaire »… */
  kind: string;
  /** The item's name now (or, removed, as it was). */
  title: string;
  /** What changed, in French, one clause each, in a fixed order. */
  changes: string[];
}

export interface NetChanges {
  /** The first journal step counted (none after the moment: null). */
  fromGroup: number | null;
  /** The moment, ISO, when the COPIL was recorded on its own day; else null (the day is the unit). */
  at: string | null;
  items: NetChange[];
}

const TABLES = ['node', 'indicator', 'measurement', 'commitment', 'partner'] as const;

/** Per row touched after the moment: its image then (first before-image; null: created after). */
const FIRST_BEFORE = `
SELECT c.tbl, c.row_key, c.before, min(c.id) FROM journal_change c
WHERE c.group_id >= ? AND c.tbl IN (${TABLES.map((t) => `'${t}'`).join(', ')}) AND c.batch = 0
GROUP BY c.tbl, c.row_key`;
/** The bulk entries of the period (db/journal/bulk.ts), read as the rows they touched. */
const BULK = `
SELECT c.id, c.tbl, c.before, c.after FROM journal_change c
WHERE c.group_id >= ? AND c.tbl IN (${TABLES.map((t) => `'${t}'`).join(', ')}) AND c.batch = 1 ORDER BY c.id`;
/** The key column of each table read (what a per-row entry's row_key holds first). */
const KEY: Record<(typeof TABLES)[number], string> = { node: 'id', indicator: 'node_id', measurement: 'id', commitment: 'id', partner: 'id' };

const keyOf = (rowKey: string): string => {
  try {
    const k = JSON.parse(rowKey) as unknown;
    return Array.isArray(k) ? String(k[0]) : String(k);
  } catch {
    return rowKey;
  }
};

const q = (s: unknown) => `« ${String(s ?? '').replace(/\s+/g, ' ').trim()} »`;
const num = (v: unknown) => (typeof v === 'number' ? new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(v) : '—');
const date = (v: unknown) => (typeof v === 'string' && v ? formatFrenchDate(v) : '—');
const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/** The first journal step of the period: after the COPIL's own record when it has one on its day, else from the day. */
export function periodStart(store: Pick<Doc, 'run'>, since: string | undefined): { fromGroup: number | null; at: string | null } {
  const copil = since ? listCopils(store).find((c) => c.date === since) : undefined;
  const moment = copil ? copilMoment(store, copil) : since ? { since, afterGroup: 0, at: null } : { since: '0000', afterGroup: 0, at: null };
  const g = store.run.stmt('SELECT min(id) AS id FROM journal_group WHERE id > ? AND at >= ?').get(moment.afterGroup, moment.since) as { id: number | null };
  return { fromGroup: g.id, at: moment.at };
}

export function readNetChanges(store: Pick<Doc, 'run'>, since: string | undefined): NetChanges {
  const { fromGroup, at } = periodStart(store, since);
  if (fromGroup === null) return { fromGroup, at, items: [] };
  const then = new Map<string, Map<string, Row | null>>(TABLES.map((t) => [t, new Map()]));
  const firstId = new Map<string, number>();
  for (const [tbl, rowKey, before, id] of store.run.stmt(FIRST_BEFORE).raw(true).all(fromGroup) as [string, string, string | null, number][]) {
    const key = keyOf(rowKey);
    then.get(tbl)!.set(key, before === null ? null : (JSON.parse(before) as Row));
    firstId.set(`${tbl}|${key}`, id);
  }
  // A row a bulk entry touched before any per-row entry did: its image then is the bulk entry's before.
  for (const [id, tbl, before, after] of store.run.stmt(BULK).raw(true).all(fromGroup) as [number, (typeof TABLES)[number], string | null, string | null][]) {
    for (const r of bulkRows({ before, after })) {
      const key = String((r.after ?? r.before)![KEY[tbl]]);
      const seen = firstId.get(`${tbl}|${key}`);
      if (seen !== undefined && seen < id) continue;
      firstId.set(`${tbl}|${key}`, id);
      then.get(tbl)!.set(key, r.before);
    }
  }
  const now = (tbl: string, key: string, ids: string[]): Map<string, Row> => {
    const out = new Map<string, Row>();
    const stmt = store.run.stmt(`SELECT * FROM ${tbl} WHERE ${key} = ?`);
    for (const id of ids) {
      const r = stmt.get(id) as Row | undefined;
      if (r) out.set(id, r);
    }
    return out;
  };
  const nodeNow = now('node', 'id', [...then.get('node')!.keys(), ...then.get('indicator')!.keys()]);
  const titleNow = store.run.stmt('SELECT title FROM node WHERE id = ?');
  const nodeTitle = (id: unknown): string => {
    if (typeof id !== 'string') return 'la racine du contrat';
    const t = (titleNow.get(id) as { title: string } | undefined)?.title ?? (then.get('node')!.get(id)?.title as string | undefined);
    return t === undefined ? 'un élément supprimé' : q(t);
  };
  const perNode = new Map<string, string[]>();
  const add = (id: string, clause: string) => {
    const l = perNode.get(id);
    if (l) l.push(clause);
    else perNode.set(id, [clause]);
  };
  const decision = (r: Row) =>
    r.tag ? `${TAG_LABELS[r.tag as Tag]}${r.tag_note ? ` — ${q(r.tag_note)}` : ' (sans raison écrite)'}` : 'non décidé';

  // Tree items.
  for (const [id, before] of then.get('node')!) {
    const after = nodeNow.get(id) ?? null;
    if (!before && !after) continue;
    if (!before) {
      add(id, `Créé sous ${nodeTitle(after!.parent_id)}`);
      if (after!.tag) add(id, `décision : ${decision(after!)}`);
      continue;
    }
    if (!after) {
      add(id, `Supprimé (était sous ${nodeTitle(before.parent_id)})`);
      continue;
    }
    if (!same(before.title, after.title)) add(id, `Titre : ${q(before.title)} → ${q(after.title)}`);
    if (!same(before.parent_id, after.parent_id)) add(id, `Déplacé de ${nodeTitle(before.parent_id)} vers ${nodeTitle(after.parent_id)}`);
    if (!same(before.kind, after.kind)) add(id, `Devenu ${KIND_LABELS[after.kind as NodeKind].toLowerCase()}`);
    if (!same(before.tag, after.tag) || !same(before.tag_note, after.tag_note)) add(id, `Décision : ${decision(after)}${before.tag ? ` (avant : ${TAG_LABELS[before.tag as Tag]})` : ''}`);
    if (!same(before.description, after.description)) add(id, 'Description modifiée');
  }

  // Indicator cards: the fields a COPIL reads.
  const cardNow = now('indicator', 'node_id', [...then.get('indicator')!.keys()]);
  const CARD: [string, string, (v: unknown) => string][] = [
    ['unit', 'unité', (v) => (v ? q(v) : '—')], ['direction', 'sens', (v) => (v === 'hausse' ? 'à la hausse' : v === 'baisse' ? 'à la baisse' : '—')],
    ['baseline_value', 'valeur de départ', num], ['baseline_date', 'date de départ', date],
    ['target_value', 'cible', num], ['target_date', 'échéance de la cible', date], ['source', 'source', (v) => (v ? q(v) : '—')],
  ];
  for (const [id, before] of then.get('indicator')!) {
    const after = cardNow.get(id) ?? null;
    if (!before || !after || !nodeNow.has(id)) continue; // a card comes and goes with its item
    const diffs = CARD.filter(([c]) => !same(before[c], after[c])).map(([c, label, f]) => `${label} ${f(before[c])} → ${f(after[c])}`);
    if (diffs.length) add(id, `Fiche : ${diffs.join(', ')}`);
  }

  // Measurements, counted per indicator.
  const measureNow = now('measurement', 'id', [...then.get('measurement')!.keys()]);
  const counts = new Map<string, { added: number; removed: number; corrected: number }>();
  for (const [id, before] of then.get('measurement')!) {
    const after = measureNow.get(id) ?? null;
    if (!before && !after) continue;
    const node = String((after ?? before)!.node_id);
    if (titleNow.get(node) === undefined) continue; // removed with its item: « Supprimé » says it
    const c = counts.get(node) ?? { added: 0, removed: 0, corrected: 0 };
    if (!before) c.added++;
    else if (!after) c.removed++;
    else if (!same(before.value, after.value) || !same(before.date, after.date) || !same(before.scope, after.scope)) c.corrected++;
    else continue;
    counts.set(node, c);
  }
  for (const [node, c] of counts) {
    const parts = [
      c.added ? countOf(c.added, 'mesure ajoutée', 'mesures ajoutées') : '',
      c.corrected ? countOf(c.corrected, 'mesure corrigée', 'mesures corrigées') : '',
      c.removed ? countOf(c.removed, 'mesure supprimée', 'mesures supprimées') : '',
    ].filter(Boolean);
    add(node, parts.join(', '));
  }

  // Tree order for the items there now, then the removed ones: siblings by order key then id (compareOrder); the
  // separators sort below every key and id character, so a parent's path comes before its children's.
  const order = store.run.stmt(`
WITH RECURSIVE walk(id, path) AS (
  SELECT id, order_key || char(2) || id FROM node WHERE parent_id IS NULL
  UNION ALL SELECT n.id, walk.path || char(1) || n.order_key || char(2) || n.id FROM node n JOIN walk ON n.parent_id = walk.id)
SELECT id FROM walk ORDER BY path`).raw(true).all() as [string][];
  const items: NetChange[] = [];
  const nodeItem = (id: string): NetChange => {
    const r = nodeNow.get(id) ?? then.get('node')!.get(id) ?? { kind: 'indicateur', title: (titleNow.get(id) as { title: string } | undefined)?.title ?? id };
    return { kind: KIND_LABELS[r.kind as NodeKind] ?? 'Élément', title: String(r.title), changes: perNode.get(id)! };
  };
  for (const [id] of order) if (perNode.has(id)) items.push(nodeItem(id));
  for (const id of perNode.keys()) if (titleNow.get(id) === undefined) items.push(nodeItem(id));

  // Partners, then commitments.
  const partnerNow = now('partner', 'id', [...then.get('partner')!.keys()]);
  for (const [id, before] of then.get('partner')!) {
    const after = partnerNow.get(id) ?? null;
    if (!before && !after) continue;
    const changes = !before ? ['Ajouté au contrat'] : !after ? ['Retiré du contrat'] : !same(before.name, after.name) ? [`Nom : ${q(before.name)} → ${q(after.name)}`] : [];
    if (changes.length) items.push({ kind: 'Partenaire', title: String((after ?? before)!.name), changes });
  }
  const commitmentNow = now('commitment', 'id', [...then.get('commitment')!.keys()]);
  const status = (s: unknown) => (s ? COMMITMENT_STATUS_LABELS[s as keyof typeof COMMITMENT_STATUS_LABELS] ?? String(s) : 'non renseigné');
  for (const [id, before] of then.get('commitment')!) {
    const after = commitmentNow.get(id) ?? null;
    if (!before && !after) continue;
    const changes: string[] = [];
    if (!before) changes.push(`Pris${after!.due ? `, échéance ${date(after!.due)}` : ''}${after!.status ? `, ${status(after!.status).toLowerCase()}` : ''}`);
    else if (!after) changes.push('Retiré');
    else {
      if (!same(before.text, after.text)) changes.push(`Texte : ${q(before.text)} → ${q(after.text)}`);
      if (!same(before.status, after.status)) changes.push(`Statut : ${status(before.status)} → ${status(after.status)}`);
      if (!same(before.due, after.due)) changes.push(`Échéance : ${date(before.due)} → ${date(after.due)}`);
      if (!same(before.target_value, after.target_value)) changes.push(`Valeur visée : ${num(before.target_value)} → ${num(after.target_value)}`);
    }
    if (changes.length) items.push({ kind: 'Engagement', title: String((after ?? before)!.text), changes });
  }
  return { fromGroup, at, items };
}
