// One indicator's chart as a small multiple of the COPIL dashboard: the same picture as IndicatorChart (the same
// model: ticks, series, legend, colours; the same margins and axes), drawn with recharts' shapes (Surface, Layer,
// Curve, Dot) on the contrat's own scales instead of a LineChart. A LineChart keeps a redux store per chart and
// registers every axis, line and reference line in it: mounting the four charts of the dashboard's first screen cost
// 400–570 ms in a fresh window, against 58–67 ms for these shapes (Chromium, this machine); the dashboard scrolls
// through 300 of them and prints them all. The tooltip gives way to each point's native title; the details panel
// keeps the interactive chart. Hidden from screen readers like it: the table beside it says the same.
import { Curve, Dot, Layer, Surface } from 'recharts';
import { CHART_COLORS, CHART_MARGIN, X_AXIS_HEIGHT, chartModel, type ChartData, type ChartPoint } from './chart-model';
import { ChartLegend } from './IndicatorChart';
import { formatFrenchDate, formatValue, frenchNumber } from './util';

/** recharts' axis defaults: a tick's mark and the gap between it and its label. */
const TICK_SIZE = 6;
const TICK_MARGIN = 2;
const AXIS = '#3a3a3a';

export function SmallChart({ data, width, height, label }: { data: ChartData; width: number; height: number; label: string }) {
  const m = chartModel(data, width);
  if (!m) return <p className="chart-empty">Aucune mesure : le graphique s’affichera avec la première.</p>;
  const { xs, ys } = m;
  const left = CHART_MARGIN.left + m.yWidth;
  const right = width - CHART_MARGIN.right;
  const top = CHART_MARGIN.top;
  const bottom = height - CHART_MARGIN.bottom - X_AXIS_HEIGHT;
  const X = (x: number) => left + ((x - xs.min) / (xs.max - xs.min || 1)) * (right - left);
  const Y = (v: number) => bottom - ((v - ys.min) / (ys.max - ys.min || 1)) * (bottom - top);
  const series = (points: ChartPoint[], name: string, color: string, lineWidth: number, dash: string | undefined, cls: string) => (
    <Layer className={`small-chart-${cls}`}>
      {points.length > 1 && (
        <Curve className={`line-${cls}`} type="linear" points={points.map((p) => ({ x: X(p.x), y: Y(p.value) }))} stroke={color} strokeWidth={lineWidth} strokeDasharray={dash} fill="none" />
      )}
      {points.map((p, i) => (
        <g key={i}>
          <title>{`${formatFrenchDate(p.date)} · ${name} : ${formatValue(p.value, data.unit)}`}</title>
          <Dot className={`dot-${cls}`} cx={X(p.x)} cy={Y(p.value)} r={4} fill="#fff" stroke={color} strokeWidth={lineWidth} />
        </g>
      ))}
    </Layer>
  );
  return (
    <div className="indicator-chart small-chart" data-chart-label={label}>
      <div aria-hidden="true">
        <Surface width={width} height={height}>
          <Layer className="small-chart-grid">
            {ys.ticks.map((v) => <line key={`y${v}`} x1={left} x2={right} y1={Y(v)} y2={Y(v)} stroke="#dddddd" />)}
            {xs.ticks.map((t) => <line key={`x${t.value}`} x1={X(t.value)} x2={X(t.value)} y1={top} y2={bottom} stroke="#dddddd" />)}
          </Layer>
          <Layer className="small-chart-y-axis">
            <line x1={left} x2={left} y1={top} y2={bottom} stroke={AXIS} />
            {ys.ticks.map((v) => (
              <g key={v}>
                <line x1={left - TICK_SIZE} x2={left} y1={Y(v)} y2={Y(v)} stroke={AXIS} />
                <text x={left - TICK_SIZE - TICK_MARGIN} y={Y(v)} dy="0.355em" textAnchor="end" fontSize={14} fill={AXIS}>{frenchNumber.format(v)}</text>
              </g>
            ))}
          </Layer>
          <Layer className="small-chart-x-axis">
            <line x1={left} x2={right} y1={bottom} y2={bottom} stroke={AXIS} />
            {xs.ticks.map((t) => (
              <g key={t.value}>
                <line x1={X(t.value)} x2={X(t.value)} y1={bottom} y2={bottom + TICK_SIZE} stroke={AXIS} />
                <text x={X(t.value)} y={bottom + TICK_SIZE + TICK_MARGIN} dy="0.71em" textAnchor="middle" fontSize={14} fill={AXIS}>{t.label}</text>
              </g>
            ))}
          </Layer>
          {data.baselineValue !== null && (
            <line className="small-chart-baseline" x1={left} x2={right} y1={Y(data.baselineValue)} y2={Y(data.baselineValue)} stroke={CHART_COLORS.baseline} strokeDasharray="6 4" />
          )}
          {data.targetValue !== null && (
            <line className="small-chart-target" x1={left} x2={right} y1={Y(data.targetValue)} y2={Y(data.targetValue)} stroke={CHART_COLORS.target} strokeWidth={2} strokeDasharray="2 3" />
          )}
          {data.targetValue !== null && data.targetDate && (
            <Dot className="small-chart-target-dot" cx={X(xs.position(data.targetDate))} cy={Y(data.targetValue)} r={6} fill={CHART_COLORS.target} stroke="#fff" />
          )}
          {series(m.qpv, 'QPV', CHART_COLORS.qpv, 3, undefined, 'qpv')}
          {series(m.ref, m.refName, CHART_COLORS.ref, 2, '5 3', 'ref')}
        </Surface>
      </div>
      <ChartLegend entries={m.legend} label={label} />
    </div>
  );
}
