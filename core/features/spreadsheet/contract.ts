// Spreadsheets in and out: a plan d'actions (XLSX, ODS, CSV) read into a new contrat or into the open one, and a
// contrat exported as linked sheets (XLSX, ODS) for Grist, Excel and LibreOffice. Reading and writing are jobs (the
// worker); adding to the open contrat is one channel (one undoable step). Pure: the renderer imports it.
import { z } from 'zod';
import { job } from '../../api/jobs';
import { channel, defineContract } from '../../api/registry';
import type { DocInfo, EditOutcome } from '../../api/types';
import { docId, id, path, text } from '../../api/values';
import type { NodeKind } from '../../domain/tree';
import { ROLES, type Role } from './model/roles';
import type { SheetProblem } from './model/problems';

export { ROLES, ROLE_LABELS, type Role } from './model/roles';
export { problemText, type SheetProblem } from './model/problems';

/** A file chosen in the page is sent as base64 (at most the reader's bound, 25 Mo, once decoded). */
export const SHEET_UPLOAD_MAX_BASE64 = Math.ceil((25 * 1024 * 1024) / 3) * 4;

export interface PreviewColumn { index: number; letter: string; header: string; role: Role; /** The first values below the header. */ sample: string[] }
export interface PreviewNode { depth: number; kind: NodeKind; title: string }

export interface SheetPreview {
  previewId: string;
  fileName: string;
  format: 'xlsx' | 'ods' | 'csv';
  sheets: string[];
  sheet: string;
  /** A workbook Trame exported (its linked sheets): read back with its ids, into a new contrat only. */
  ownLayout: boolean;
  target: 'new' | 'open';
  headerLine: number | null;
  columns: PreviewColumn[];
  /** The mapping came from an earlier import of the same layout. */
  remembered: boolean;
  title: string | null;
  /** The tree it will build (the first items). */
  tree: PreviewNode[];
  counts: { enjeu: number; objectif: number; action: number; indicateur: number; partners: number; newPartners: number; commitments: number };
  /** The partners it will name (the first ones); `existing`: already in the contrat, matched by name. */
  partners: { name: string; existing: boolean }[];
  errors: SheetProblem[];
  errorCount: number;
}

export interface SheetImportResult { outcome: EditOutcome; nodes: number; partners: number; commitments: number }

const upload = z.strictObject({ name: text(255), base64: z.string().max(SHEET_UPLOAD_MAX_BASE64) });

export const spreadsheetContract = defineContract('spreadsheet', {
  /** Adds a preview (spreadsheet.preview, target « open ») to the open contrat, all or nothing, as ONE undoable step. */
  'spreadsheet.commit': channel<SheetImportResult>()(z.strictObject({ docId, previewId: id })),
});

export const spreadsheetJobs = {
  /** Reads a spreadsheet and plans the import (nothing written); the plan is kept for spreadsheet.commit / spreadsheet.create. */
  'spreadsheet.preview': job<SheetPreview>()(
    z
      .strictObject({
        /** Into the open contrat (`docId` required) or a new one. */
        target: z.enum(['new', 'open']),
        docId: docId.optional(),
        path: path.optional(),
        upload: upload.optional(),
        sheet: text(200).optional(),
        /** Each column's role, by index (the preview's choice). */
        mapping: z.array(z.enum(ROLES)).max(1000).optional(),
        /** Roles by header text (`trame import-tableur --colonnes`). */
        mappingByHeader: z.record(z.string().max(500), z.enum(ROLES)).optional(),
      })
      .refine((v) => (v.path === undefined) !== (v.upload === undefined), { message: 'donnez soit un chemin, soit le contenu du fichier' })
      .refine((v) => v.target === 'new' || v.docId !== undefined, { message: 'le contrat ouvert manque' }),
  ),
  /** Creates a new .trame file from a preview without error (target « new »), and opens it. */
  'spreadsheet.create': job<DocInfo>()(z.strictObject({ previewId: id, path })),
  /** Writes the contrat as linked sheets (XLSX or ODS). An existing file is replaced only when `replace`. */
  'spreadsheet.export': job<{ path: string }>()(z.strictObject({ docId, path, format: z.enum(['xlsx', 'ods']), replace: z.boolean().optional() })),
};
