// Commitments seen from every side, as pure rules shared by the handlers, the CLI and the renderer: the usual
// partners of the employment pillar, the funding natures, lateness (a deadline « 2026 » or « 2026-06 » counts to its
// last day), the partner × enjeu matrix with the worst status of each cell, the droit commun / crédits spécifiques
// split, progress from an indicateur's latest measurement. No I/O, no Node: the renderer imports it.
import type { CommitmentStatus, IsoDate, MeasurementScope, PartnerType } from './format-types';
import { lastDayOf } from './french-dates';
import { nounFor } from './plural';

export const FUNDING_NATURES = ['droit-commun', 'credits-specifiques'] as const;
export type FundingNature = (typeof FUNDING_NATURES)[number];
export const FUNDING_NATURE_LABELS: Record<FundingNature, string> = {
  'droit-commun': 'Droit commun',
  'credits-specifiques': 'Crédits spécifiques',
};

/** Statuses after which a deadline no longer matters: the commitment is kept, or it was given up. */
export const CLOSED_STATUSES: readonly CommitmentStatus[] = ['tenu', 'abandonne'];

/** From the worst to the best: what a matrix cell shows when several commitments share it. */
export const STATUS_SEVERITY: readonly CommitmentStatus[] = [
  'non-tenu', 'partiellement-tenu', 'abandonne', 'propose', 'acte', 'en-cours', 'tenu',
];

/**
 * The partners a contrat's employment pillar usually has (DOMAIN.md, seeds 001, 002, 004): added in one click. `also`:
 * other ways a contrat names the same partner (« France Travail — agence de Vaudrecourt », « Caisse d'allocations
 * familiales (CAF) »), so that one already in the contrat is not offered again.
 */
export const USUAL_PARTNERS: readonly { name: string; type: PartnerType; also?: readonly string[] }[] = [
  { name: 'Préfecture — délégué du préfet', type: 'etat', also: ['préfecture', 'délégué du préfet', 'déléguée du préfet'] },
  { name: 'DDETS', type: 'etat', also: ['direction départementale de l’emploi'] },
  { name: 'Éducation nationale', type: 'etat' },
  { name: 'EPCI', type: 'collectivite', also: ['communauté d’agglomération', 'communauté de communes', 'communauté urbaine', 'métropole'] },
  { name: 'Commune', type: 'collectivite', also: ['mairie', 'ville de'] },
  { name: 'Département', type: 'collectivite', also: ['conseil départemental'] },
  { name: 'Région', type: 'collectivite', also: ['conseil régional'] },
  { name: 'France Travail', type: 'service-public-emploi', also: ['pôle emploi'] },
  { name: 'Mission locale', type: 'service-public-emploi' },
  { name: 'Cap emploi', type: 'service-public-emploi' },
  { name: "Maison de l'emploi", type: 'service-public-emploi' },
  { name: 'AFPA', type: 'service-public-emploi' },
  { name: 'EPIDE', type: 'formation' },
  { name: 'E2C — École de la deuxième chance', type: 'formation', also: ['E2C', 'école de la deuxième chance', 'école de la 2e chance'] },
  { name: 'Entreprises du PaQte', type: 'entreprise' },
  { name: 'CAF', type: 'social', also: ['caisse d’allocations familiales'] },
  { name: 'Banque des Territoires', type: 'financeur' },
  { name: 'Bpifrance', type: 'financeur' },
];

/** A name as words: no accents, no case, apostrophes and punctuation as spaces (« Maison de l'emploi » → maison de l emploi). */
const words = (s: string) => ` ${s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/**
 * The usual partners not yet in the contrat: one is there when a partner's name starts with its name or one of its
 * other names, as whole words (« Région (conseil régional) »), or holds one of several words or an acronym anywhere
 * (« Caisse d'allocations familiales (CAF) », « Agence France Travail de Vaudrecourt »).
 */
export function missingUsualPartners(names: readonly string[]): (typeof USUAL_PARTNERS)[number][] {
  const present = names.map(words);
  return USUAL_PARTNERS.filter((u) => {
    const keys = [u.name, ...(u.also ?? [])].map(words);
    const anywhere = (k: string) => k.trim().includes(' ') || k.trim().length <= 4;
    return !present.some((n) => keys.some((k) => n.startsWith(k) || (anywhere(k) && n.includes(k))));
  });
}

export interface HistoryEntry {
  id: string;
  status: CommitmentStatus;
  /** ISO 8601 instant. */
  at: string;
  author: string;
  authorId: string | null;
  note: string | null;
}

export interface CommitmentNodeRef { id: string; kind: 'objectif' | 'action' | 'enjeu' | 'indicateur'; title: string; enjeuId: string | null }

export interface MeasurementRef { id: string; date: IsoDate; value: number; scope: MeasurementScope }

export interface Progress {
  /** The measurement used (the latest QPV measurement), or null: « pas de mesure ». */
  measurement: MeasurementRef | null;
  /** Share of the target reached, 0..1 and beyond; null when it cannot be said. */
  ratio: number | null;
  /** French sentence. */
  label: string;
}

export interface CommitmentView {
  id: string;
  position: number;
  partnerId: string;
  partnerName: string;
  text: string;
  nodes: CommitmentNodeRef[];
  target: { value: number; unit: string | null } | null;
  indicator: { id: string; title: string; unit: string | null } | null;
  funding: { amount: number | null; nature: FundingNature | null } | null;
  due: IsoDate | null;
  status: CommitmentStatus | null;
  history: HistoryEntry[];
  progress: Progress | null;
}

/** What a list shows of a commitment without its items, history or progress (the late list of the overview). */
export type CommitmentLine = Pick<CommitmentView, 'id' | 'position' | 'partnerId' | 'partnerName' | 'text' | 'due' | 'status'>;

const DAY = 86_400_000;
const utc = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));

/** Days past the deadline on `today` (ISO day), or null when the commitment is not late. */
export function daysLate(c: Pick<CommitmentView, 'due' | 'status'>, today: string): number | null {
  if (!c.due || (c.status && CLOSED_STATUSES.includes(c.status))) return null;
  const end = lastDayOf(c.due);
  if (end >= today) return null;
  return Math.round((utc(today) - utc(end)) / DAY);
}

export interface LateCommitment { commitment: CommitmentView; days: number }

/** Deadline passed and not kept nor given up, the latest first (then in the list's order). */
export function lateList(list: readonly CommitmentView[], today: string): LateCommitment[] {
  const out: LateCommitment[] = [];
  for (const c of list) {
    const days = daysLate(c, today);
    if (days !== null) out.push({ commitment: c, days });
  }
  return out.sort((a, b) => b.days - a.days || a.commitment.position - b.commitment.position);
}

/** The worst of some statuses (a missing status counts as « proposé »). */
export function worstStatus(statuses: Iterable<CommitmentStatus | null>): CommitmentStatus | null {
  let worst: number | null = null;
  for (const s of statuses) {
    const rank = STATUS_SEVERITY.indexOf(s ?? 'propose');
    if (worst === null || rank < worst) worst = rank;
  }
  return worst === null ? null : STATUS_SEVERITY[worst];
}

/** The enjeux a commitment serves (through its objectifs and actions); none = « sans enjeu ». */
export function enjeuxOf(c: CommitmentView): string[] {
  const out: string[] = [];
  for (const n of c.nodes) if (n.enjeuId && !out.includes(n.enjeuId)) out.push(n.enjeuId);
  return out;
}

export const NO_ENJEU = '';

export interface MatrixCell { ids: string[]; worst: CommitmentStatus | null }
export interface Matrix {
  partners: { id: string; name: string }[];
  enjeux: { id: string; title: string }[];
  /** cells.get(partnerId)?.get(enjeuId): a commitment serving two enjeux is in both cells. */
  cells: Map<string, Map<string, MatrixCell>>;
}

/** Partner × enjeu: the commitments of each cell and their worst status. `NO_ENJEU` gathers those serving none. */
export function matrixOf(
  list: readonly CommitmentView[],
  partners: readonly { id: string; name: string }[],
  enjeux: readonly { id: string; title: string }[],
): Matrix {
  const cells = new Map<string, Map<string, MatrixCell>>();
  let orphan = false;
  for (const c of list) {
    let row = cells.get(c.partnerId);
    if (!row) cells.set(c.partnerId, (row = new Map()));
    const keys = enjeuxOf(c);
    if (keys.length === 0) {
      keys.push(NO_ENJEU);
      orphan = true;
    }
    for (const k of keys) {
      let cell = row.get(k);
      if (!cell) row.set(k, (cell = { ids: [], worst: null }));
      cell.ids.push(c.id);
      cell.worst = worstStatus([cell.worst ?? c.status, c.status]);
    }
  }
  return {
    partners: [...partners],
    enjeux: orphan ? [...enjeux, { id: NO_ENJEU, title: 'Sans enjeu' }] : [...enjeux],
    cells,
  };
}

/** The matrix as the screen draws it: per cell the number of commitments and their worst status. */
export interface MatrixCounts {
  partners: { id: string; name: string }[];
  enjeux: { id: string; title: string }[];
  cells: Map<string, Map<string, { count: number; worst: CommitmentStatus | null }>>;
}

/** The matrix from counts read per cell (commitments.overview: [partner index, enjeu index, count, worst]). */
export function matrixCounts(
  partners: { id: string; name: string }[],
  enjeux: { id: string; title: string }[],
  cells: readonly (readonly [number, number, number, CommitmentStatus | null])[],
): MatrixCounts {
  const out = new Map<string, Map<string, { count: number; worst: CommitmentStatus | null }>>();
  for (const [p, e, count, worst] of cells) {
    const partnerId = partners[p]?.id;
    const enjeuId = enjeux[e]?.id;
    if (partnerId === undefined || enjeuId === undefined) continue;
    let row = out.get(partnerId);
    if (!row) out.set(partnerId, (row = new Map()));
    row.set(enjeuId, { count, worst });
  }
  return { partners, enjeux, cells: out };
}

export interface FundingLine { key: string; label: string; droitCommun: number; creditsSpecifiques: number; nonPrecise: number }

function addTo(line: FundingLine, f: CommitmentView['funding']): void {
  if (!f || f.amount === null) return;
  if (f.nature === 'droit-commun') line.droitCommun += f.amount;
  else if (f.nature === 'credits-specifiques') line.creditsSpecifiques += f.amount;
  else line.nonPrecise += f.amount;
}

/**
 * Amounts by nature, per partner and per enjeu, and the total (each commitment once). A commitment serving two
 * enjeux counts in both enjeu lines: the seeds ask to see where specific credits go, not to split them.
 */
export function fundingSummary(
  list: readonly CommitmentView[],
  partners: readonly { id: string; name: string }[],
  enjeux: readonly { id: string; title: string }[],
): { byPartner: FundingLine[]; byEnjeu: FundingLine[]; total: FundingLine } {
  const line = (key: string, label: string): FundingLine => ({ key, label, droitCommun: 0, creditsSpecifiques: 0, nonPrecise: 0 });
  const byPartner = new Map(partners.map((p) => [p.id, line(p.id, p.name)]));
  const byEnjeu = new Map(enjeux.map((e) => [e.id, line(e.id, e.title)]));
  const total = line('total', 'Total');
  for (const c of list) {
    if (!c.funding) continue;
    addTo(total, c.funding);
    const p = byPartner.get(c.partnerId);
    if (p) addTo(p, c.funding);
    for (const e of enjeuxOf(c)) {
      const l = byEnjeu.get(e);
      if (l) addTo(l, c.funding);
    }
  }
  const some = (l: FundingLine) => l.droitCommun + l.creditsSpecifiques + l.nonPrecise > 0;
  return { byPartner: [...byPartner.values()].filter(some), byEnjeu: [...byEnjeu.values()].filter(some), total };
}

const EUROS_WHOLE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const EUROS_CENTS = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * « 25 000 € », « 15 000,50 € »: French grouping (narrow no-break space), two decimals when the amount is not whole
 * (never « 15 000,5 € »). The one euro format of the screens, the CSV, the protocole and the note de COPIL.
 */
export function formatEuros(amount: number): string {
  const cents = Math.round(amount * 100);
  const f = cents % 100 === 0 ? EUROS_WHOLE : EUROS_CENTS;
  return `${f.format(cents / 100).replace(/[\u00a0\u202f]/g, '\u202f')}\u202f€`;
}

export function formatNumber(n: number): string {
  const [int, dec] = String(Math.round(n * 100) / 100).replace('-', '').split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${n < 0 ? '-' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

/** Days as a French phrase: « 1 jour », « 12 jours ». */
export function formatDays(days: number): string {
  return `${days} ${nounFor(days, 'jour')}`;
}

/**
 * Progress of a commitment from its indicateur's latest QPV measurement: the share of the way from the baseline (if
 * any) to the commitment's target. Reference-territory measurements are a comparison, not progress.
 */
export function progressOf(
  target: { value: number; unit: string | null } | null,
  indicator: { baselineValue: number | null; unit: string | null } | null,
  measurements: readonly MeasurementRef[],
  formatDate: (iso: string) => string,
): Progress | null {
  if (!indicator || !target) return null;
  let latest: MeasurementRef | null = null;
  for (const m of measurements) {
    if (m.scope !== 'qpv') continue;
    if (!latest || lastDayOf(m.date) >= lastDayOf(latest.date)) latest = m;
  }
  if (!latest) return { measurement: null, ratio: null, label: 'pas de mesure' };
  const unit = target.unit ?? indicator.unit;
  const u = unit ? (unit === '%' ? ' %' : ` ${unit}`) : '';
  const base = indicator.baselineValue ?? 0;
  const span = target.value - base;
  const ratio = span === 0 ? null : (latest.value - base) / span;
  const pct = ratio === null ? '' : ` : ${formatNumber(Math.round(ratio * 100))} % de la cible`;
  return {
    measurement: latest,
    ratio,
    // « mesuré au 30/06/2025 », « mesuré en juin 2025 », « mesuré en 2024 »: the preposition of the date's precision.
    label: `${formatNumber(latest.value)}${u} mesuré ${latest.date.length === 10 ? 'au' : 'en'} ${formatDate(latest.date)} (cible ${formatNumber(target.value)}${u})${pct}`,
  };
}

/** The local calendar day as ISO (AAAA-MM-JJ): what « today » means for lateness. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
