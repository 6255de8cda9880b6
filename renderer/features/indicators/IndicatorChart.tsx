// One indicator's measurements over time, interactive (the details panel; the dashboard draws the same model as small
// multiples, SmallChart.tsx): the QPV line and the comparison territory's line (or point), the baseline
// and the target drawn as reference lines, readable on a projector: round ticks, a % axis from 0 to 100 unless the
// data leave it, years or French months (core/domain/chart-scale.ts, the printed note's scales too), a legend naming
// every thing drawn, nothing cut (chart-model.ts). The chart is hidden from screen readers: the table beside it says
// the same; the legend is text.
import { CartesianGrid, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_COLORS as COLORS, CHART_MARGIN, X_AXIS_HEIGHT, chartModel, type ChartData, type LegendEntry } from './chart-model';
import { formatFrenchDate, formatValue, frenchNumber } from './util';

export type { ChartData };

/** `width` in pixels, or 'fit' to take the width of its container (the details panel is narrower at 1024×768). */
export function IndicatorChart({ data, width, height, label }: { data: ChartData; width: number | 'fit'; height: number; label: string }) {
  const m = chartModel(data, width);
  if (!m) return <p className="chart-empty">Aucune mesure : le graphique s’affichera avec la première.</p>;
  const { xs, ys, yWidth, refName } = m;
  const points = [...m.qpv.map((p) => ({ x: p.x, qpv: p.value, date: p.date })), ...m.ref.map((p) => ({ x: p.x, ref: p.value, date: p.date }))].sort((a, b) => a.x - b.x);
  const labels = new Map(xs.ticks.map((t) => [t.value, t.label]));
  return (
    <div className="indicator-chart" data-chart-label={label}>
      <div aria-hidden="true">
        <Fit width={width} height={height}>
          <LineChart accessibilityLayer={false} width={width === 'fit' ? undefined : width} height={height} data={points} margin={CHART_MARGIN}>
            <CartesianGrid stroke="#dddddd" />
            <XAxis
              height={X_AXIS_HEIGHT}
              dataKey="x" type="number" domain={[xs.min, xs.max]} ticks={xs.ticks.map((t) => t.value)} interval={0}
              tickFormatter={(v: number) => labels.get(v) ?? ''} stroke="#3a3a3a" fontSize={14} allowDataOverflow
            />
            <YAxis domain={[ys.min, ys.max]} ticks={ys.ticks} interval={0} tickFormatter={(v: number) => frenchNumber.format(v)} stroke="#3a3a3a" fontSize={14} width={yWidth} allowDataOverflow />
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
      <ChartLegend entries={m.legend} label={label} />
    </div>
  );
}

function Fit({ width, height, children }: { width: number | 'fit'; height: number; children: React.ReactElement }) {
  return width === 'fit' ? <ResponsiveContainer width="100%" height={height}>{children}</ResponsiveContainer> : children;
}

/** The legend, as text: every thing drawn, named (the small multiples' too). */
export function ChartLegend({ entries, label }: { entries: readonly LegendEntry[]; label: string }) {
  return (
    <ul className="chart-legend" aria-label={`Légende du graphique « ${label} »`}>
      {entries.map((l) => (
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
  );
}
