// An indicator's chart drawn with pdfkit's vector operators: the same geometry as the DOCX's image (chart.ts).
import { chartGeometry } from './chart';
import type { ChartModel } from './model-types';

export function drawChart(d: PDFKit.PDFDocument, c: ChartModel, x0: number, y0: number, width: number, height: number, t: (s: string) => string): void {
  const g = chartGeometry(c, width, height);
  const X = (x: number) => x0 + x;
  const Y = (y: number) => y0 + y;
  const { plot } = g;
  d.font('semibold').fontSize(9.5).fillColor('#1a1a1a').text(t(`${c.title}${c.unit ? ` (${c.unit})` : ''}`), X(plot.x), Y(2), { width: plot.w, height: 14, ellipsis: true, lineBreak: false });
  d.lineWidth(0.6).strokeColor('#bbbbbb').rect(X(plot.x), Y(plot.y), plot.w, plot.h).stroke();
  d.font('regular').fontSize(7).fillColor('#555555');
  if (g.empty) d.text('Aucune mesure saisie', X(plot.x + 8), Y(plot.y + plot.h / 2 - 4), { lineBreak: false });
  for (const tk of g.yTicks) d.text(tk.label, X(0), Y(tk.y - 4), { width: plot.x - 4, align: 'right', lineBreak: false });
  for (const tk of g.xLabels) d.text(tk.label, X(tk.x - 20), Y(plot.y + plot.h + 4), { width: 40, align: 'center', lineBreak: false });
  const rule = (y: number, color: string) => d.lineWidth(0.8).strokeColor(color).dash(2, { space: 3 }).moveTo(X(plot.x), Y(y)).lineTo(X(plot.x + plot.w), Y(y)).stroke().undash();
  if (g.baseline !== undefined) rule(g.baseline, '#888888');
  if (g.target !== undefined) rule(g.target, '#2e7d32');
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
  poly(g.reference, '#9e6a00', true);
  poly(g.series, '#1f4e79', false);
  for (const [pt, color] of [[g.baselinePoint, '#888888'], [g.targetPoint, '#2e7d32']] as const) {
    if (pt) d.lineWidth(1.2).strokeColor(color).rect(X(pt.x) - 3.5, Y(pt.y) - 3.5, 7, 7).stroke();
  }
  // Legend.
  d.font('regular').fontSize(7).fillColor('#555555').text(
    t('Trait plein : QPV ; tirets : territoire de référence ; carré gris : situation de référence ; carré vert : cible'),
    X(plot.x), Y(height - 8), { width: plot.w, lineBreak: false, height: 9, ellipsis: true },
  );
}
