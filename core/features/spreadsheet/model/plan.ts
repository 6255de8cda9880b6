// A plan d'actions read into a contrat: the header row found, the columns' roles (given, remembered or guessed),
// the hierarchy read as spreadsheets write it (the parent repeated, or written once and left blank below, or merged
// cells), partners (two in a cell give two commitments), amounts and dates the French way. Every line that cannot be
// read is reported with its sheet, line and column; the plan is taken whole or not at all. Pure.
import type { CommitmentDoc, CommitmentStatus, PartnerDoc, TreeNodeDoc } from '../../../domain/format-types';
import type { NodeKind, Tag } from '../../../domain/tree';
import type { SheetProblem } from './problems';
import { columnLetter, fold, guessMapping, guessRole, headerScore, LEVEL_ROLES, partnerKey, ROLE_LABELS, type Role } from './roles';
import { cellText, isBlank, isFormulaCell, readAmount, readDate, readNumber, readStatus, readTag, splitNames, type Cell } from './values';

export interface GridSheet { name: string; rows: Cell[][]; merges: { s: { r: number; c: number }; e: { r: number; c: number } }[] }
export interface Column { index: number; letter: string; header: string; role: Role }
export interface PlannedPartner { id: string; name: string; existing: boolean }

export interface Plan {
  headerLine: number | null;
  columns: Column[];
  /** The title written above the header row (the contrat's name for a new contrat), if any. */
  title: string | null;
  tree: TreeNodeDoc[];
  partners: PlannedPartner[];
  commitments: CommitmentDoc[];
  errors: SheetProblem[];
}

const HEADER_SEARCH = 30;

/** Merged cells are read as if their value were written in each cell they cover. */
export function unmerge(sheet: GridSheet): Cell[][] {
  const rows = sheet.rows;
  for (const m of sheet.merges) {
    const v = rows[m.s.r]?.[m.s.c] ?? null;
    if (v === null) continue;
    for (let r = m.s.r; r <= m.e.r && r < rows.length; r++) {
      const row = rows[r] ?? (rows[r] = []);
      for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) row[c] = v;
    }
  }
  return rows;
}

/**
 * The header row: among the first rows, the first with the most headers a role is guessed for (at least two);
 * `known` (folded) are headers the user mapped themselves (`--colonnes`), which count too.
 */
export function findHeader(rows: Cell[][], known: ReadonlySet<string> = new Set()): number | null {
  let best = -1;
  let score = 1;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH); r++) {
    const texts = (rows[r] ?? []).map(cellText);
    const s = headerScore(texts) + texts.filter((t) => known.has(fold(t)) && guessRole(t) === 'ignorer').length;
    if (s > score) {
      best = r;
      score = s;
    }
  }
  return best < 0 ? null : best;
}

export interface PlanOptions {
  /** Roles by column index (the preview's choice), or null to guess (or use `remembered`). */
  mapping: Role[] | null;
  remembered?: Role[] | null;
  /** The contrat's partners (matched by name, never duplicated). */
  existingPartners: { id: string; name: string }[];
  newId: () => string;
  /** The header row (0-based) when the caller found it already. */
  headerRow?: number | null;
}

export function planSheet(sheet: GridSheet, o: PlanOptions): Plan {
  const rows = unmerge(sheet);
  const errors: SheetProblem[] = [];
  const problem = (line: number | null, column: Column | null, message: string) =>
    errors.push({ sheet: sheet.name, line, column: column ? `${column.letter} (${column.header || 'sans en-tête'})` : null, message });
  const empty: Plan = { headerLine: null, columns: [], title: null, tree: [], partners: [], commitments: [], errors };
  const h = o.headerRow !== undefined ? o.headerRow : findHeader(rows);
  if (h === null) {
    problem(null, null, `ligne d'en-tête introuvable dans les ${HEADER_SEARCH} premières lignes : aucune ligne ne porte au moins deux titres de colonne reconnus (Axe, Objectif, Action, Pilote, Montant, Échéance…).`);
    return empty;
  }
  const headerCells = rows[h] ?? [];
  const width = Math.max(headerCells.length, ...rows.slice(h, h + 50).map((r) => r?.length ?? 0));
  const headers = Array.from({ length: width }, (_, i) => cellText(headerCells[i] ?? null));
  const chosen = o.mapping ?? o.remembered ?? guessMapping(headers);
  const columns: Column[] = headers.map((header, index) => ({ index, letter: columnLetter(index), header, role: chosen[index] ?? 'ignorer' }));
  let title: string | null = null;
  for (let r = 0; r < h && title === null; r++) for (const c of rows[r] ?? []) if (!isBlank(c) && typeof c === 'string') (title = cellText(c));
  const plan: Plan = { ...empty, headerLine: h + 1, columns, title };

  // The mapping itself: each role once, and the levels from the top.
  const byRole = new Map<Role, Column>();
  for (const col of columns) {
    if (col.role === 'ignorer') continue;
    const other = byRole.get(col.role);
    if (other) problem(h + 1, col, `les colonnes ${other.letter} (${other.header}) et ${col.letter} (${col.header}) ont le même rôle « ${ROLE_LABELS[col.role]} » : donnez un autre rôle à l'une d'elles.`);
    else byRole.set(col.role, col);
  }
  const levels = LEVEL_ROLES.filter((r) => byRole.has(r));
  if (levels.length === 0) problem(h + 1, null, "aucune colonne n'a le rôle Enjeu, Objectif ou Action : l'arbre ne peut pas être construit.");
  for (let k = 1; k < LEVEL_ROLES.length; k++) {
    if (byRole.has(LEVEL_ROLES[k]) && !byRole.has(LEVEL_ROLES[k - 1])) {
      problem(h + 1, byRole.get(LEVEL_ROLES[k])!, `la colonne « ${ROLE_LABELS[LEVEL_ROLES[k]]} » n'a pas de colonne « ${ROLE_LABELS[LEVEL_ROLES[k - 1]]} » au-dessus d'elle : choisissez la colonne du niveau manquant.`);
    }
  }
  if (errors.length) return plan;

  const levelCols = levels.map((r) => byRole.get(r)!);
  const col = (r: Role) => byRole.get(r) ?? null;
  const nodes = new Map<string, TreeNodeDoc>();
  const partnersByKey = new Map<string, PlannedPartner>(o.existingPartners.map((p) => [partnerKey(p.name), { id: p.id, name: p.name, existing: true }]));
  const usedPartners = new Map<string, PlannedPartner>();
  const commitmentKeys = new Set<string>();
  const previous: (string | null)[] = levelCols.map(() => null);

  const partnerOf = (name: string): PlannedPartner => {
    const key = partnerKey(name);
    let p = partnersByKey.get(key);
    if (!p) partnersByKey.set(key, (p = { id: o.newId(), name, existing: false }));
    usedPartners.set(key, p);
    return p;
  };

  for (let r = h + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const line = r + 1;
    if (row.every((c) => isBlank(c))) continue;
    const cell = (c: Column | null): Cell => (c ? (row[c.index] ?? null) : null);
    let bad = false;
    for (const c of columns) {
      const v = row[c.index] ?? null;
      if (c.role !== 'ignorer' && isFormulaCell(v)) {
        problem(line, c, `la cellule ne contient qu'une formule (${v.formula}) sans valeur enregistrée : Trame ne calcule pas les formules ; enregistrez le classeur avec ses valeurs, ou remplacez la formule par sa valeur.`);
        bad = true;
      }
    }
    if (bad) continue;
    // The levels of this line: a blank cell means « the same as above » while no higher level changed.
    const values: (string | null)[] = [];
    let changed = false;
    for (let k = 0; k < levelCols.length; k++) {
      const t = cellText(cell(levelCols[k]));
      if (t) {
        if (t !== previous[k]) changed = true;
        values.push(t);
      } else values.push(changed ? null : previous[k]);
    }
    const deepest = values.reduce<number>((d, v, k) => (v ? k : d), -1);
    if (deepest < 0) {
      problem(line, null, "la ligne ne nomme aucun élément de l'arbre (enjeu, objectif ou action) alors que d'autres colonnes sont remplies.");
      continue;
    }
    const gap = values.slice(0, deepest).findIndex((v) => !v);
    if (gap >= 0) {
      const kind = levels[deepest] as NodeKind;
      problem(line, levelCols[gap], `${kind === 'action' ? "l'action" : kind === 'objectif' ? "l'objectif" : "l'élément"} « ${values[deepest]} » n'a pas ${levels[gap] === 'enjeu' ? "d'enjeu" : "d'objectif"} : remplissez cette cellule (ou celle de la ligne au-dessus).`);
      continue;
    }
    // Values first (a refused cell refuses the whole line), the tree afterwards.
    const read = <T>(role: Role, fn: (c: Cell) => { ok: true; value: T } | { ok: false; reason: string }): T | null => {
      const c = col(role);
      const v = cell(c);
      if (!c || isBlank(v)) return null;
      const res = fn(v);
      if (res.ok) return res.value;
      problem(line, c, `${res.reason}.`);
      bad = true;
      return null;
    };
    const due = read('echeance', readDate);
    const status = read<CommitmentStatus>('statut', readStatus);
    const tag = read<Tag>('decision', readTag);
    const target = read('cible', readNumber);
    const baseline = read('reference', readNumber);
    const amounts = (['montant', 'credits-pv', 'droit-commun'] as const).map((role) => ({ role, value: read(role, readAmount) }));
    const indicatorTitle = cellText(cell(col('indicateur')));
    if (!indicatorTitle && (target !== null || baseline !== null)) {
      problem(line, col(target !== null ? 'cible' : 'reference'), "une cible ou une valeur de référence sans indicateur sur la même ligne : nommez l'indicateur.");
      bad = true;
    }
    const tooLong = (role: Role | null, text: string, max: number, c: Column | null = role ? col(role) : null) => {
      if (text.length <= max) return;
      problem(line, c, `texte trop long (${text.length} caractères, au plus ${max}) : raccourcissez-le.`);
      bad = true;
    };
    for (let k = 0; k <= deepest; k++) tooLong(null, values[k]!, 500, levelCols[k]);
    tooLong('indicateur', indicatorTitle, 500);
    tooLong('description', cellText(cell(col('description'))), 20_000);
    tooLong('motif', cellText(cell(col('motif'))), 5_000);
    tooLong('unite', cellText(cell(col('unite'))), 40);
    const names = (role: Role) => splitNames(cell(col(role)));
    const pilots = names('pilote');
    const funders = names('financeur');
    const others = names('partenaires');
    const funded = amounts.filter((a) => a.value !== null);
    for (const n of [...pilots, ...funders, ...others]) tooLong(null, n, 300, col('pilote') ?? col('financeur') ?? col('partenaires'));
    const payer = funders.length ? funders : pilots.length ? pilots : others;
    if (funded.length && payer.length !== 1) {
      const c = col(funded[0].role)!;
      problem(line, c, payer.length === 0
        ? 'un montant sans financeur, pilote ni partenaire sur la ligne : à qui est-il ?'
        : `un montant pour ${payer.length} financeurs (${payer.join(', ')}) : écrivez une ligne par financeur et son montant.`);
      bad = true;
    }
    if (bad) continue;

    // The tree: the same title under the same parent is the same item.
    let parent: TreeNodeDoc | null = null;
    let parentKey = '';
    for (let k = 0; k <= deepest; k++) {
      const key = `${parentKey}\u0000${values[k]!.toLowerCase()}`;
      let n = nodes.get(key);
      if (!n) {
        n = { id: o.newId(), kind: levels[k] as NodeKind, title: values[k]! };
        nodes.set(key, n);
        if (parent) (parent.children ??= []).push(n);
        else plan.tree.push(n);
      }
      parent = n;
      parentKey = key;
    }
    for (let k = 0; k < values.length; k++) previous[k] = values[k];
    const node = parent!;
    const description = cellText(cell(col('description')));
    if (description && !node.description) node.description = description;
    if (tag && !node.tag) node.tag = tag;
    const motif = cellText(cell(col('motif')));
    if (motif && !node.tagNote) node.tagNote = motif;
    if (indicatorTitle) {
      if (node.kind === 'enjeu') {
        problem(line, col('indicateur'), `un indicateur se place sous un objectif ou une action, pas directement sous l'enjeu « ${node.title} ».`);
        continue;
      }
      const key = `${parentKey}\u0000indicateur\u0000${indicatorTitle.toLowerCase()}`;
      if (!nodes.has(key)) {
        const ind: TreeNodeDoc = { id: o.newId(), kind: 'indicateur', title: indicatorTitle };
        const unit = cellText(cell(col('unite')));
        if (unit || target !== null || baseline !== null) {
          ind.indicator = {};
          if (unit) ind.indicator.unit = unit;
          if (target !== null) ind.indicator.target = { value: target };
          if (baseline !== null) ind.indicator.baseline = { value: baseline };
        }
        (node.children ??= []).push(ind);
        nodes.set(key, ind);
      }
    }
    // One commitment per partner, item and kind (pilote, partenaire, financeur, and funding nature).
    const commit = (name: string, kind: string, text: string, funding?: CommitmentDoc['funding']) => {
      const p = partnerOf(name);
      const key = `${p.id}|${node.id}|${kind}`;
      if (commitmentKeys.has(key)) return;
      commitmentKeys.add(key);
      const c: CommitmentDoc = { id: o.newId(), partner: p.id, nodes: [node.id!], text };
      if (due) c.due = due;
      if (status) c.status = status;
      if (funding) c.funding = funding;
      plan.commitments.push(c);
    };
    for (const n of pilots) commit(n, 'p', `Piloter « ${node.title} »`);
    for (const n of others) commit(n, 'c', `Contribuer à « ${node.title} »`);
    for (const n of funders) if (!funded.length) commit(n, 'f', `Financer « ${node.title} »`);
    for (const a of funded) {
      const nature = a.role === 'credits-pv' ? 'credits-specifiques' : a.role === 'droit-commun' ? 'droit-commun' : undefined;
      const label = nature === 'credits-specifiques' ? ' (crédits politique de la ville)' : nature === 'droit-commun' ? ' (droit commun)' : '';
      commit(payer[0], `f${a.role}`, `Financer « ${node.title} »${label}`, nature ? { amount: a.value!, nature } : { amount: a.value! });
    }
  }
  plan.partners = [...usedPartners.values()];
  return plan;
}

/** The new partners of a plan, in the interchange format. */
export function newPartners(plan: Plan): PartnerDoc[] {
  return plan.partners.filter((p) => !p.existing).map((p) => ({ id: p.id, name: p.name }));
}
