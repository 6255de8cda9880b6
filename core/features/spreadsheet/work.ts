// The spreadsheet jobs as they run in the worker thread: reading a file and planning the import (nothing written),
// creating a new contrat from a plan, writing the linked sheets from a snapshot. Never on a main-thread connection.
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { TrameError } from '../../api/result';
import type { TrameDocument, TreeNodeDoc } from '../../domain/format-types';
import { fsError, writeFileAtomic } from '../../files';
import { parseTrameDocument } from '../../format/schema';
import type { WorkContext } from '../../jobs/types';
import { openImage } from '../../../db/image';
import { Runner } from '../../../db/query';
import { createFromDocument, exportDocument } from '../files';
import type { PreviewNode, SheetPreview } from './contract';
import { isOwnLayout, readOwnLayout } from './model/own-layout';
import { findHeader, newPartners, planSheet, unmerge, type Plan } from './model/plan';
import { fold, guessMapping, layoutKey, type Role } from './model/roles';
import { documentTables } from './model/tables';
import { cellText } from './model/values';
import { readWorkbook, type Workbook } from './read';
import { writeOds } from './write-ods';
import { writeXlsx } from './write-xlsx';
import { LIMITS, SheetRefused } from './zip';

export interface PreviewPayload {
  target: 'new' | 'open';
  name: string;
  file?: string;
  bytes?: Uint8Array;
  sheet?: string;
  mapping?: Role[];
  mappingByHeader?: Record<string, Role>;
  /** Mappings chosen before, by layout key (the app's settings). */
  memory: Record<string, Role[]>;
  existingPartners: { id: string; name: string }[];
}

/** What the main thread keeps until the user confirms: a whole new contrat, or what to add to the open one. */
export interface Kept {
  target: 'new' | 'open';
  fileName: string;
  layoutKey: string | null;
  mapping: Role[];
  errorCount: number;
  document: TrameDocument | null;
  plan: Pick<Plan, 'tree' | 'partners' | 'commitments'> | null;
}

export interface PreviewWork { preview: Omit<SheetPreview, 'previewId'>; kept: Kept }

const SHOWN = 300;

function readBytes(file: string): Uint8Array {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new TrameError('entree-invalide', `« ${path.basename(file)} » n'est pas un fichier.`);
    if (st.size > LIMITS.fileBytes) {
      throw new TrameError('entree-invalide', `« ${path.basename(file)} » pèse ${Math.round(st.size / 1048576)} Mo (au plus ${LIMITS.fileBytes / 1048576} Mo) : ce tableur est refusé.`);
    }
    return readFileSync(file);
  } catch (err) {
    if (err instanceof TrameError) throw err;
    throw fsError(err, file, 'lire');
  }
}

function treeOf(tree: TreeNodeDoc[]): { shown: PreviewNode[]; counts: Record<'enjeu' | 'objectif' | 'action' | 'indicateur', number> } {
  const shown: PreviewNode[] = [];
  const counts = { enjeu: 0, objectif: 0, action: 0, indicateur: 0 };
  const walk = (list: TreeNodeDoc[], depth: number) => {
    for (const n of list) {
      counts[n.kind]++;
      if (shown.length < SHOWN) shown.push({ depth, kind: n.kind, title: n.title });
      walk(n.children ?? [], depth + 1);
    }
  };
  walk(tree, 0);
  return { shown, counts };
}

function pickSheet(wb: Workbook, wanted: string | undefined): number {
  if (wanted !== undefined) {
    const i = wb.sheets.findIndex((s) => s.name === wanted);
    if (i < 0) throw new SheetRefused(`la feuille « ${wanted} » n'existe pas (feuilles : ${wb.sheets.map((s) => `« ${s.name} »`).join(', ')}).`);
    return i;
  }
  const i = wb.sheets.findIndex((s) => findHeader(unmerge(s)) !== null);
  return i < 0 ? 0 : i;
}

export function previewSheet(p: PreviewPayload, ctx: WorkContext): PreviewWork {
  const deadline = Date.now() + LIMITS.millis;
  ctx.progress(0, null, 'Lecture du tableur');
  const bytes = p.bytes ?? readBytes(p.file!);
  let wb: Workbook;
  try {
    wb = readWorkbook(bytes, p.name, deadline);
  } catch (err) {
    if (err instanceof SheetRefused) throw new TrameError('entree-invalide', `« ${p.name} » : ${err.message} Rien n'a été importé.`, [err.message]);
    throw err;
  }
  ctx.checkCancelled();
  ctx.progress(1, 2, 'Lecture des lignes');
  const base = { fileName: p.name, format: wb.format, sheets: wb.sheets.map((s) => s.name), target: p.target };
  if (wb.format !== 'csv' && isOwnLayout(wb.sheets)) {
    const { document, errors } = readOwnLayout(wb.sheets);
    if (p.target === 'open') {
      errors.unshift({ sheet: 'Arbre', line: null, column: null, message: "ce classeur est un export de Trame (ses feuilles liées, avec leurs identifiants) : il s'importe comme un nouveau contrat, pas dans le contrat ouvert." });
    }
    const { shown, counts } = treeOf(document?.tree ?? []);
    return {
      preview: {
        ...base, sheet: 'Arbre', ownLayout: true, headerLine: 1, columns: [], remembered: false, title: document?.contrat.name ?? null, tree: shown,
        counts: { ...counts, partners: document?.partners?.length ?? 0, newPartners: document?.partners?.length ?? 0, commitments: document?.commitments?.length ?? 0 },
        partners: (document?.partners ?? []).slice(0, SHOWN).map((x) => ({ name: x.name, existing: false })),
        errors: errors.slice(0, SHOWN), errorCount: errors.length,
      },
      kept: { target: p.target, fileName: p.name, layoutKey: null, mapping: [], errorCount: errors.length, document: p.target === 'new' ? document : null, plan: null },
    };
  }
  const index = pickSheet(wb, p.sheet);
  const sheet = wb.sheets[index];
  const rows = unmerge(sheet);
  const known = new Set(Object.keys(p.mappingByHeader ?? {}).map(fold));
  const h = findHeader(rows, known);
  const headers = h === null ? [] : (rows[h] ?? []).map(cellText);
  const key = h === null ? null : layoutKey(headers);
  let mapping: Role[] | null = p.mapping ?? null;
  if (!mapping && p.mappingByHeader) {
    const by = new Map(Object.entries(p.mappingByHeader).map(([k, v]) => [fold(k), v] as const));
    mapping = guessMapping(headers).map((r, i) => by.get(fold(headers[i] ?? '')) ?? r);
  }
  const remembered = !mapping && key !== null && Array.isArray(p.memory[key]) ? p.memory[key] : null;
  const plan = planSheet({ ...sheet, rows, merges: [] }, { mapping, remembered, existingPartners: p.existingPartners, newId: randomUUID, headerRow: h });
  ctx.checkCancelled();
  let document: TrameDocument | null = null;
  if (p.target === 'new') {
    document = {
      format: 'trame', version: 1, id: randomUUID(),
      contrat: { name: (plan.title ?? path.basename(p.name).replace(/\.[^.]+$/, '')).slice(0, 300) || 'Contrat importé', epci: 'À préciser', pillar: 'emploi', period: { start: 2024, end: 2030 } },
      tree: plan.tree,
    };
    const partners = newPartners(plan);
    if (partners.length) document.partners = partners;
    if (plan.commitments.length) document.commitments = plan.commitments;
  }
  const { shown, counts } = treeOf(plan.tree);
  const dataRows = h === null ? [] : rows.slice(h + 1, h + 6);
  return {
    preview: {
      ...base, sheet: sheet.name, ownLayout: false, headerLine: plan.headerLine,
      columns: plan.columns.map((c) => ({ ...c, sample: dataRows.map((r) => cellText(r?.[c.index] ?? null).slice(0, 80)).filter(Boolean).slice(0, 3) })),
      remembered: remembered !== null, title: plan.title, tree: shown,
      counts: { ...counts, partners: plan.partners.length, newPartners: plan.partners.filter((x) => !x.existing).length, commitments: plan.commitments.length },
      partners: plan.partners.slice(0, SHOWN).map((x) => ({ name: x.name, existing: x.existing })),
      errors: plan.errors.slice(0, SHOWN), errorCount: plan.errors.length,
    },
    kept: {
      target: p.target, fileName: p.name, layoutKey: key, mapping: plan.columns.map((c) => c.role), errorCount: plan.errors.length, document,
      plan: p.target === 'open' ? { tree: plan.tree, partners: plan.partners, commitments: plan.commitments } : null,
    },
  };
}

export interface CreatePayload { file: string; document: TrameDocument }

export function createContrat({ file, document }: CreatePayload, ctx: WorkContext): { file: string } {
  ctx.progress(0, null, 'Vérification du contrat');
  const doc = parseTrameDocument(document);
  ctx.checkCancelled();
  createFromDocument(file, doc, (done, total) => {
    ctx.checkCancelled();
    ctx.progress(done, total, 'Création du contrat');
  });
  return { file };
}

export interface ExportPayload { image: Uint8Array; documentId: string | null; file: string; replace: boolean; format: 'xlsx' | 'ods' }

/** The linked sheets' bytes, from the interchange document. */
export function sheetsBytes(doc: TrameDocument, format: 'xlsx' | 'ods'): Uint8Array {
  const tables = documentTables(doc);
  return format === 'xlsx' ? writeXlsx(tables) : writeOds(tables);
}

export function exportSheets({ image, documentId, file, replace, format }: ExportPayload, ctx: WorkContext): { path: string } {
  ctx.progress(0, null, 'Lecture du contrat');
  const db = openImage(image, { readonly: true });
  try {
    const doc = exportDocument({ run: new Runner(db), documentId }, () => ctx.checkCancelled());
    ctx.progress(1, 2, 'Écriture du classeur');
    const bytes = sheetsBytes(doc, format);
    ctx.checkCancelled();
    writeFileAtomic(file, bytes, { replace });
    return { path: file };
  } finally {
    db.close();
  }
}
