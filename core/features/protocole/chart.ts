// One indicator's chart (note de COPIL) as geometry, then as SVG (turned into a PNG for the DOCX) — the PDF draws the
// same geometry with pdfkit's vector operators (pdf-chart.ts). A line for the QPV's measurements, a dashed line for
// the reference territory, the baseline and the target as horizontal rules.
import type { ChartModel } from './model-types';
import { formatNumber } from './model';
import { timeScale, valueScale } from '../../domain/chart-scale';

export interface LegendItem { label: string; color: string; mark: 'line' | 'dashed' | 'rule' | 'square'; x: number }

export interface ChartGeometry {
  plot: { x: number; y: number; w: number; h: number };
  yTicks: { y: number; label: string; value: number }[];
  xLabels: { x: number; label: string }[];
  series: { x: number; y: number }[];
  reference: { x: number; y: number }[];
  /** y of the baseline and target rules; x of their markers when dated. */
  baseline?: number;
  target?: number;
  baselinePoint?: { x: number; y: number };
  targetPoint?: { x: number; y: number };
  /** One entry per thing drawn, on one row under the x labels (y: its baseline). */
  legend: LegendItem[];
  legendY: number;
  empty: boolean;
}

export const CHART_COLORS = { qpv: '#1f4e79', reference: '#9e6a00', baseline: '#666666', target: '#2e7d32' } as const;

/** Approximate width of a label at `size` (Source Sans: about half an em per character). */
const textWidth = (s: string, size: number) => s.length * size * 0.5;

export function chartGeometry(c: ChartModel, width: number, height: number, fontSize = 8): ChartGeometry {
  const all = [...c.points, ...c.reference];
  const values = [...all.map((p) => p.value), ...(c.baseline ? [c.baseline.value] : []), ...(c.target ? [c.target.value] : [])];
  const ys = valueScale(values, { percent: c.unit.trim() === '%' });
  // The y labels' column as wide as its longest label: nothing cut.
  const left = Math.max(28, Math.ceil(Math.max(...ys.ticks.map((v) => textWidth(formatNumber(v), fontSize) * 1.15))) + 8);
  const plot = { x: left, y: 22, w: width - left - 14, h: height - 22 - fontSize * 4.2 };
  const legendY = height - fontSize * 0.6;
  const legend: LegendItem[] = [];
  let lx = plot.x;
  const entry = (label: string, color: string, mark: LegendItem['mark']) => {
    legend.push({ label, color, mark, x: lx });
    lx += 18 + textWidth(label, fontSize) + 12;
  };
  if (c.points.length) entry('QPV', CHART_COLORS.qpv, 'line');
  if (c.reference.length) entry(c.reference.length === 1 ? 'Territoire de comparaison (point)' : 'Territoire de comparaison', CHART_COLORS.reference, 'dashed');
  if (c.baseline) entry('Départ', CHART_COLORS.baseline, c.baseline.date ? 'square' : 'rule');
  if (c.target) entry('Cible', CHART_COLORS.target, c.target.date ? 'square' : 'rule');
  if (all.length === 0 && values.length === 0) return { plot, yTicks: [], xLabels: [], series: [], reference: [], legend, legendY, empty: true };
  const dates = [...all.map((p) => p.date), c.baseline?.date, c.target?.date].filter((d): d is string => !!d);
  const xs = timeScale(dates, Math.max(3, Math.floor(plot.w / 70)));
  const inset = 8; // the first and last points' markers stay inside the frame
  const X = (iso: string) => plot.x + inset + ((xs.position(iso) - xs.min) / (xs.max - xs.min || 1)) * (plot.w - 2 * inset);
  const Y = (v: number) => plot.y + plot.h - ((v - ys.min) / (ys.max - ys.min || 1)) * plot.h;
  const yTicks = ys.ticks.map((v) => ({ y: Y(v), value: v, label: formatNumber(v) }));
  const xLabels = xs.ticks.map((t) => ({ x: plot.x + inset + ((t.value - xs.min) / (xs.max - xs.min || 1)) * (plot.w - 2 * inset), label: t.label }));
  const pts = (list: { date: string; value: number }[]) => [...list].sort((a, b) => xs.position(a.date) - xs.position(b.date)).map((p) => ({ x: X(p.date), y: Y(p.value) }));
  return {
    plot, yTicks, xLabels, legend, legendY,
    series: pts(c.points),
    reference: pts(c.reference),
    ...(c.baseline ? { baseline: Y(c.baseline.value) } : {}),
    ...(c.target ? { target: Y(c.target.value) } : {}),
    ...(c.baseline?.date ? { baselinePoint: { x: X(c.baseline.date), y: Y(c.baseline.value) } } : {}),
    ...(c.target?.date ? { targetPoint: { x: X(c.target.date), y: Y(c.target.value) } } : {}),
    empty: false,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The chart as a standalone SVG (fonts: the renderer's own, given to resvg). */
export function chartSvg(c: ChartModel, width = 480, height = 200): string {
  const fs = 10;
  const g = chartGeometry(c, width, height, fs);
  const { plot } = g;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Source Sans 3" font-size="${fs}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${plot.x}" y="13" font-size="11" font-weight="600" fill="#1a1a1a">${esc(c.title.slice(0, 90))}${c.unit ? ` (${esc(c.unit)})` : ''}</text>`,
  ];
  for (const t of g.yTicks) parts.push(`<line class="grid" x1="${plot.x}" x2="${plot.x + plot.w}" y1="${t.y.toFixed(1)}" y2="${t.y.toFixed(1)}" stroke="#e4e4e4" stroke-width="0.8"/>`);
  parts.push(`<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#bbbbbb" stroke-width="0.8"/>`);
  if (g.empty) parts.push(`<text x="${plot.x + 8}" y="${plot.y + plot.h / 2}" fill="#555555">Aucune mesure saisie</text>`);
  for (const t of g.yTicks) parts.push(`<text class="y-tick" x="${plot.x - 4}" y="${(t.y + 3).toFixed(1)}" text-anchor="end" fill="#555555">${esc(t.label)}</text>`);
  for (const t of g.xLabels) parts.push(`<text class="x-tick" x="${t.x.toFixed(1)}" y="${plot.y + plot.h + 13}" text-anchor="middle" fill="#555555">${esc(t.label)}</text>`);
  const line = (y: number, color: string) => `<line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${color}" stroke-width="1.2" stroke-dasharray="2 3"/>`;
  if (g.baseline !== undefined) parts.push(line(g.baseline, CHART_COLORS.baseline));
  if (g.target !== undefined) parts.push(line(g.target, CHART_COLORS.target));
  const poly = (pts: { x: number; y: number }[], color: string, dash: string) =>
    pts.length ? `<polyline points="${pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>` + pts.map((p) => `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="2.5" fill="${color}"/>`).join('') : '';
  parts.push(poly(g.reference, CHART_COLORS.reference, ' stroke-dasharray="5 3"'), poly(g.series, CHART_COLORS.qpv, ''));
  const marker = (pt: { x: number; y: number } | undefined, color: string) => (pt ? `<rect x="${(pt.x - 4).toFixed(1)}" y="${(pt.y - 4).toFixed(1)}" width="8" height="8" fill="#ffffff" stroke="${color}" stroke-width="1.5"/>` : '');
  parts.push(marker(g.baselinePoint, CHART_COLORS.baseline), marker(g.targetPoint, CHART_COLORS.target));
  for (const l of g.legend) {
    const y = g.legendY - fs * 0.35;
    const mark =
      l.mark === 'square'
        ? `<line x1="${l.x}" x2="${l.x + 14}" y1="${y}" y2="${y}" stroke="${l.color}" stroke-width="1.2" stroke-dasharray="2 3"/><rect x="${l.x + 3}" y="${y - 4}" width="8" height="8" fill="#ffffff" stroke="${l.color}" stroke-width="1.5"/>`
        : `<line x1="${l.x}" x2="${l.x + 14}" y1="${y}" y2="${y}" stroke="${l.color}" stroke-width="${l.mark === 'rule' ? 1.2 : 2}"${l.mark === 'line' ? '' : l.mark === 'dashed' ? ' stroke-dasharray="5 3"' : ' stroke-dasharray="2 3"'}/>`;
    parts.push(`<g class="legend">${mark}<text x="${l.x + 18}" y="${g.legendY}" fill="#333333">${esc(l.label)}</text></g>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
