// What the « Engagements » screen opens on, read in SQL and shaped for it (issue 22, item 5): the matrix partner ×
// enjeu as counts and worst statuses, the droit commun / crédits spécifiques split as sums, and the late list as
// light lines. The full commitments (items served, history, progress: commitments.view, 1.6 MB for 2 000 of them)
// are read after the first screen, for the list below it and a cell's details. Same rules as the domain's
// matrixOf, fundingSummary and lateList (test/features/commitments/overview.test.ts compares them).
import type { CommitmentsOverview } from './contract';
import { daysLate, NO_ENJEU, worstStatus, type CommitmentLine, type FundingLine } from '../../domain/commitments';
import type { CommitmentStatus } from '../../domain/format-types';
import type { Doc } from '../../session';

type Reader = Pick<Doc, 'run'>;

/**
 * Each commitment's enjeux: the top-level ancestor of every item it serves, when that ancestor is an enjeu (the
 * nesting rules, checked at every open, allow four levels: three parent joins reach the top), once per commitment.
 * A commitment with none is « Sans enjeu » (its LEFT JOIN finds no row).
 */
const COMMITMENT_ENJEU = `commitment_enjeu(commitment_id, enjeu_id) AS MATERIALIZED (
  SELECT DISTINCT commitment_id, enjeu_id FROM (SELECT cn.commitment_id, CASE
      WHEN n.parent_id IS NULL THEN CASE n.kind WHEN 'enjeu' THEN n.id END
      WHEN p1.parent_id IS NULL THEN CASE p1.kind WHEN 'enjeu' THEN p1.id END
      WHEN p2.parent_id IS NULL THEN CASE p2.kind WHEN 'enjeu' THEN p2.id END
      WHEN p3.parent_id IS NULL THEN CASE p3.kind WHEN 'enjeu' THEN p3.id END END AS enjeu_id
    FROM commitment_node cn JOIN node n ON n.id = cn.node_id LEFT JOIN node p1 ON p1.id = n.parent_id
      LEFT JOIN node p2 ON p2.id = p1.parent_id LEFT JOIN node p3 ON p3.id = p2.parent_id)
  WHERE enjeu_id IS NOT NULL
)`;

const line = (key: string, label: string): FundingLine => ({ key, label, droitCommun: 0, creditsSpecifiques: 0, nonPrecise: 0 });

function addSum(l: FundingLine, nature: string | null, amount: number): void {
  if (nature === 'droit-commun') l.droitCommun += amount;
  else if (nature === 'credits-specifiques') l.creditsSpecifiques += amount;
  else l.nonPrecise += amount;
}

export function readOverview(store: Reader, today: string): CommitmentsOverview {
  const partners = store.run.stmt('SELECT id, name FROM partner ORDER BY position').all() as { id: string; name: string }[];
  const enjeux = store.run
    .stmt("SELECT id, title FROM node WHERE parent_id IS NULL AND kind = 'enjeu' ORDER BY order_key, id")
    .all() as { id: string; title: string }[];

  // Partner × enjeu, in one pass: how many, the statuses met (the worst chosen by the domain's rule) and the amounts
  // by nature. A commitment has one partner, so a column's cells add up to the enjeu's line of the split.
  const partnerIndex = new Map(partners.map((p, i) => [p.id, i]));
  const enjeuIndex = new Map(enjeux.map((e, i) => [e.id, i]));
  const byPartner = partners.map((p) => line(p.id, p.name));
  const byEnjeu = enjeux.map((e) => line(e.id, e.title));
  const total = line('total', 'Total');
  const cells: CommitmentsOverview['cells'] = [];
  const rows = store.run
    .stmt(
      `WITH ${COMMITMENT_ENJEU}
       SELECT c.partner_id, e.enjeu_id, count(*), group_concat(DISTINCT coalesce(c.status, 'propose')),
         sum(CASE WHEN f.nature = 'droit-commun' THEN f.amount END), sum(CASE WHEN f.nature = 'credits-specifiques' THEN f.amount END),
         sum(CASE WHEN f.nature IS NULL OR f.nature NOT IN ('droit-commun', 'credits-specifiques') THEN f.amount END)
       FROM commitment c LEFT JOIN commitment_enjeu e ON e.commitment_id = c.id LEFT JOIN commitment_funding f ON f.commitment_id = c.id
       GROUP BY 1, 2`,
    )
    .raw(true)
    .all() as [string, string | null, number, string, number | null, number | null, number | null][];
  let orphan = false;
  for (const [partnerId, enjeuId, count, statuses, dc, cs, np] of rows) {
    const p = partnerIndex.get(partnerId);
    const e = enjeuId === null ? enjeux.length : enjeuIndex.get(enjeuId);
    if (p === undefined || e === undefined) continue;
    if (enjeuId === null) orphan = true;
    cells.push([p, e, count, worstStatus(statuses.split(',') as CommitmentStatus[])]);
    const l = enjeuId === null ? null : byEnjeu[e];
    if (l) {
      l.droitCommun += dc ?? 0;
      l.creditsSpecifiques += cs ?? 0;
      l.nonPrecise += np ?? 0;
    }
  }
  // Per partner (each commitment once, whatever the enjeux it serves) and in all.
  const sums = store.run
    .stmt(
      `SELECT c.partner_id, f.nature, sum(f.amount) FROM commitment_funding f JOIN commitment c ON c.id = f.commitment_id
       WHERE f.amount IS NOT NULL GROUP BY c.partner_id, f.nature`,
    )
    .raw(true)
    .all() as [string, string | null, number][];
  for (const [partnerId, nature, amount] of sums) {
    addSum(total, nature, amount);
    const p = partnerIndex.get(partnerId);
    if (p !== undefined) addSum(byPartner[p], nature, amount);
  }
  const some = (l: FundingLine) => l.droitCommun + l.creditsSpecifiques + l.nonPrecise > 0;

  // The late list: deadline passed, neither kept nor given up, the latest first (then in the list's order).
  const names = new Map(partners.map((p) => [p.id, p.name]));
  const open = store.run
    .stmt("SELECT id, position, partner_id, text, due, status FROM commitment WHERE due IS NOT NULL AND coalesce(status, '') NOT IN ('tenu', 'abandonne')")
    .raw(true)
    .all() as [string, number, string, string, string, CommitmentStatus | null][];
  const late: CommitmentsOverview['late'] = [];
  for (const [id, position, partnerId, text, due, status] of open) {
    const days = daysLate({ due, status }, today);
    if (days === null) continue;
    const l: CommitmentLine = { id, position, partnerId, partnerName: names.get(partnerId) ?? '', text, due, status };
    late.push({ line: l, days });
  }
  late.sort((a, b) => b.days - a.days || a.line.position - b.line.position);
  const count = (store.run.stmt('SELECT count(*) AS n FROM commitment').get() as { n: number }).n;

  return {
    partners,
    enjeux: orphan ? [...enjeux, { id: NO_ENJEU, title: 'Sans enjeu' }] : enjeux,
    cells,
    funding: { byPartner: byPartner.filter(some), byEnjeu: byEnjeu.filter(some), total },
    late,
    count,
  };
}
