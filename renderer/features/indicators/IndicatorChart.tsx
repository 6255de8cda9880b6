// One indicator's measurements over time: the QPV line and the comparison territory's line (or point), the baseline
// and the target drawn as reference lines, readable on a projector: round ticks, a % axis from 0 to 100 unless the
// data leave it, years or French months (core/domain/chart-scale.ts, the printed note's scales too), a legend naming
// every thing drawn, nothing cut. The chart is hidden from screen readers: the table beside it says the same; the
// legend is text.
import { CartesianGrid, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { timeScale, valueScale } from '../../../core/domain/chart-scale';
import { formatFrenchDate, formatValue } from './util';

export interface ChartData {
  unit: string | null;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  referenceLabel?: string | null;
  measurements: readonly { date: string; value: number; scope: 'qpv' | 'reference' }[];
}

const COLORS = { qpv: '#000091', ref: '#ce0500', baseline: '#595959', target: '#18753c' };
const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** `width` in pixels, or 'fit' to take the width of its container (the details panel is narrower at 1024×768). */
export function IndicatorChart({ data, width, height, label }: { data: ChartData; width: number | 'fit'; height: number; label: string }) {
  const dates = data.measurements.map((m) => m.date);
  if (data.baselineDate) dates.push(data.baselineDate);
  if (data.targetDate) dates.push(data.targetDate);
  // As many ticks as their labels fit: a year takes about 55 px at 14 px, a month (« janv. 2025 ») about 95.
  const room = (width === 'fit' ? 260 : width) - 60;
  let xs = timeScale(dates, Math.max(2, Math.floor(room / 55)));
  if (xs.ticks.some((t) => t.label.includes(' '))) xs = timeScale(dates, Math.max(2, Math.floor(room / 95)));
  const qpv = data.measurements.filter((m) => m.scope === 'qpv').map((m) => ({ x: xs.position(m.date), qpv: m.value, date: m.date }));
  const ref = data.measurements.filter((m) => m.scope === 'reference').map((m) => ({ x: xs.position(m.date), ref: m.value, date: m.date }));
  const points = [...qpv, ...ref].sort((a, b) => a.x - b.x);
  if (points.length === 0) {
    return <p className="chart-empty">Aucune mesure : le graphique s’affichera avec la première.</p>;
  }
  const ys = valueScale(
    [...points.map((p) => ('qpv' in p ? p.qpv : p.ref)), ...(data.baselineValue !== null ? [data.baselineValue] : []), ...(data.targetValue !== null ? [data.targetValue] : [])],
    { percent: data.unit === '%' },
  );
  const labels = new Map(xs.ticks.map((t) => [t.value, t.label]));
  const yWidth = Math.max(36, 12 + Math.max(...ys.ticks.map((v) => number.format(v).length)) * 8.5);
  const refName = data.referenceLabel || 'Territoire de comparaison';
  const legend: { name: string; color: string; mark: 'line' | 'dashed' | 'dot' | 'rule' | 'target' }[] = [];
  if (qpv.length) legend.push({ name: 'QPV', color: COLORS.qpv, mark: 'line' });
  if (ref.length) legend.push({ name: refName, color: COLORS.ref, mark: ref.length === 1 ? 'dot' : 'dashed' });
  if (data.baselineValue !== null) legend.push({ name: 'Départ', color: COLORS.baseline, mark: 'rule' });
  if (data.targetValue !== null) legend.push({ name: 'Cible', color: COLORS.target, mark: 'target' });
  return (
    <div className="indicator-chart" data-chart-label={label}>
      <div aria-hidden="true">
        <Fit width={width} height={height}>
          <LineChart accessibilityLayer={false} width={width === 'fit' ? undefined : width} height={height} data={points} margin={{ top: 12, right: 30, bottom: 4, left: 4 }}>
            <CartesianGrid stroke="#dddddd" />
            <XAxis
              dataKey="x" type="number" domain={[xs.min, xs.max]} ticks={xs.ticks.map((t) => t.value)} interval={0}
              tickFormatter={(v: number) => labels.get(v) ?? ''} stroke="#3a3a3a" fontSize={14} allowDataOverflow
            />
            <YAxis domain={[ys.min, ys.max]} ticks={ys.ticks} interval={0} tickFormatter={(v: number) => number.format(v)} stroke="#3a3a3a" fontSize={14} width={yWidth} allowDataOverflow />
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(x) => { const d = points.find((p) => p.x === x)?.date; return d ? formatFrenchDate(d) : ''; }}
              formatter={(v, name) => [formatValue(Number(v), data.unit), name === 'qpv' ? 'QPV' : refName]}
            />
            {data.baselineValue !== null && <ReferenceLine y={data.baselineValue} stroke={COLORS.baseline} strokeDasharray="6 4" />}
            {data.targetValue !== null && <ReferenceLine y={data.targetValue} stroke={COLORS.target} strokeWidth={2} strokeDasharray="2 3" />}
            {data.targetValue !== null && data.targetDate && <ReferenceDot x={xs.position(data.targetDate)} y={data.targetValue} r={6} fill={COLORS.target} stroke="#fff" />}
            <Line className="line-qpv" type="linear" dataKey="qpv" name="qpv" stroke={COLORS.qpv} strokeWidth={3} dot={{ r: 4, className: 'dot-qpv' }} connectNulls isAnimationActive={false} />
            <Line className="line-ref" type="linear" dataKey="ref" name="ref" stroke={COLORS.ref} strokeWidth={2} strokeDasharray="5 3" dot={{ r: 4, className: 'dot-ref' }} connectNulls isAnimationActive={false} />
          </LineChart>
        </Fit>
      </div>
      <ul className="chart-legend" aria-label={`Légende du graphique « ${label} »`}>
        {legend.map((l) => (
          <li key={l.name}>
            <svg width="26" height="12" aria-hidden="true" focusable="false">
              {l.mark === 'dot' ? (
                <circle cx="13" cy="6" r="4" fill={l.color} />
              ) : (
                <line x1="1" x2="25" y1="6" y2="6" stroke={l.color} strokeWidth={l.mark === 'line' ? 3 : 2} strokeDasharray={l.mark === 'dashed' ? '5 3' : l.mark === 'rule' ? '6 4' : l.mark === 'target' ? '2 3' : undefined} />
              )}
              {l.mark === 'target' && <circle cx="13" cy="6" r="4" fill={l.color} />}
            </svg>
            {l.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Fit({ width, height, children }: { width: number | 'fit'; height: number; children: React.ReactElement }) {
  return width === 'fit' ? <ResponsiveContainer width="100%" height={height}>{children}</ResponsiveContainer> : children;
}
