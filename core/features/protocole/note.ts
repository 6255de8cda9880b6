// The note de COPIL as a document model: each indicator with its chart and its trend, the late commitments, the
// changes since the last COPIL (measurements, commitment statuses, and the file's own journal of edits), the next
// deadlines. Built from the interchange document like the protocole, plus the journal entries read by the caller.
import type { TrameDocument } from '../../domain/format-types';
import { formatFrenchDate, lastDayOf } from '../../domain/french-dates';
import { daysLate } from '../../domain/commitments';
import { COMMITMENT_STATUS_LABELS } from '../../domain/partners';
import { asDocRead, type IndicatorRead } from './doc-read';
import { datedText, formatNumber, isDropped, longFrenchDate } from './model';
import type { Block, ChartModel, DocumentModel } from './model-types';
import { cleanText } from './text';
import type { TreeNodeDoc } from '../../domain/format-types';

export interface JournalLine { at: string; author: string; label: string }

export interface NoteOptions {
  /** ISO day the note is made. */
  date: string;
  /** ISO date: the changes since then (by default the last COPIL's date). */
  since?: string;
  journal: JournalLine[];
  footerText?: string;
}

const p = (text: string, tone?: 'muted' | 'small'): Block => ({ kind: 'para', runs: [{ text: cleanText(text) }], ...(tone ? { tone } : {}) });
const h = (level: 1 | 2 | 3, text: string, toc = level <= 2): Block => ({ kind: 'heading', level, text: cleanText(text), toc });

const OPEN = new Set(['propose', 'acte', 'en-cours']);

/** Direction-aware trend of the last QPV measurement against the baseline. Says so when it cannot tell. */
export function trend(i: IndicatorRead | undefined): string {
  const qpv = (i?.measurements ?? []).filter((m) => (m.scope ?? 'qpv') === 'qpv').sort((a, b) => a.date.localeCompare(b.date));
  const last = qpv[qpv.length - 1];
  if (!last) return 'Aucune mesure saisie';
  const lastText = `Dernière mesure : ${datedText({ value: last.value, date: last.date }, i?.unit)}`;
  const base = i?.baseline?.value;
  if (base === undefined || !i?.direction) return `${lastText}.`;
  const delta = last.value - base;
  if (delta === 0) return `${lastText} — stable par rapport à la situation de référence.`;
  const better = i.direction === 'hausse' ? delta > 0 : delta < 0;
  const reached = i.target?.value !== undefined && (i.direction === 'hausse' ? last.value >= i.target.value : last.value <= i.target.value);
  return `${lastText} — ${better ? 'en progrès' : 'en recul'} par rapport à la situation de référence${reached ? ', cible atteinte' : ''}.`;
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
  const sinceText = since ? `le ${formatFrenchDate(since)}` : 'le début du contrat';
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
    blocks.push(p(`${trend(i)} Référence : ${datedText(i?.baseline, i?.unit)} ; cible : ${datedText(i?.target, i?.unit)}${i?.source ? ` ; source : ${i.source}` : ''}.`, 'small'));
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
  const fresh = since ?? '0000';
  const measured = indicators.flatMap((n) =>
    (((n.indicator as IndicatorRead | undefined)?.measurements ?? []) as NonNullable<IndicatorRead['measurements']>)
      .filter((m) => m.date >= fresh)
      .map((m) => [formatFrenchDate(m.date), n.title, `Mesure ${m.scope === 'reference' ? 'du territoire de référence' : 'QPV'} : ${formatNumber(m.value)}${m.note ? ` (${m.note})` : ''}`]),
  );
  const statusChanges = commitments.flatMap((c) =>
    (c.history ?? []).filter((e) => e.at.slice(0, 10) >= fresh).map((e) => [formatFrenchDate(e.at.slice(0, 10)), c.text, `Statut : ${COMMITMENT_STATUS_LABELS[e.status as keyof typeof COMMITMENT_STATUS_LABELS] ?? e.status}${e.note ? ` (${e.note})` : ''}`]),
  );
  const changes = [...measured, ...statusChanges];
  blocks.push(h(2, 'Mesures et statuts'));
  if (changes.length === 0) blocks.push(p('Aucune nouvelle mesure ni aucun changement de statut daté de cette période.', 'muted'));
  else blocks.push({ kind: 'table', header: ['Date', 'Élément', 'Changement'], rows: changes.map((r) => r.map(cleanText)), widths: [1, 3, 3] });
  blocks.push(h(2, 'Modifications enregistrées dans le contrat'));
  const journal = options.journal.filter((j) => j.at.slice(0, 10) >= fresh);
  if (journal.length === 0) blocks.push(p('Aucune modification enregistrée sur cette période.', 'muted'));
  else {
    const shown = journal.slice(-300);
    blocks.push({ kind: 'table', header: ['Date', 'Auteur', 'Modification'], rows: shown.map((j) => [formatFrenchDate(j.at.slice(0, 10)), j.author, j.label].map(cleanText)), widths: [1, 1.5, 4] });
    if (journal.length > shown.length) blocks.push(p(`Les ${journal.length - shown.length} modifications plus anciennes de la période ne sont pas reproduites ici.`, 'muted'));
  }

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
