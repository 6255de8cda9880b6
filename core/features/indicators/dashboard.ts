// The COPIL dashboard's data in one read: every indicator with its measurements and status, the tag counts, the
// COPIL meetings and the changes since the chosen date (by default, the last COPIL's).
import { kysely } from '../../../db/query';
import type { Doc } from '../../session';
import type { Dashboard, DashboardIndicator } from './contract';
import { listCopils } from './copils';
import { readDashboardTree } from './dashboard-tree';
import { countChangeKinds } from './model/since';
import { indicatorStatus, todayIso } from './model/status';
import { copilMoment, readChangesSince } from './since-query';

export interface DashboardFilters { enjeuId?: string | null; providerId?: string | null; status?: DashboardIndicator['status'] | null }

export function readDashboard(store: Pick<Doc, 'run'>, opts: { since?: string | null; today?: string; filters?: DashboardFilters } = {}): Dashboard {
  const today = opts.today ?? todayIso();
  const f = opts.filters ?? {};
  // The enjeux, the indicators in tree order with their enjeu and the tag counts, from one scan of the node table.
  const tree = readDashboardTree(store);
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
  for (const n of tree.indicators) {
    const c = cards.get(n.id);
    const enjeuId = n.enjeuId;
    if ((f.enjeuId && enjeuId !== f.enjeuId) || (f.providerId && c?.provider_id !== f.providerId)) continue;
    const base = {
      direction: c?.direction ?? null, baselineValue: c?.baseline_value ?? null, baselineDate: c?.baseline_date ?? null,
      targetValue: c?.target_value ?? null, targetDate: c?.target_date ?? null, frequency: c?.frequency ?? null,
      measurements: (measures.get(n.id) ?? []).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    };
    const s = indicatorStatus(base, today);
    if (f.status && s.status !== f.status) continue;
    indicators.push({
      id: n.id, title: n.title, enjeuId, unit: c?.unit ?? null, referenceLabel: c?.reference_label ?? null,
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
    enjeux: tree.enjeux,
    partners: store.run.all(kysely.selectFrom('partner').select(['id', 'name']).orderBy('position')),
    tags: tree.tags,
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
