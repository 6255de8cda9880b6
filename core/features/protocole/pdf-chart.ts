// An indicator's chart drawn with pdfkit's vector operators: the same geometry as the DOCX's image (chart.ts), its
// round ticks, French dates and a legend naming every thing drawn.
import { CHART_COLORS, chartGeometry } from './chart';
import type { ChartModel } from './model-types';

export function drawChart(d: PDFKit.PDFDocument, c: ChartModel, x0: number, y0: number, width: number, height: number, t: (s: string) => string): void {
  const fs = 7;
  const g = chartGeometry(c, width, height, fs);
  const X = (x: number) => x0 + x;
  const Y = (y: number) => y0 + y;
  const { plot } = g;
  d.font('semibold').fontSize(9.5).fillColor('#1a1a1a').text(t(`${c.title}${c.unit ? ` (${c.unit})` : ''}`), X(plot.x), Y(2), { width: plot.w, height: 14, ellipsis: true, lineBreak: false });
  for (const tk of g.yTicks) d.lineWidth(0.5).strokeColor('#e4e4e4').moveTo(X(plot.x), Y(tk.y)).lineTo(X(plot.x + plot.w), Y(tk.y)).stroke();
  d.lineWidth(0.6).strokeColor('#bbbbbb').rect(X(plot.x), Y(plot.y), plot.w, plot.h).stroke();
  d.font('regular').fontSize(fs).fillColor('#555555');
  if (g.empty) d.text('Aucune mesure saisie', X(plot.x + 8), Y(plot.y + plot.h / 2 - 4), { lineBreak: false });
  for (const tk of g.yTicks) d.text(t(tk.label), X(0), Y(tk.y - 3.5), { width: plot.x - 4, align: 'right', lineBreak: false });
  for (const tk of g.xLabels) d.text(t(tk.label), X(tk.x - 30), Y(plot.y + plot.h + 3), { width: 60, align: 'center', lineBreak: false });
  const rule = (y: number, color: string) => d.lineWidth(0.9).strokeColor(color).dash(2, { space: 3 }).moveTo(X(plot.x), Y(y)).lineTo(X(plot.x + plot.w), Y(y)).stroke().undash();
  if (g.baseline !== undefined) rule(g.baseline, CHART_COLORS.baseline);
  if (g.target !== undefined) rule(g.target, CHART_COLORS.target);
  const poly = (pts: { x: number; y: number }[], color: string, dashed: boolean) => {
    if (!pts.length) return;
    d.lineWidth(1.6).strokeColor(color);
    if (dashed) d.dash(4, { space: 3 });
    d.moveTo(X(pts[0].x), Y(pts[0].y));
    for (const p of pts.slice(1)) d.lineTo(X(p.x), Y(p.y));
    d.stroke();
    if (dashed) d.undash();
    for (const p of pts) d.circle(X(p.x), Y(p.y), 2).fill(color);
  };
  poly(g.reference, CHART_COLORS.reference, true);
  poly(g.series, CHART_COLORS.qpv, false);
  const square = (x: number, y: number, color: string) => d.lineWidth(1.2).undash().rect(x - 3.5, y - 3.5, 7, 7).fillAndStroke('#ffffff', color);
  if (g.baselinePoint) square(X(g.baselinePoint.x), Y(g.baselinePoint.y), CHART_COLORS.baseline);
  if (g.targetPoint) square(X(g.targetPoint.x), Y(g.targetPoint.y), CHART_COLORS.target);
  // Legend: one entry per thing drawn.
  for (const l of g.legend) {
    const y = Y(g.legendY - fs * 0.35);
    d.lineWidth(l.mark === 'line' || l.mark === 'dashed' ? 1.6 : 0.9).strokeColor(l.color);
    if (l.mark !== 'line') d.dash(l.mark === 'dashed' ? 4 : 2, { space: 3 });
    d.moveTo(X(l.x), y).lineTo(X(l.x + 14), y).stroke().undash();
    if (l.mark === 'square') square(X(l.x + 7), y, l.color);
    d.font('regular').fontSize(fs).fillColor('#333333').text(t(l.label), X(l.x + 18), Y(g.legendY - fs), { lineBreak: false });
  }
}
