// `trame show`: a contrat as indented text (tree with tags and reasons, indicators, partners, commitments).
import type { DocInfo } from '../api/contract';
import { COMMITMENT_STATUS_LABELS, PARTNER_TYPE_LABELS } from '../domain/partners';
import { KIND_LABELS, TAG_LABELS } from '../domain/tree';
import type { IndicatorDoc, TrameDocument, TreeNodeDoc } from '../domain/format-types';
import { countNodes } from '../format/schema';
import { nounFor } from '../domain/plural';


/** French number: decimal comma, thin grouping of thousands. */
function formatNumber(v: number): string {
  if (!Number.isFinite(v) || Math.abs(v) >= 1e21) return String(v);
  const [int, dec] = String(Math.abs(v)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${v < 0 ? '-' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

function withUnit(v: number, unit: string | undefined): string {
  const n = formatNumber(v);
  if (!unit || unit === 'nombre') return n;
  return `${n} ${unit}`;
}

function dated(text: string, date: string | undefined): string {
  return date ? `${text} (${date})` : text;
}

function indicatorLine(ind: IndicatorDoc): string | null {
  const parts: string[] = [];
  const from = ind.baseline ? dated(withUnit(ind.baseline.value, ind.unit), ind.baseline.date) : null;
  const to = ind.target ? dated(withUnit(ind.target.value, ind.unit), ind.target.date) : null;
  if (from || to) parts.push(`${from ?? '?'} → ${to ?? '?'}`);
  if (ind.direction) parts.push(ind.direction === 'hausse' ? 'hausse attendue' : 'baisse attendue');
  if (ind.reference && ind.reference.value !== undefined) {
    parts.push(`réf. ${ind.reference.label ?? 'hors QPV'} : ${dated(withUnit(ind.reference.value, ind.unit), ind.reference.date)}`);
  }
  const qpv = (ind.measurements ?? []).filter((m) => (m.scope ?? 'qpv') === 'qpv');
  if (qpv.length > 0) {
    const last = qpv.reduce((a, b) => (b.date >= a.date ? b : a));
    parts.push(`dernière mesure : ${dated(withUnit(last.value, ind.unit), last.date)}`);
  }
  if (ind.source) parts.push(`source : ${ind.source}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

export function renderDocument(doc: TrameDocument, info?: Pick<DocInfo, 'path' | 'readOnly' | 'readOnlyReason'>): string {
  const out: string[] = [];
  const c = doc.contrat;
  out.push(c.name);
  const meta = [`EPCI : ${c.epci}`, `pilier ${c.pillar ?? 'emploi'}`];
  if (c.period) meta.push(`${c.period.start}-${c.period.end}`);
  out.push(meta.join(' · '));
  if (c.qpv && c.qpv.length > 0) {
    out.push(`QPV (${c.qpv.length}) :`);
    for (const q of c.qpv) out.push(`  ${q.code} ${q.name}${q.commune ? ` (${q.commune})` : ''}`);
  }
  if (info) out.push(`Fichier : ${info.path}${info.readOnly ? ` — lecture seule${info.readOnlyReason ? ` : ${info.readOnlyReason}` : ''}` : ''}`);
  out.push('');

  const total = countNodes(doc.tree);
  out.push(`Arbre stratégique (${total} ${nounFor(total, 'élément')})`);
  if (doc.tree.length === 0) out.push('  (vide)');
  // Iterative: the tree was validated, but a display loop has no reason to trust depth.
  const stack: { node: TreeNodeDoc; depth: number; number: string }[] = [];
  for (let i = doc.tree.length - 1; i >= 0; i--) stack.push({ node: doc.tree[i], depth: 0, number: String(i + 1) });
  while (stack.length > 0) {
    const { node, depth, number } = stack.pop()!;
    const pad = '  '.repeat(depth + 1);
    const tag = node.tag ? `  [${TAG_LABELS[node.tag]}]` : '';
    out.push(`${pad}${KIND_LABELS[node.kind]} ${number} — ${node.title}${tag}`);
    if (node.tagNote) out.push(`${pad}    ↳ ${node.tagNote}`);
    if (node.indicator) {
      const line = indicatorLine(node.indicator);
      if (line) out.push(`${pad}    ${line}`);
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: depth + 1, number: `${number}.${i + 1}` });
  }

  const partners = doc.partners ?? [];
  const partnerName = new Map(partners.filter((p) => p.id !== undefined).map((p) => [p.id as string, p.name]));
  if (partners.length > 0) {
    out.push('', `Partenaires (${partners.length})`);
    for (const p of partners) out.push(`  ${p.name}${p.type ? ` · ${PARTNER_TYPE_LABELS[p.type]}` : ''}`);
  }
  const commitments = doc.commitments ?? [];
  if (commitments.length > 0) {
    out.push('', `Engagements (${commitments.length})`);
    for (const e of commitments) {
      const status = e.status ? `[${COMMITMENT_STATUS_LABELS[e.status]}] ` : '';
      const extra: string[] = [];
      if (e.target) extra.push(`cible : ${withUnit(e.target.value, e.target.unit)}`);
      if (e.due) extra.push(`échéance : ${e.due}`);
      out.push(`  ${status}${partnerName.get(e.partner) ?? e.partner} — ${e.text}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`);
    }
  }
  const signatories = doc.signatories ?? [];
  if (signatories.length > 0) {
    out.push('', `Signataires (${signatories.length})`);
    for (const s of signatories) {
      out.push(`  ${s.name}${s.role ? `, ${s.role}` : ''} — ${partnerName.get(s.partner) ?? s.partner}`);
    }
  }
  return `${out.join('\n')}\n`;
}

