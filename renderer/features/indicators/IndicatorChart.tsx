// One indicator's measurements over time: the QPV line and the comparison territory's line (or point), the baseline
// and the target drawn as reference lines, readable on a projector: round ticks, a % axis from 0 to 100 unless the
// data leave it, years or French months (core/domain/chart-scale.ts, the printed note's scales too), a legend naming
// every thing drawn, nothing cut. The chart is hidden from screen readers: the table beside it says the same; the
// legend is text. Drawn as plain SVG by React (issue 22: recharts mounted a store per chart and drew each part
// several times as it registered, most of the COPIL dashboard's first drawing); a point's value is its tooltip.
import { useLayoutEffect, useState } from 'react';
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

const COLORS = { qpv: '#000091', ref: '#ce0500', baseline: '#595959', target: '#18753c', grid: '#dddddd', axis: '#3a3a3a' };
const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const FONT = 14;
const MARGIN = { top: 12, right: 30, bottom: 4, left: 4 };
/** The x axis under the plot: its tick marks and one line of labels. */
const X_AXIS = 30;

/** `width` in pixels, or 'fit' to take the width of its container (the details panel is narrower at 1024×768). */
export function IndicatorChart({ data, width, height, label }: { data: ChartData; width: number | 'fit'; height: number; label: string }) {
  // The drawing's box (absent while there is no measurement: observed once it is there).
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const [fitted, setFitted] = useState(260);
  useLayoutEffect(() => {
    const el = box;
    if (width !== 'fit' || !el) return;
    const measure = () => setFitted(Math.max(160, Math.floor(el.clientWidth)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [width, box]);
  const w = width === 'fit' ? fitted : width;
  const dates = data.measurements.map((m) => m.date);
  if (data.baselineDate) dates.push(data.baselineDate);
  if (data.targetDate) dates.push(data.targetDate);
  // As many ticks as their labels fit: a year takes about 55 px at 14 px, a month (« janv. 2025 ») about 95.
  const room = w - 60;
  let xs = timeScale(dates, Math.max(2, Math.floor(room / 55)));
  if (xs.ticks.some((t) => t.label.includes(' '))) xs = timeScale(dates, Math.max(2, Math.floor(room / 95)));
  const qpv = data.measurements.filter((m) => m.scope === 'qpv').map((m) => ({ x: xs.position(m.date), v: m.value, date: m.date })).sort((a, b) => a.x - b.x);
  const ref = data.measurements.filter((m) => m.scope === 'reference').map((m) => ({ x: xs.position(m.date), v: m.value, date: m.date })).sort((a, b) => a.x - b.x);
  const refName = data.referenceLabel || 'Territoire de comparaison';
  if (qpv.length + ref.length === 0) {
    return <p className="chart-empty">Aucune mesure : le graphique s’affichera avec la première.</p>;
  }
  const ys = valueScale(
    [...qpv.map((p) => p.v), ...ref.map((p) => p.v), ...(data.baselineValue !== null ? [data.baselineValue] : []), ...(data.targetValue !== null ? [data.targetValue] : [])],
    { percent: data.unit === '%' },
  );
  const yWidth = Math.max(36, 12 + Math.max(...ys.ticks.map((v) => number.format(v).length)) * 8.5);
  const plot = { x0: MARGIN.left + yWidth, x1: w - MARGIN.right, y0: MARGIN.top, y1: height - MARGIN.bottom - X_AXIS };
  const sx = (x: number) => plot.x0 + (xs.max === xs.min ? 0.5 : (x - xs.min) / (xs.max - xs.min)) * (plot.x1 - plot.x0);
  const sy = (v: number) => plot.y1 - (ys.max === ys.min ? 0.5 : (v - ys.min) / (ys.max - ys.min)) * (plot.y1 - plot.y0);
  const path = (pts: { x: number; v: number }[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.v).toFixed(1)}`).join('');
  const tip = (p: { v: number; date: string }, what: string) => `${formatFrenchDate(p.date)} : ${formatValue(p.v, data.unit)} (${what})`;
  const legend: { name: string; color: string; mark: 'line' | 'dashed' | 'dot' | 'rule' | 'target' }[] = [];
  if (qpv.length) legend.push({ name: 'QPV', color: COLORS.qpv, mark: 'line' });
  if (ref.length) legend.push({ name: refName, color: COLORS.ref, mark: ref.length === 1 ? 'dot' : 'dashed' });
  if (data.baselineValue !== null) legend.push({ name: 'Départ', color: COLORS.baseline, mark: 'rule' });
  if (data.targetValue !== null) legend.push({ name: 'Cible', color: COLORS.target, mark: 'target' });
  return (
    <div className="indicator-chart" data-chart-label={label}>
      <div aria-hidden="true" ref={setBox}>
        <svg className="chart-svg" width={w} height={height} viewBox={`0 0 ${w} ${height}`} fontSize={FONT} focusable="false">
          <g className="chart-grid" stroke={COLORS.grid}>
            {ys.ticks.map((v) => <line key={`y${v}`} x1={plot.x0} x2={plot.x1} y1={sy(v)} y2={sy(v)} />)}
            {xs.ticks.map((t) => <line key={`x${t.value}`} x1={sx(t.value)} x2={sx(t.value)} y1={plot.y0} y2={plot.y1} />)}
          </g>
          <g className="chart-y-ticks" fill={COLORS.axis}>
            <line x1={plot.x0} x2={plot.x0} y1={plot.y0} y2={plot.y1} stroke={COLORS.axis} />
            {ys.ticks.map((v) => (
              <g key={v}>
                <line x1={plot.x0 - 6} x2={plot.x0} y1={sy(v)} y2={sy(v)} stroke={COLORS.axis} />
                <text x={plot.x0 - 9} y={sy(v)} dy="0.35em" textAnchor="end">{number.format(v)}</text>
              </g>
            ))}
          </g>
          <g className="chart-x-ticks" fill={COLORS.axis}>
            <line x1={plot.x0} x2={plot.x1} y1={plot.y1} y2={plot.y1} stroke={COLORS.axis} />
            {xs.ticks.map((t) => (
              <g key={t.value}>
                <line x1={sx(t.value)} x2={sx(t.value)} y1={plot.y1} y2={plot.y1 + 6} stroke={COLORS.axis} />
                <text x={sx(t.value)} y={plot.y1 + 8} dy="0.9em" textAnchor="middle">{t.label}</text>
              </g>
            ))}
          </g>
          {data.baselineValue !== null && <line x1={plot.x0} x2={plot.x1} y1={sy(data.baselineValue)} y2={sy(data.baselineValue)} stroke={COLORS.baseline} strokeDasharray="6 4" />}
          {data.targetValue !== null && <line x1={plot.x0} x2={plot.x1} y1={sy(data.targetValue)} y2={sy(data.targetValue)} stroke={COLORS.target} strokeWidth={2} strokeDasharray="2 3" />}
          {ref.length > 1 && <path className="line-ref" d={path(ref)} fill="none" stroke={COLORS.ref} strokeWidth={2} strokeDasharray="5 3" />}
          {qpv.length > 1 && <path className="line-qpv" d={path(qpv)} fill="none" stroke={COLORS.qpv} strokeWidth={3} />}
          {ref.map((p, i) => (
            <circle key={`r${i}`} className="dot-ref" cx={sx(p.x)} cy={sy(p.v)} r={4} fill="#fff" stroke={COLORS.ref} strokeWidth={2}>
              <title>{tip(p, refName)}</title>
            </circle>
          ))}
          {qpv.map((p, i) => (
            <circle key={`q${i}`} className="dot-qpv" cx={sx(p.x)} cy={sy(p.v)} r={4} fill="#fff" stroke={COLORS.qpv} strokeWidth={3}>
              <title>{tip(p, 'QPV')}</title>
            </circle>
          ))}
          {data.targetValue !== null && data.targetDate && (
            <circle className="dot-target" cx={sx(xs.position(data.targetDate))} cy={sy(data.targetValue)} r={6} fill={COLORS.target} stroke="#fff" />
          )}
        </svg>
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
