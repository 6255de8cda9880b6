// Reading partners, signatories and commitments with everything the screens, the CSV and the CLI show: the items each
// commitment serves (with their enjeu), its funding, its status history and its progress. Whole-table reads of the
// commitments' own tables, joined in memory: one pass per table whatever the number of commitments (the matrix-ms
// bench reads 2 000 of them); of the tree, only the items the commitments serve or are measured by, with their enjeu
// found in SQL (a 100 000-item tree is not read for 2 000 commitments), and the measurements of those indicators.
import type { CommitmentsView, PartnerInfo, SignatoryInfo } from './contract';
import {
  progressOf,
  type CommitmentNodeRef,
  type CommitmentView,
  type FundingNature,
  type HistoryEntry,
  type MeasurementRef,
} from '../../domain/commitments';
import type { CommitmentStatus, PartnerType } from '../../domain/format-types';
import { formatFrenchDate } from '../../domain/french-dates';
import { kysely } from '../../../db/query';
import type { Doc } from '../../session';

type Reader = Pick<Doc, 'run'>;

interface NodeRow { id: string; parent_id: string | null; kind: CommitmentNodeRef['kind']; title: string; order_key: string }

export function readPartners(store: Reader): PartnerInfo[] {
  const contacts = new Map(store.run.all(kysely.selectFrom('partner_contact').selectAll()).map((c) => [c.partner_id, c]));
  const signatories = new Map<string, SignatoryInfo[]>();
  for (const s of store.run.all(kysely.selectFrom('signatory').selectAll().orderBy('position'))) {
    let list = signatories.get(s.partner_id);
    if (!list) signatories.set(s.partner_id, (list = []));
    list.push({ id: s.id, partnerId: s.partner_id, name: s.name, role: s.role });
  }
  const counts = new Map<string, number>();
  for (const c of store.run.all(kysely.selectFrom('commitment').select(['partner_id']))) counts.set(c.partner_id, (counts.get(c.partner_id) ?? 0) + 1);
  return store.run.all(kysely.selectFrom('partner').selectAll().orderBy('position')).map((p) => {
    const c = contacts.get(p.id);
    return {
      id: p.id,
      position: p.position,
      name: p.name,
      type: p.type as PartnerType | null,
      contact: c ? { name: c.name, email: c.email, phone: c.phone } : null,
      signatories: signatories.get(p.id) ?? [],
      commitmentCount: counts.get(p.id) ?? 0,
    };
  });
}

export function readCommitments(store: Reader): { commitments: CommitmentView[]; enjeux: { id: string; title: string }[] } {
  // The served items and the top-level ancestor of each (its enjeu when it is one): the nesting rules, checked at
  // every open, allow four levels at most (enjeu → objectif → action → indicateur), so three parents are enough.
  const nodes = new Map<string, NodeRow & { enjeuId: string | null }>();
  const top = (col: string) =>
    `CASE WHEN n.parent_id IS NULL THEN n.${col} WHEN p1.parent_id IS NULL THEN p1.${col} WHEN p2.parent_id IS NULL THEN p2.${col} WHEN p3.parent_id IS NULL THEN p3.${col} END`;
  const served = store.run.stmt(
    `WITH served(id) AS (SELECT node_id FROM commitment_node UNION SELECT indicator_id FROM commitment WHERE indicator_id IS NOT NULL)
     SELECT n.id, n.parent_id, n.kind, n.title, n.order_key, ${top('id')} AS top_id, ${top('kind')} AS top_kind
     FROM served s JOIN node n ON n.id = s.id LEFT JOIN node p1 ON p1.id = n.parent_id
       LEFT JOIN node p2 ON p2.id = p1.parent_id LEFT JOIN node p3 ON p3.id = p2.parent_id`,
  );
  for (const [id, parent_id, kind, title, order_key, topId, topKind] of served.raw(true).all() as unknown[][]) {
    nodes.set(id as string, { id, parent_id, kind, title, order_key, enjeuId: topKind === 'enjeu' ? topId : null } as NodeRow & { enjeuId: string | null });
  }
  const enjeuOf = (nodeId: string): string | null => nodes.get(nodeId)?.enjeuId ?? null;
  const enjeux = store.run
    .all(kysely.selectFrom('node').select(['id', 'title']).where('parent_id', 'is', null).where('kind', '=', 'enjeu').orderBy('order_key').orderBy('id'))
    .map((n) => ({ id: n.id, title: n.title }));
  const partners = new Map(store.run.all(kysely.selectFrom('partner').select(['id', 'name'])).map((p) => [p.id, p.name]));
  const links = new Map<string, CommitmentNodeRef[]>();
  for (const l of store.run.all(kysely.selectFrom('commitment_node').selectAll().orderBy('commitment_id').orderBy('position'))) {
    const n = nodes.get(l.node_id);
    if (!n) continue;
    let list = links.get(l.commitment_id);
    if (!list) links.set(l.commitment_id, (list = []));
    list.push({ id: n.id, kind: n.kind, title: n.title, enjeuId: enjeuOf(n.id) });
  }
  const funding = new Map(store.run.all(kysely.selectFrom('commitment_funding').selectAll()).map((f) => [f.commitment_id, f]));
  const history = new Map<string, HistoryEntry[]>();
  for (const h of store.run.all(kysely.selectFrom('commitment_history').selectAll().orderBy('commitment_id').orderBy('position'))) {
    let list = history.get(h.commitment_id);
    if (!list) history.set(h.commitment_id, (list = []));
    list.push({ id: h.id, status: h.status as CommitmentStatus, at: h.at, author: h.author, authorId: h.author_id, note: h.note });
  }
  const rows = store.run.all(kysely.selectFrom('commitment').selectAll().orderBy('position'));
  const measured = new Set(rows.map((r) => r.indicator_id).filter((x): x is string => x !== null));
  const indicators = new Map<string, { unit: string | null; baselineValue: number | null }>();
  const measurements = new Map<string, MeasurementRef[]>();
  if (measured.size) {
    const measuredOnly = 'node_id IN (SELECT indicator_id FROM commitment WHERE indicator_id IS NOT NULL)';
    for (const i of store.run.stmt(`SELECT node_id, unit, baseline_value FROM indicator WHERE ${measuredOnly}`).all() as { node_id: string; unit: string | null; baseline_value: number | null }[]) {
      indicators.set(i.node_id, { unit: i.unit, baselineValue: i.baseline_value });
    }
    const measuredRows = store.run.stmt(`SELECT id, node_id, date, value, scope FROM measurement WHERE ${measuredOnly} ORDER BY node_id, position`);
    for (const m of measuredRows.all() as (MeasurementRef & { node_id: string })[]) {
      let list = measurements.get(m.node_id);
      if (!list) measurements.set(m.node_id, (list = []));
      list.push({ id: m.id, date: m.date, value: m.value, scope: m.scope });
    }
  }
  const commitments = rows.map((r): CommitmentView => {
    const f = funding.get(r.id);
    const ind = r.indicator_id ? nodes.get(r.indicator_id) : undefined;
    const indInfo = r.indicator_id ? indicators.get(r.indicator_id) ?? { unit: null, baselineValue: null } : null;
    const target = r.target_value === null ? null : { value: r.target_value, unit: r.target_unit };
    return {
      id: r.id,
      position: r.position,
      partnerId: r.partner_id,
      partnerName: partners.get(r.partner_id) ?? '',
      text: r.text,
      nodes: links.get(r.id) ?? [],
      target,
      indicator: ind ? { id: ind.id, title: ind.title, unit: indInfo?.unit ?? null } : null,
      funding: f ? { amount: f.amount, nature: f.nature as FundingNature | null } : null,
      due: r.due,
      status: r.status as CommitmentStatus | null,
      history: history.get(r.id) ?? [],
      progress: ind ? progressOf(target, indInfo, measurements.get(ind.id) ?? [], formatFrenchDate) : null,
    };
  });
  return { commitments, enjeux };
}

export function readView(store: Reader): CommitmentsView {
  return { partners: readPartners(store), ...readCommitments(store) };
}
