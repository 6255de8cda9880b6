// What an indicator's chart shows, whichever draws it: the interactive chart of the details panel (IndicatorChart,
// a recharts LineChart) and the dashboard's small multiples (SmallChart, recharts' shapes on these scales). One rule
// for both — ticks, axis widths, series, legend — so that the two cannot drift apart; the scales themselves are the
// printed note's too (core/domain/chart-scale.ts).
import { timeScale, valueScale, type TimeScale, type ValueScale } from '../../../core/domain/chart-scale';
import { frenchNumber } from './util';

export interface ChartData {
  unit: string | null;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  referenceLabel?: string | null;
  measurements: readonly { date: string; value: number; scope: 'qpv' | 'reference' }[];
}

export const CHART_COLORS = { qpv: '#000091', ref: '#ce0500', baseline: '#595959', target: '#18753c' } as const;
/** Around the plot, in pixels (recharts' `margin`). */
export const CHART_MARGIN = { top: 12, right: 30, bottom: 4, left: 4 } as const;
/** The x axis's band under the plot (recharts' default XAxis height). */
export const X_AXIS_HEIGHT = 30;
/** What the width 'fit' counts on to choose its ticks: the details panel at 1024×768. */
const FIT_WIDTH = 260;

export interface ChartPoint { x: number; value: number; date: string }
export interface LegendEntry { name: string; color: string; mark: 'line' | 'dashed' | 'dot' | 'rule' | 'target' }

export interface ChartModel {
  xs: TimeScale;
  ys: ValueScale;
  /** Each series in time order, `x` on the time scale. */
  qpv: ChartPoint[];
  ref: ChartPoint[];
  /** The y axis's width: its longest label, nothing cut. */
  yWidth: number;
  refName: string;
  legend: LegendEntry[];
}

/** null when there is no measurement: the chart says so instead of drawing empty axes. */
export function chartModel(data: ChartData, width: number | 'fit'): ChartModel | null {
  const dates = data.measurements.map((m) => m.date);
  if (data.baselineDate) dates.push(data.baselineDate);
  if (data.targetDate) dates.push(data.targetDate);
  // As many ticks as their labels fit: a year takes about 55 px at 14 px, a month (« janv. 2025 ») about 95.
  const room = (width === 'fit' ? FIT_WIDTH : width) - 60;
  let xs = timeScale(dates, Math.max(2, Math.floor(room / 55)));
  if (xs.ticks.some((t) => t.label.includes(' '))) xs = timeScale(dates, Math.max(2, Math.floor(room / 95)));
  const series = (scope: 'qpv' | 'reference') =>
    data.measurements.filter((m) => m.scope === scope).map((m) => ({ x: xs.position(m.date), value: m.value, date: m.date })).sort((a, b) => a.x - b.x);
  const qpv = series('qpv');
  const ref = series('reference');
  if (qpv.length + ref.length === 0) return null;
  const values = [...qpv, ...ref].map((p) => p.value);
  if (data.baselineValue !== null) values.push(data.baselineValue);
  if (data.targetValue !== null) values.push(data.targetValue);
  const ys = valueScale(values, { percent: data.unit === '%' });
  const yWidth = Math.max(36, 12 + Math.max(...ys.ticks.map((v) => frenchNumber.format(v).length)) * 8.5);
  const refName = data.referenceLabel || 'Territoire de comparaison';
  const legend: LegendEntry[] = [];
  if (qpv.length) legend.push({ name: 'QPV', color: CHART_COLORS.qpv, mark: 'line' });
  if (ref.length) legend.push({ name: refName, color: CHART_COLORS.ref, mark: ref.length === 1 ? 'dot' : 'dashed' });
  if (data.baselineValue !== null) legend.push({ name: 'Départ', color: CHART_COLORS.baseline, mark: 'rule' });
  if (data.targetValue !== null) legend.push({ name: 'Cible', color: CHART_COLORS.target, mark: 'target' });
  return { xs, ys, qpv, ref, yWidth, refName, legend };
}
