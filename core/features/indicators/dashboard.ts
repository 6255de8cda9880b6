// The COPIL dashboard's data in one read: every indicator with its measurements and status, the tag counts, the
// COPIL meetings and the changes since the chosen date (by default, the last COPIL's).
import { kysely } from '../../../db/query';
import type { Doc } from '../../session';
import type { Dashboard, DashboardIndicator } from './contract';
import { listCopils } from './copils';
import { countChangeKinds } from './model/since';
import { indicatorStatus, todayIso } from './model/status';
import { tagCounts, type TagNode } from './model/tags';
import { compareOrder } from '../../domain/order-keys';
import { copilMoment, readChangesSince } from './since-query';

export function readDashboard(store: Pick<Doc, 'run'>, opts: { since?: string | null; today?: string } = {}): Dashboard {
  const today = opts.today ?? todayIso();
  const nodes = store.run.all(kysely.selectFrom('node').select(['id', 'parent_id', 'kind', 'title', 'tag', 'order_key'])) as (TagNode & { parent_id: string | null; order_key: string })[];
  for (const n of nodes) n.parentId = n.parent_id;
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const enjeuOf = (id: string): string | null => {
    let n = byId.get(id);
    for (let i = 0; n && n.parentId !== null && i < 64; i++) n = byId.get(n.parentId);
    return n?.id ?? null;
  };
  // Depth-first order, as the tree shows them.
  const kids = new Map<string | null, typeof nodes>();
  for (const n of nodes) {
    const l = kids.get(n.parentId);
    if (l) l.push(n);
    else kids.set(n.parentId, [n]);
  }
  for (const l of kids.values()) l.sort(compareOrder);
  const order: typeof nodes = [];
  const stack = [...(kids.get(null) ?? [])].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    for (const c of [...(kids.get(n.id) ?? [])].reverse()) stack.push(c);
  }
  const cards = new Map(store.run.all(kysely.selectFrom('indicator').selectAll()).map((i) => [i.node_id, i] as const));
  const measures = new Map<string, DashboardIndicator['measurements']>();
  for (const [nodeId, date, value, scope] of store.run.arrays(
    kysely.selectFrom('measurement').select(['node_id', 'date', 'value', 'scope']).orderBy('node_id').orderBy('position'),
  ) as [string, string, number, 'qpv' | 'reference'][]) {
    const l = measures.get(nodeId);
    if (l) l.push({ date, value, scope });
    else measures.set(nodeId, [{ date, value, scope }]);
  }
  const indicators: DashboardIndicator[] = [];
  for (const n of order) {
    if (n.kind !== 'indicateur') continue;
    const c = cards.get(n.id);
    const base = {
      direction: c?.direction ?? null, baselineValue: c?.baseline_value ?? null, baselineDate: c?.baseline_date ?? null,
      targetValue: c?.target_value ?? null, targetDate: c?.target_date ?? null, frequency: c?.frequency ?? null,
      measurements: (measures.get(n.id) ?? []).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    };
    const s = indicatorStatus(base, today);
    indicators.push({
      id: n.id, title: n.title, enjeuId: enjeuOf(n.id), unit: c?.unit ?? null, referenceLabel: c?.reference_label ?? null,
      providerId: c?.provider_id ?? null, status: s.status, reason: s.reason,
      direction: base.direction, baselineValue: base.baselineValue, baselineDate: base.baselineDate,
      targetValue: base.targetValue, targetDate: base.targetDate, measurements: base.measurements,
    });
  }
  const copils = listCopils(store);
  const last = copils.find((c) => c.date <= today) ?? null;
  const sinceDate = opts.since === undefined ? (last?.date ?? null) : opts.since;
  // From a COPIL's date, the list starts after the COPIL itself (copilMoment), not at the start of its day.
  const copil = sinceDate === null ? null : (copils.find((c) => c.date === sinceDate) ?? null);
  const moment = copil ? copilMoment(store, copil) : null;
  const since = sinceDate ? readChangesSince(store, moment?.since ?? sinceDate, moment?.afterGroup ?? 0) : { items: [], truncated: false };
  return {
    today,
    indicators,
    enjeux: (kids.get(null) ?? []).map((e) => ({ id: e.id, title: e.title })),
    partners: store.run.all(kysely.selectFrom('partner').select(['id', 'name']).orderBy('position')),
    tags: tagCounts(order),
    copils,
    since: {
      date: sinceDate,
      copilId: copil?.id ?? null,
      at: moment?.at ?? null,
      items: since.items,
      counts: countChangeKinds(since.items),
      truncated: since.truncated,
    },
  };
}
