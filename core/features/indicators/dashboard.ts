// The COPIL dashboard's data in one read: every indicator with its measurements and status, the tag counts, the
// COPIL meetings and the changes since the chosen date (by default, the last COPIL's).
import { kysely } from '../../../db/query';
import type { Doc } from '../../session';
import type { Dashboard, DashboardIndicator } from './contract';
import { listCopils } from './copils';
import { countChangeKinds } from './model/since';
import { indicatorStatus, todayIso } from './model/status';
import { tagCountsSql } from './model/tags-sql';
import type { Tag } from '../../domain/tree';
import { copilMoment, readChangesSince } from './since-query';

export interface DashboardFilters { enjeuId?: string | null; providerId?: string | null; status?: DashboardIndicator['status'] | null }

export function readDashboard(store: Pick<Doc, 'run'>, opts: { since?: string | null; today?: string; filters?: DashboardFilters } = {}): Dashboard {
  const today = opts.today ?? todayIso();
  const f = opts.filters ?? {};
  // Never the whole tree (a contrat may hold 100 000 items): the indicators, the items that hold others (to place
  // each indicator under its enjeu, in tree order), and the tag counts per parent aggregated by SQL.
  // An item's place among its siblings: its order key then its id (compareOrder), as one string that sorts the same
  // way (order keys hold no NUL).
  const place = (orderKey: string, id: string): string => `${orderKey}\u0000${id}`;
  const inner = new Map<string, { parentId: string | null; place: string; title: string }>();
  for (const [id, parentId, orderKey, title] of store.run.stmt('SELECT id, parent_id, order_key, title FROM node WHERE id IN (SELECT DISTINCT parent_id FROM node WHERE parent_id IS NOT NULL)').raw(true).all() as [string, string | null, string, string][]) {
    inner.set(id, { parentId, place: place(orderKey, id), title });
  }
  const roots = store.run.stmt('SELECT id, title, tag FROM node WHERE parent_id IS NULL ORDER BY order_key, id').all() as { id: string; title: string; tag: Tag | null }[];
  const enjeuOf = (parentId: string | null, self: string): string | null => {
    let id: string | null = self;
    let up = parentId;
    for (let i = 0; up !== null && i < 64; i++) {
      id = up;
      up = inner.get(up)?.parentId ?? null;
    }
    return id;
  };
  const pathOf = (parentId: string | null, own: string): string[] => {
    const out = [own];
    for (let up = parentId, i = 0; up !== null && i < 64; i++) {
      const n = inner.get(up);
      if (!n) break;
      out.unshift(n.place);
      up = n.parentId;
    }
    return out;
  };
  const order = (store.run.stmt("SELECT id, parent_id, order_key, title FROM node WHERE kind = 'indicateur'").raw(true).all() as [string, string | null, string, string][])
    .map(([id, parentId, orderKey, title]) => ({ id, title, parentId, path: pathOf(parentId, place(orderKey, id)) }))
    .sort((a, b) => {
      for (let i = 0; i < Math.min(a.path.length, b.path.length); i++) if (a.path[i] !== b.path[i]) return a.path[i] < b.path[i] ? -1 : 1;
      return a.path.length - b.path.length;
    });
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
    const c = cards.get(n.id);
    const enjeuId = enjeuOf(n.parentId, n.id);
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
    enjeux: roots.map((e) => ({ id: e.id, title: e.title })),
    partners: store.run.all(kysely.selectFrom('partner').select(['id', 'name']).orderBy('position')),
    tags: tagCountsSql(store, roots, (parentId) => enjeuOf(inner.get(parentId)?.parentId ?? null, parentId)),
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
