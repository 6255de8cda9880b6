// The commitments as a spreadsheet and as a terminal table. CSV for LibreOffice and Excel in a French locale: UTF-8
// with a BOM (Excel reads accents right only with it), « ; » between cells, decimal comma, CRLF; a text cell that
// starts with = + - or @ is prefixed with an apostrophe so that no spreadsheet runs it as a formula.
import Papa from 'papaparse';
import {
  FUNDING_NATURE_LABELS,
  daysLate,
  lateList,
  todayIso,
  type CommitmentView,
} from '../../domain/commitments';
import { formatFrenchDate } from '../../domain/french-dates';
import { COMMITMENT_STATUS_LABELS } from '../../domain/partners';
import { nounFor } from '../../domain/plural';

export interface CommitmentFilter {
  /** Only the late ones, the latest first. */
  late?: boolean;
  /** Only this partner's (its name, case and accents ignored). */
  partner?: string;
  /** ISO day lateness is judged on. */
  today: string;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

export function filterCommitments(list: readonly CommitmentView[], f: CommitmentFilter): CommitmentView[] {
  let out = f.partner === undefined ? [...list] : list.filter((c) => fold(c.partnerName) === fold(f.partner!));
  if (f.late) out = lateList(out, f.today).map((l) => l.commitment);
  return out;
}

/** A text cell that a spreadsheet would read as a formula (= + - @, also after a tab or CR) is kept as text. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** 1234.5 → « 1234,5 »: what a French spreadsheet reads as a number. */
export function decimalComma(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : String(n).replace('.', ',');
}

export const CSV_HEADER = [
  'Partenaire', 'Engagement', 'Éléments servis', 'Cible', 'Unité', 'Indicateur', 'Montant (€)', 'Nature du financement',
  'Échéance', 'Statut', 'Jours de retard', 'Progression', 'Dernier changement',
];

function rowOf(c: CommitmentView, today: string): string[] {
  const last = c.history[c.history.length - 1];
  const late = daysLate(c, today);
  const texts = [
    c.partnerName,
    c.text,
    c.nodes.map((n) => n.title).join(' | '),
  ].map(neutralise);
  return [
    ...texts,
    decimalComma(c.target?.value),
    neutralise(c.target?.unit ?? ''),
    neutralise(c.indicator?.title ?? ''),
    decimalComma(c.funding?.amount),
    c.funding?.nature ? FUNDING_NATURE_LABELS[c.funding.nature] : '',
    formatFrenchDate(c.due),
    c.status ? COMMITMENT_STATUS_LABELS[c.status] : '',
    late === null ? '' : String(late),
    neutralise(c.progress?.label ?? ''),
    last ? neutralise(`${formatFrenchDate(todayIso(new Date(last.at)))} ${last.author}${last.note ? ` : ${last.note}` : ''}`) : '',
  ];
}

/** `newline`: CRLF for a file (what Excel writes); LF on a terminal, where a CR would be shown as a symbol. */
export function commitmentsCsv(list: readonly CommitmentView[], today: string, newline: '\r\n' | '\n' = '\r\n'): string {
  const body = Papa.unparse([CSV_HEADER, ...list.map((c) => rowOf(c, today))], {
    delimiter: ';',
    newline,
    quotes: false,
    // Papa's own formula escaping would also touch our numbers: neutralise() does it for text cells only.
    escapeFormulae: false,
  });
  return `\uFEFF${body}${newline}`;
}

/** For a terminal: one block per commitment, aligned labels. */
export function commitmentsTable(list: readonly CommitmentView[], today: string): string {
  if (list.length === 0) return 'Aucun engagement.\n';
  const lines: string[] = [];
  for (const c of list) {
    const late = daysLate(c, today);
    lines.push(`${c.partnerName} — ${c.text}`);
    if (c.nodes.length) lines.push(`  sert       : ${c.nodes.map((n) => n.title).join(' ; ')}`);
    if (c.due) lines.push(`  échéance   : ${formatFrenchDate(c.due)}${late !== null ? ` (en retard de ${late} ${nounFor(late, 'jour')})` : ''}`);
    lines.push(`  statut     : ${c.status ? COMMITMENT_STATUS_LABELS[c.status] : 'sans statut'}`);
    if (c.funding?.amount != null) {
      lines.push(`  montant    : ${decimalComma(c.funding.amount)} €${c.funding.nature ? ` (${FUNDING_NATURE_LABELS[c.funding.nature].toLowerCase()})` : ''}`);
    }
    if (c.progress) lines.push(`  progression: ${c.progress.label}`);
  }
  return `${lines.join('\n')}\n`;
}
