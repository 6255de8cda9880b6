// The protocole as a document model, built from the contrat's interchange document and the protocole's settings.
// One model, two renderers (pdf.ts, docx.ts) and the page's preview: they cannot disagree on the content.
import type { TreeNodeDoc } from '../../domain/format-types';
import type { TrameDocument } from '../../domain/format-types';
import { formatFrenchDate } from '../../domain/french-dates';
import { formatEuros } from '../../domain/commitments';
import { COMMITMENT_STATUS_LABELS, PARTNER_TYPE_LABELS } from '../../domain/partners';
import { KIND_LABELS, TAG_FAMILY, TAG_LABELS, UNDECIDED_LABEL } from '../../domain/tree';
import { asDocRead, flatten, type CommitmentRead, type DocRead, type FlatNode, type IndicatorRead } from './doc-read';
import { parseMarkup } from './markup';
import type { Block, DocumentModel, ProtocolePart, ProtocoleSettings, Run } from './model-types';
import { PART_LABELS } from './model-types';
import { cleanText } from './text';
import { documentTitle, resolveFrame } from './legal';
import type { ArticleSlot, LegalFrame } from './legal-types';

export interface ProtocoleOptions {
  /** ISO day the document is made (title page). */
  date: string;
  /** Version shown on the title page (issue 12: « Version signée 2 »). */
  version?: string;
  /** Printed in the footer of every page. */
  footerText?: string;
  /** The PDF's Keywords. */
  keywords?: string;
  /** A frozen version after the first (issue 16): an avenant, whatever the type chosen. */
  avenant?: number;
  /** Sections appended at the end (issue 12: the avenant's differences), each a heading and its blocks. */
  annexes?: { title: string; blocks: Block[] }[];
}

const num = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

export { formatEuros };
export function formatNumber(n: number): string {
  return num.format(n).replace(/\u00a0/g, '\u202f');
}

/** « 27 novembre 2026 » from an ISO day. */
export function longFrenchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return formatFrenchDate(iso);
  const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
  return `${+m[3] === 1 ? '1er' : +m[3]} ${months[+m[2] - 1]} ${m[1]}`;
}

const p = (text: string, tone?: 'muted' | 'small'): Block => ({ kind: 'para', runs: [{ text: cleanText(text) }], ...(tone ? { tone } : {}) });
const h = (level: 1 | 2 | 3, text: string, toc = level <= 2): Block => ({ kind: 'heading', level, text: cleanText(text), toc });

export function isDropped(n: TreeNodeDoc): boolean {
  return n.tag !== undefined && TAG_FAMILY[n.tag] === 'jeter';
}
function tagLabel(n: TreeNodeDoc): string {
  return n.tag ? TAG_LABELS[n.tag] : UNDECIDED_LABEL;
}

export function datedText(v?: { value?: number; date?: string }, unit = ''): string {
  if (!v || v.value === undefined) return '—';
  const u = unit === '%' ? '\u202f%' : unit && unit !== 'nombre' ? `\u202f${unit}` : '';
  return `${formatNumber(v.value)}${u}${v.date ? ` (${formatFrenchDate(v.date)})` : ''}`;
}

/** The kept items (not dropped, nor under a dropped item), depth-first. */
function keptItems(tree: TreeNodeDoc[]): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (nodes: TreeNodeDoc[], depth: number, path: string[]) => {
    for (const n of nodes) {
      if (isDropped(n)) continue;
      out.push({ node: n, depth, path, ...(n.indicator ? { indicator: n.indicator as IndicatorRead } : {}) });
      if (n.children) walk(n.children, depth + 1, [...path, n.title]);
    }
  };
  walk(tree, 0, []);
  return out;
}

function strategy(doc: DocRead): Block[] {
  const all = flatten(doc.tree);
  const kept = keptItems(doc.tree);
  const count = (f: (n: TreeNodeDoc) => boolean) => kept.filter((k) => f(k.node)).length;
  const added = count((n) => n.tag === 'ajouter');
  const keptN = count((n) => n.tag !== undefined && TAG_FAMILY[n.tag] === 'garder');
  const undecided = count((n) => n.tag === undefined);
  const dropped = all.filter((f) => isDropped(f.node)).length;
  const out: Block[] = [h(1, PART_LABELS.strategie)];
  out.push(p(`${kept.length} éléments retenus : ${added} à ajouter, ${keptN} à garder, repenser ou renouveler, ${undecided} non décidés. ${dropped} éléments abandonnés ou mis en veille figurent en annexe avec leurs raisons.`));
  if (kept.length === 0) out.push(p('Aucun élément de stratégie n’est encore retenu.', 'muted'));
  for (const { node, depth } of kept) {
    const label = `${KIND_LABELS[node.kind]} — ${tagLabel(node)}`;
    if (depth === 0) out.push(h(2, node.title));
    else if (depth === 1) out.push(h(3, node.title, false));
    else {
      const runs: Run[] = [{ text: cleanText(node.title), bold: true }, { text: cleanText(`  (${label})`), italic: true }];
      out.push({ kind: 'para', runs });
    }
    if (depth <= 1) out.push(p(label, 'small'));
    if (node.description) out.push(p(node.description, depth >= 2 ? 'muted' : undefined));
    if (node.tagNote) out.push(p(`Raison du choix : ${node.tagNote}`, 'muted'));
  }
  return out;
}

function indicatorTable(doc: DocRead): Block[] {
  const rows = keptItems(doc.tree)
    .filter((f) => f.node.kind === 'indicateur')
    .map(({ node, indicator: i }) => {
      const ref = i?.reference;
      const refText = ref ? [ref.label, ref.value !== undefined ? datedText({ value: ref.value, date: ref.date }, i?.unit) : ''].filter(Boolean).join(' : ') : '—';
      return [node.title, i?.unit ?? '—', datedText(i?.baseline, i?.unit), datedText(i?.target, i?.unit), refText || '—', i?.source ?? '—'].map(cleanText);
    });
  const out: Block[] = [h(1, PART_LABELS.indicateurs)];
  if (rows.length === 0) return [...out, p('Aucun indicateur de suivi n’est retenu.', 'muted')];
  out.push({ kind: 'table', header: ['Indicateur', 'Unité', 'Situation de référence', 'Cible', 'Territoire de référence', 'Source'], rows, widths: [3, 1, 1.6, 1.6, 2, 1.4] });
  return out;
}

function fundingText(c: CommitmentRead): string {
  const f = c.funding;
  if (!f || f.amount === undefined) return '—';
  const nature = f.nature === 'droit-commun' ? 'droit commun' : f.nature === 'credits-specifiques' ? 'crédits spécifiques' : '';
  return `${formatEuros(f.amount)}${nature ? ` (${nature})` : ''}`;
}

const PARTNER_ORDER = (type?: string) => (type === 'etat' ? 0 : type === 'collectivite' ? 1 : 2);

function commitments(doc: DocRead): Block[] {
  const partners = [...(doc.partners ?? [])].map((pt, i) => ({ pt, i })).sort((a, b) => PARTNER_ORDER(a.pt.type) - PARTNER_ORDER(b.pt.type) || a.i - b.i).map((x) => x.pt);
  const titles = new Map(flatten(doc.tree).filter((f) => f.node.id).map((f) => [f.node.id!, f.node.title]));
  const all = doc.commitments ?? [];
  const out: Block[] = [h(1, PART_LABELS.engagements)];
  if (partners.length === 0) return out;
  const sum = (list: CommitmentRead[], nature: string) => list.reduce((s, c) => s + (c.funding?.nature === nature ? c.funding.amount ?? 0 : 0), 0);
  const euros = (n: number) => (n === 0 ? '—' : formatEuros(n));
  out.push({
    kind: 'table',
    header: ['Partenaire', 'Engagements', 'Droit commun', 'Crédits spécifiques'],
    rows: partners.map((pt) => {
      const mine = all.filter((c) => c.partner === pt.id);
      return [cleanText(pt.name), String(mine.length), euros(sum(mine, 'droit-commun')), euros(sum(mine, 'credits-specifiques'))];
    }),
    widths: [3, 1, 1.5, 1.5],
    numeric: [1, 2, 3],
    total: ['Total', String(all.length), euros(sum(all, 'droit-commun')), euros(sum(all, 'credits-specifiques'))],
  });
  for (const pt of partners) {
    out.push(h(2, `${pt.name}${pt.type ? ` (${PARTNER_TYPE_LABELS[pt.type]})` : ''}`));
    const c = pt.contact;
    if (c && (c.name || c.email || c.phone)) out.push(p(`Contact : ${[c.name, c.email, c.phone].filter(Boolean).join(', ')}`, 'small'));
    const mine = all.filter((x) => x.partner === pt.id);
    if (mine.length === 0) {
      out.push(p('Ce partenaire ne prend pas d’engagement chiffré dans ce document.', 'muted'));
      continue;
    }
    out.push({
      kind: 'table',
      header: ['Engagement', 'Éléments servis', 'Cible', 'Échéance', 'Statut', 'Financement'],
      rows: mine.map((x) => [
        x.text,
        (x.nodes ?? []).map((id) => titles.get(id) ?? id).join(' ; ') || '—',
        x.target ? datedText({ value: x.target.value }, x.target.unit) : '—',
        x.due ? formatFrenchDate(x.due) : '—',
        x.status ? COMMITMENT_STATUS_LABELS[x.status] : '—',
        fundingText(x),
      ].map(cleanText)),
      widths: [3, 2, 1, 1, 1, 1.4],
    });
  }
  return out;
}

function markupBlocks(text: string): Block[] {
  if (!text.trim()) return [];
  // Accepted when saved; a file edited elsewhere may hold refused markup: its text is printed plainly.
  const { blocks, problems } = parseMarkup(cleanText(text));
  return problems.length ? text.split(/\n\s*\n/).map((t) => p(t)) : blocks;
}

function governance(doc: DocRead, settings: ProtocoleSettings): Block[] {
  const out: Block[] = [h(1, PART_LABELS.gouvernance), ...markupBlocks(settings.governance)];
  if (doc.copils?.length) {
    out.push(h(2, 'Comités de pilotage tenus'));
    out.push({ kind: 'table', header: ['Date', 'Comité', 'Note'], rows: doc.copils.map((k) => [formatFrenchDate(k.date), k.title ?? 'COPIL', k.note ?? ''].map(cleanText)), widths: [1, 2, 4] });
  }
  return out;
}

function signatures(doc: DocRead, settings: ProtocoleSettings): Block[] {
  const partners = new Map((doc.partners ?? []).map((pt) => [pt.id, pt.name]));
  const list = doc.signatories ?? [];
  const out: Block[] = [{ kind: 'pageBreak' }, h(1, PART_LABELS.signatures)];
  if (list.length === 0) return [...out, p('[à compléter : les signataires]')];
  return [
    ...out,
    {
      kind: 'signatures',
      place: cleanText(settings.place),
      blocks: list.map((s, i) => ({ id: s.id ?? `signataire-${i + 1}`, organisation: cleanText(partners.get(s.partner) ?? s.partner), name: cleanText(s.name), role: cleanText(s.role ?? '') })),
    },
  ];
}

function annex(doc: DocRead): Block[] {
  const dropped = flatten(doc.tree).filter((f) => isDropped(f.node));
  const out: Block[] = [h(1, PART_LABELS.annexe)];
  if (dropped.length === 0) return [...out, p('Aucun élément n’a été abandonné ni mis en veille.', 'muted')];
  out.push({
    kind: 'table',
    header: ['Élément', 'Type', 'Décision', 'Raison', 'Place dans l’arbre'],
    rows: dropped.map(({ node, path }) => [node.title, KIND_LABELS[node.kind], tagLabel(node), node.tagNote ?? 'Raison non précisée', path.join(' › ') || '—'].map(cleanText)),
    widths: [3, 1.2, 1.2, 3, 2.5],
  });
  return out;
}

export function buildProtocole(source: TrameDocument, settings: ProtocoleSettings, options: ProtocoleOptions): DocumentModel {
  const doc = asDocRead(source);
  const c = doc.contrat;
  const frame = resolveFrame(options.avenant ? { ...settings.frame, documentType: 'avenant', avenantNumber: options.avenant } : settings.frame, c);
  const has = (part: ProtocolePart) => settings.parts.includes(part);
  const slot: Partial<Record<ArticleSlot, () => Block[]>> = {
    engagements: () => [...(has('strategie') ? demote(strategy(doc)) : []), ...(has('engagements') ? demote(commitments(doc)) : [])],
    suivi: () => (has('indicateurs') ? demote(indicatorTable(doc)) : []),
    gouvernance: () => (has('gouvernance') ? demote(governance(doc, settings)).slice(1) : []),
  };
  const blocks: Block[] = [...legalOpening(doc, frame)];
  if (has('preambule') && settings.preamble.trim()) blocks.push(h(1, PART_LABELS.preambule), ...markupBlocks(settings.preamble));
  blocks.push(p('Il est convenu ce qui suit :'));
  frame.articles.forEach((a, i) => {
    blocks.push(h(1, `Article ${i + 1} — ${a.title}`), ...paragraphs(a.text), ...(slot[a.slot]?.() ?? []));
  });
  if (has('signatures')) blocks.push(...signatures(doc, settings));
  if (has('annexe')) blocks.push({ kind: 'pageBreak' }, ...annex(doc));
  for (const a of options.annexes ?? []) blocks.push({ kind: 'pageBreak' }, h(1, a.title), ...a.blocks);
  const qpv = (c.qpv ?? []).map((q) => `${q.name} (${q.code}${q.commune ? `, ${q.commune}` : ''})`);
  const kicker = documentTitle(frame, c.name);
  return {
    runningTitle: cleanText(c.name),
    headerLabel: frame.documentType === 'avenant' ? `Avenant n° ${frame.avenantNumber}` : frame.documentType === 'protocole' ? 'Protocole d’engagements' : 'Contrat de ville',
    titlePage: {
      kicker: cleanText(kicker),
      title: cleanText(c.name),
      lines: [
        `EPCI : ${c.epci}`,
        qpv.length ? `Quartiers prioritaires : ${qpv.join(' ; ')}` : 'Quartiers prioritaires : [à compléter]',
        c.period ? `Période : ${c.period.start}–${c.period.end}` : 'Période : [à compléter]',
        'Pilier : emploi',
        ...(options.version ? [`Version : ${options.version}`] : []),
        `Date : ${longFrenchDate(options.date)}`,
      ].map(cleanText),
    },
    blocks,
    draft: !options.version,
    subject: cleanText(`${kicker} — ${c.epci}`),
    ...(options.footerText ? { footerText: cleanText(options.footerText) } : {}),
    ...(options.keywords ? { keywords: options.keywords } : {}),
  };
}

/** One level down (an article's own parts under its heading), out of the table of contents below level 2. */
function demote(list: Block[]): Block[] {
  return list.map((b) => (b.kind === 'heading' ? { ...b, level: Math.min(3, b.level + 1) as 2 | 3, toc: b.level + 1 <= 2 } : b));
}

/** A text typed on the « Contrat » screen: one paragraph per blank-line-separated block. */
function paragraphs(text: string): Block[] {
  return cleanText(text).split(/\n\s*\n/).map((t) => t.trim()).filter(Boolean).map((t) => p(t));
}

/** « Entre les soussignés », the visas and the considérants. */
function legalOpening(doc: DocRead, frame: LegalFrame): Block[] {
  const partners = new Map((doc.partners ?? []).map((pt) => [pt.id, pt.name]));
  const list = doc.signatories ?? [];
  const out: Block[] = [h(1, 'Entre les parties')];
  if (list.length === 0) out.push(p('[à compléter : les signataires]'));
  list.forEach((s, i) => {
    const org = partners.get(s.partner) ?? s.partner;
    const last = i === list.length - 1;
    out.push({ kind: 'para', runs: [{ text: cleanText(org), bold: true }, { text: cleanText(`, représenté par ${s.name.trim() || '[à compléter : nom]'}${s.role ? `, ${s.role}` : ''}${last ? ',' : ' ;'}`) }] });
    if (i === list.length - 2) out.push(p('et'));
  });
  if (list.length) out.push(p('ci-après dénommés ensemble « les parties ».'));
  out.push(h(1, 'Visas'), { kind: 'list', items: frame.visas.map((v) => [{ text: cleanText(v) }]) });
  out.push(h(1, 'Considérants'), { kind: 'list', items: frame.considerants.map((v) => [{ text: cleanText(v) }]) });
  return out;
}
