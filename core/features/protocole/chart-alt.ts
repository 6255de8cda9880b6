// A chart's alternative text (issue 16): what the chart shows, in words, for the PDF's Figure tag and the DOCX
// image's description: screen readers read it instead of the drawing. Pure.
import { formatFrenchDate } from '../../domain/french-dates';
import type { ChartModel } from './model-types';

const num = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const value = (v: number, unit: string) => `${num.format(v).replace(/\u00a0/g, ' ')}${unit === '%' ? ' %' : unit && unit !== 'nombre' ? ` ${unit}` : ''}`;

export function chartAlt(c: ChartModel): string {
  const parts = [`Graphique de l’indicateur « ${c.title} »${c.unit ? ` (${c.unit})` : ''}.`];
  const pts = [...c.points].sort((a, b) => a.date.localeCompare(b.date));
  if (pts.length === 0) parts.push('Aucune mesure saisie.');
  else {
    const first = pts[0];
    const last = pts[pts.length - 1];
    parts.push(pts.length === 1
      ? `Une mesure dans les QPV : ${value(last.value, c.unit)} (${formatFrenchDate(last.date)}).`
      : `${pts.length} mesures dans les QPV, de ${value(first.value, c.unit)} (${formatFrenchDate(first.date)}) à ${value(last.value, c.unit)} (${formatFrenchDate(last.date)}).`);
  }
  const ref = [...c.reference].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  if (ref) parts.push(`Territoire de référence : ${value(ref.value, c.unit)} (${formatFrenchDate(ref.date)}).`);
  if (c.baseline) parts.push(`Situation de référence : ${value(c.baseline.value, c.unit)}${c.baseline.date ? ` (${formatFrenchDate(c.baseline.date)})` : ''}.`);
  if (c.target) parts.push(`Cible : ${value(c.target.value, c.unit)}${c.target.date ? ` (${formatFrenchDate(c.target.date)})` : ''}.`);
  return parts.join(' ').slice(0, 2000);
}
