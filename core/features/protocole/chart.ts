// One indicator's chart (note de COPIL) as geometry, then as SVG (turned into a PNG for the DOCX) — the PDF draws the
// same geometry with pdfkit's vector operators (pdf-chart.ts). A line for the QPV's measurements, a dashed line for
// the reference territory, the baseline and the target as horizontal rules.
import type { ChartModel } from './model-types';
import { formatNumber } from './model';

export interface ChartGeometry {
  plot: { x: number; y: number; w: number; h: number };
  yTicks: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
  series: { x: number; y: number }[];
  reference: { x: number; y: number }[];
  /** y of the baseline and target rules; x of their markers when dated. */
  baseline?: number;
  target?: number;
  baselinePoint?: { x: number; y: number };
  targetPoint?: { x: number; y: number };
  empty: boolean;
}

function time(date: string): number {
  const [y, m = '06', d = '15'] = date.split('-');
  return Date.UTC(+y, +m - 1, +d);
}

export function chartGeometry(c: ChartModel, width: number, height: number): ChartGeometry {
  const plot = { x: 44, y: 22, w: width - 56, h: height - 44 };
  const all = [...c.points, ...c.reference];
  const values = [...all.map((p) => p.value), ...(c.baseline ? [c.baseline.value] : []), ...(c.target ? [c.target.value] : [])];
  if (all.length === 0 && values.length === 0) return { plot, yTicks: [], xLabels: [], series: [], reference: [], empty: true };
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const span = hi - lo;
  lo -= span * 0.1;
  hi += span * 0.1;
  const times = [...all.map((p) => p.date), c.baseline?.date, c.target?.date].filter((d): d is string => !!d).map(time);
  let t0 = times.length ? Math.min(...times) : 0;
  let t1 = times.length ? Math.max(...times) : 1;
  if (t0 === t1) {
    t0 -= 1;
    t1 += 1;
  }
  const X = (t: number) => plot.x + ((t - t0) / (t1 - t0)) * plot.w;
  const Y = (v: number) => plot.y + plot.h - ((v - lo) / (hi - lo)) * plot.h;
  const yTicks = [0, 0.5, 1].map((f) => ({ y: Y(lo + f * (hi - lo)), label: formatNumber(Number((lo + f * (hi - lo)).toPrecision(3))) }));
  const dates = [...new Set([...all.map((p) => p.date), c.baseline?.date, c.target?.date].filter((d): d is string => !!d))].sort();
  const xLabels = (dates.length > 6 ? [dates[0], dates[Math.floor(dates.length / 2)], dates[dates.length - 1]] : dates).map((d) => ({ x: X(time(d)), label: d.slice(0, 7) }));
  const pts = (list: { date: string; value: number }[]) => [...list].sort((a, b) => time(a.date) - time(b.date)).map((p) => ({ x: X(time(p.date)), y: Y(p.value) }));
  return {
    plot, yTicks, xLabels,
    series: pts(c.points),
    reference: pts(c.reference),
    ...(c.baseline ? { baseline: Y(c.baseline.value) } : {}),
    ...(c.target ? { target: Y(c.target.value) } : {}),
    ...(c.baseline?.date ? { baselinePoint: { x: X(time(c.baseline.date)), y: Y(c.baseline.value) } } : {}),
    ...(c.target?.date ? { targetPoint: { x: X(time(c.target.date)), y: Y(c.target.value) } } : {}),
    empty: false,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The chart as a standalone SVG (fonts: the renderer's own, given to resvg). */
export function chartSvg(c: ChartModel, width = 480, height = 200): string {
  const g = chartGeometry(c, width, height);
  const { plot } = g;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Source Sans 3" font-size="10">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${plot.x}" y="13" font-size="11" font-weight="600" fill="#1a1a1a">${esc(c.title.slice(0, 90))}${c.unit ? ` (${esc(c.unit)})` : ''}</text>`,
    `<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#bbbbbb" stroke-width="0.8"/>`,
  ];
  if (g.empty) parts.push(`<text x="${plot.x + 8}" y="${plot.y + plot.h / 2}" fill="#555555">Aucune mesure saisie</text>`);
  for (const t of g.yTicks) parts.push(`<text x="${plot.x - 4}" y="${t.y + 3}" text-anchor="end" fill="#555555">${esc(t.label)}</text>`);
  for (const t of g.xLabels) parts.push(`<text x="${t.x}" y="${plot.y + plot.h + 13}" text-anchor="middle" fill="#555555">${esc(t.label)}</text>`);
  const line = (y: number, color: string) => `<line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="1" stroke-dasharray="2 3"/>`;
  if (g.baseline !== undefined) parts.push(line(g.baseline, '#888888'));
  if (g.target !== undefined) parts.push(line(g.target, '#2e7d32'));
  const poly = (pts: { x: number; y: number }[], color: string, dash: string) =>
    pts.length ? `<polyline points="${pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>` + pts.map((p) => `<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="2.5" fill="${color}"/>`).join('') : '';
  parts.push(poly(g.reference, '#9e6a00', ' stroke-dasharray="5 3"'), poly(g.series, '#1f4e79', ''));
  const marker = (pt: { x: number; y: number } | undefined, color: string) => (pt ? `<rect x="${(pt.x - 4).toFixed(1)}" y="${(pt.y - 4).toFixed(1)}" width="8" height="8" fill="#ffffff" stroke="${color}" stroke-width="1.5"/>` : '');
  parts.push(marker(g.baselinePoint, '#888888'), marker(g.targetPoint, '#2e7d32'));
  parts.push('</svg>');
  return parts.join('');
}
