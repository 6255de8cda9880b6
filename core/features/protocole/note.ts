// The note de COPIL as a document model: each indicator with its chart and its status (the dashboard's one rule,
// indicatorStatus), the late commitments, the changes since the last COPIL (measurements and commitment statuses by
// their dates; then each item's net change since the COPIL's moment, one line per item, read by the caller with
// readNetChanges), the next deadlines. Built from the interchange document like the protocole.
import type { TrameDocument } from '../../domain/format-types';
import { formatFrenchDate, lastDayOf } from '../../domain/french-dates';
import { daysLate } from '../../domain/commitments';
import { COMMITMENT_STATUS_LABELS } from '../../domain/partners';
import { asDocRead, type IndicatorRead } from './doc-read';
import { datedText, formatNumber, isDropped, longFrenchDate } from './model';
import type { Block, ChartModel, DocumentModel } from './model-types';
import { cleanText } from './text';
import type { TreeNodeDoc } from '../../domain/format-types';
import { indicatorStatus, STATUS_LABELS, type NetChanges, type StatusInput } from '../indicators';

export interface NoteOptions {
  /** ISO day the note is made. */
  date: string;
  /** ISO date: the changes since then (by default the last COPIL's date). */
  since?: string;
  /** Each item's net change since the moment (readNetChanges). */
  changes: Pick<NetChanges, 'items' | 'at'>;
  footerText?: string;
}

const p = (text: string, tone?: 'muted' | 'small'): Block => ({ kind: 'para', runs: [{ text: cleanText(text) }], ...(tone ? { tone } : {}) });
const h = (level: 1 | 2 | 3, text: string, toc = level <= 2): Block => ({ kind: 'heading', level, text: cleanText(text), toc });

const OPEN = new Set(['propose', 'acte', 'en-cours']);

const FREQUENCY = new Set(['annuelle', 'semestrielle', 'trimestrielle', 'mensuelle']);

/** The indicator's status on `today` by the dashboard's rule, with its reason: « En retard — Dernière mesure … ». */
export function statusText(i: IndicatorRead | undefined, today: string): string {
  const input: StatusInput = {
    direction: i?.direction === 'hausse' || i?.direction === 'baisse' ? i.direction : null,
    baselineValue: i?.baseline?.value ?? null,
    baselineDate: i?.baseline?.date ?? null,
    targetValue: i?.target?.value ?? null,
    targetDate: i?.target?.date ?? null,
    frequency: i?.frequency && FREQUENCY.has(i.frequency) ? (i.frequency as StatusInput['frequency']) : null,
    measurements: (i?.measurements ?? []).map((m) => ({ date: m.date, value: m.value, scope: m.scope ?? 'qpv' })),
  };
  const s = indicatorStatus(input, today);
  const last = s.latest && !s.reason.startsWith('Dernière mesure') ? ` Dernière mesure : ${datedText({ value: s.latest.value, date: s.latest.date }, i?.unit)}.` : '';
  return `Statut : ${STATUS_LABELS[s.status]} — ${s.reason}${last}`;
}

function keptIndicators(tree: TreeNodeDoc[]): TreeNodeDoc[] {
  const out: TreeNodeDoc[] = [];
  const walk = (nodes: TreeNodeDoc[]) => {
    for (const n of nodes) {
      if (isDropped(n)) continue;
      if (n.kind === 'indicateur') out.push(n);
      if (n.children) walk(n.children);
    }
  };
  walk(tree);
  return out;
}

export function lastCopilDate(source: TrameDocument): string | undefined {
  const copils = asDocRead(source).copils ?? [];
  return copils.map((k) => k.date).sort().at(-1);
}

export function buildNote(source: TrameDocument, options: NoteOptions): DocumentModel {
  const doc = asDocRead(source);
  const since = options.since ?? lastCopilDate(source);
  const isCopil = since !== undefined && (doc.copils ?? []).some((k) => k.date === since);
  const at = options.changes.at ? new Date(options.changes.at) : null;
  const atText = at ? ` à ${at.getHours()} h ${String(at.getMinutes()).padStart(2, '0')}` : '';
  const sinceText = since ? `${isCopil ? 'le COPIL du' : 'le'} ${formatFrenchDate(since)}${atText}` : 'le début du contrat';
  const blocks: Block[] = [];
  const partners = new Map((doc.partners ?? []).map((pt) => [pt.id, pt.name]));
  const commitments = doc.commitments ?? [];

  blocks.push(h(1, 'Indicateurs'));
  const indicators = keptIndicators(doc.tree);
  if (indicators.length === 0) blocks.push(p('Aucun indicateur de suivi n’est retenu.', 'muted'));
  for (const n of indicators) {
    const i = n.indicator as IndicatorRead | undefined;
    const ms = i?.measurements ?? [];
    const chart: ChartModel = {
      title: cleanText(n.title),
      unit: cleanText(i?.unit ?? ''),
      points: ms.filter((m) => (m.scope ?? 'qpv') === 'qpv').map((m) => ({ date: m.date, value: m.value })),
      reference: ms.filter((m) => m.scope === 'reference').map((m) => ({ date: m.date, value: m.value })),
      ...(i?.baseline ? { baseline: i.baseline } : {}),
      ...(i?.target ? { target: i.target } : {}),
    };
    blocks.push(h(2, n.title));
    blocks.push(p(`${statusText(i, options.date)} Référence : ${datedText(i?.baseline, i?.unit)} ; cible : ${datedText(i?.target, i?.unit)}${i?.source ? ` ; source : ${i.source}` : ''}.`, 'small'));
    blocks.push({ kind: 'chart', chart });
  }

  blocks.push({ kind: 'pageBreak' }, h(1, 'Engagements en retard'));
  // The same rule as the « Engagements » screen (core/domain/commitments.ts): deadline passed (a year or a month
  // counts to its last day), neither kept nor given up; the latest first.
  const late = commitments
    .map((c) => ({ c, days: daysLate({ due: c.due ?? null, status: c.status ?? null }, options.date) }))
    .filter((x): x is { c: (typeof commitments)[number]; days: number } => x.days !== null)
    .sort((a, b) => b.days - a.days)
    .map((x) => x.c);
  if (late.length === 0) blocks.push(p(`Aucun engagement en retard au ${formatFrenchDate(options.date)}.`, 'muted'));
  else {
    blocks.push({
      kind: 'table',
      header: ['Partenaire', 'Engagement', 'Échéance', 'Statut'],
      rows: late.map((c) => [partners.get(c.partner) ?? c.partner, c.text, formatFrenchDate(c.due), c.status ? COMMITMENT_STATUS_LABELS[c.status] : 'Non renseigné'].map(cleanText)),
      widths: [2, 4, 1, 1],
    });
  }

  blocks.push(h(1, `Changements depuis ${sinceText}`));
  blocks.push(h(2, 'Éléments modifiés'));
  blocks.push(p('Pour chaque élément, ce qui a changé entre le COPIL et aujourd’hui : le résultat, sans les étapes intermédiaires ni ce qui a été annulé.', 'small'));
  const items = options.changes.items;
  if (items.length === 0) blocks.push(p('Aucun élément modifié sur cette période.', 'muted'));
  else blocks.push({ kind: 'table', header: ['Élément', 'Changement'], rows: items.map((it) => [`${it.kind} « ${it.title} »`, `${it.changes.join(' ; ')}.`].map(cleanText)), widths: [2, 3] });
  // Measurements by the date they measure (a 2024 figure entered after the COPIL counts in « Éléments modifiés »).
  const fresh = since ?? '0000';
  const measured = indicators.flatMap((n) =>
    (((n.indicator as IndicatorRead | undefined)?.measurements ?? []) as NonNullable<IndicatorRead['measurements']>)
      .filter((m) => m.date >= fresh)
      .map((m) => [formatFrenchDate(m.date), n.title, `Mesure ${m.scope === 'reference' ? 'du territoire de comparaison' : 'QPV'} : ${formatNumber(m.value)}${m.note ? ` (${m.note})` : ''}`]),
  );
  blocks.push(h(2, 'Mesures datées de la période'));
  if (measured.length === 0) blocks.push(p('Aucune mesure datée de cette période.', 'muted'));
  else blocks.push({ kind: 'table', header: ['Date', 'Indicateur', 'Mesure'], rows: measured.map((r) => r.map(cleanText)), widths: [1, 3, 3] });

  blocks.push(h(1, 'Prochaines échéances'));
  const next = commitments
    .filter((c) => c.due && lastDayOf(c.due) >= options.date && (c.status === undefined || OPEN.has(c.status)))
    .sort((a, b) => lastDayOf(a.due!).localeCompare(lastDayOf(b.due!)))
    .slice(0, 50);
  if (next.length === 0) blocks.push(p('Aucune échéance à venir.', 'muted'));
  else blocks.push({ kind: 'table', header: ['Échéance', 'Partenaire', 'Engagement', 'Statut'], rows: next.map((c) => [formatFrenchDate(c.due), partners.get(c.partner) ?? c.partner, c.text, c.status ? COMMITMENT_STATUS_LABELS[c.status] : 'Non renseigné'].map(cleanText)), widths: [1, 2, 4, 1] });

  return {
    runningTitle: cleanText(doc.contrat.name),
    headerLabel: 'Note de COPIL',
    titlePage: {
      kicker: 'Note au comité de pilotage',
      title: cleanText(doc.contrat.name),
      lines: [`EPCI : ${doc.contrat.epci}`, `Changements depuis ${sinceText}`, `Date : ${longFrenchDate(options.date)}`].map(cleanText),
    },
    blocks,
    ...(options.footerText ? { footerText: cleanText(options.footerText) } : {}),
  };
}
