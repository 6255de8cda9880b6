// The protocole d'engagements and the note de COPIL as printed documents (PDF, DOCX): their settings kept in the
// file, a preview as data, and the export as a job.
import { z } from 'zod';
import { job } from '../../api/jobs';
import { channel, defineContract } from '../../api/registry';
import type { EditOutcome } from '../../api/types';
import { docId, docInput, path, text } from '../../api/values';
import { isoDateSchema } from '../../domain/dates';
import { PROTOCOLE_PARTS, type DocumentModel, type ProtocoleSettings, type SignaturePlace } from './model-types';
import { ARTICLE_SLOTS, DOCUMENT_TYPES, MAX_CLAUSES, MAX_CLAUSE_TEXT, type LegalFrame, type ReadinessItem } from './legal-types';

export * from './model-types';
export * from './legal-types';

export const DOCUMENT_FORMATS = ['pdf', 'docx', 'note-copil-pdf', 'note-copil-docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

const settingsPatch = z.strictObject({
  preamble: text(100_000).optional(),
  governance: text(100_000).optional(),
  place: text(200).optional(),
  parts: z.array(z.enum(PROTOCOLE_PARTS)).max(PROTOCOLE_PARTS.length).optional(),
  frame: z
    .strictObject({
      documentType: z.enum(DOCUMENT_TYPES).nullable().optional(),
      avenantNumber: z.number().int().min(1).max(999).nullable().optional(),
      visas: z.array(text(MAX_CLAUSE_TEXT)).max(MAX_CLAUSES).nullable().optional(),
      considerants: z.array(text(MAX_CLAUSE_TEXT)).max(MAX_CLAUSES).nullable().optional(),
      articles: z
        .array(z.strictObject({ slot: z.enum(ARTICLE_SLOTS), title: text(300), text: text(MAX_CLAUSE_TEXT) }))
        .max(MAX_CLAUSES)
        .nullable()
        .optional(),
      nonSigning: z.array(text(200)).max(10_000).optional(),
    })
    .optional(),
});

export const protocoleContract = defineContract('protocole', {
  /** The protocole's settings as kept in the file. */
  'protocole.settings': channel<ProtocoleSettings>()(docInput),
  /** Changes the settings: one undoable step; refused markup is told in French and nothing is written. */
  'protocole.update': channel<EditOutcome>()(z.strictObject({ docId, patch: settingsPatch })),
  /** The legal frame as printed (defaults applied), with what is still missing before freezing. */
  'protocole.frame': channel<{ frame: LegalFrame; partners: { id: string; name: string; funding: number; signs: boolean }[]; missing: ReadinessItem[] }>()(docInput),
  /** The document as it will print (the page draws it as HTML). `since`: the note de COPIL instead. */
  'protocole.preview': channel<DocumentModel>()(z.strictObject({ docId, note: z.boolean().optional(), since: isoDateSchema.optional() })),
});

export interface DocumentExportResult {
  path: string;
  format: DocumentFormat;
  /** PDF only: its number of pages and where each signatory's block is (issue 12 places drawn signatures there). */
  pages: number | null;
  signatures: SignaturePlace[];
}

export const protocoleJobs = {
  /**
   * Writes the protocole or the note de COPIL as PDF or DOCX (temporary file, then its name). An existing file is
   * refused unless `replace`. `since` (note de COPIL): the changes since that day; by default, since the last COPIL.
   * `footerText` is printed at the foot of every page, `annexes` are appended (issue 12: fingerprint, avenant).
   */
  'protocole.export': job<DocumentExportResult>()(
    z.strictObject({
      docId,
      path,
      format: z.enum(DOCUMENT_FORMATS),
      replace: z.boolean().optional(),
      since: isoDateSchema.optional(),
      version: text(200).optional(),
      footerText: text(300).optional(),
      annexes: z.array(z.strictObject({ title: text(500).min(1), text: text(1_000_000) })).max(20).optional(),
    }),
  ),
};
