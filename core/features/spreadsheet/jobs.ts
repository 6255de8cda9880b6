// The spreadsheet jobs, each declared once: the preview (read and planned in the worker, kept here until confirmed),
// the new contrat made from it (created by the worker, opened here), and the export as linked sheets (a snapshot,
// written by the worker).
import path from 'node:path';
import { kysely } from '../../../db/query';
import { TrameError } from '../../api/result';
import { newTrameFilePath } from '../../files';
import type { JobsOf } from '../../jobs/types';
import { prepareTarget, snapshotOf, type FeatureContext } from '../../session';
import { previewsOf } from './cache';
import type { spreadsheetJobs } from './contract';
import { LayoutMemory } from './memory';
import { nounFor } from '../../domain/plural';
import { createContrat, exportSheets, previewSheet, type CreatePayload, type ExportPayload, type PreviewPayload, type PreviewWork } from './work';

export const spreadsheetJobDeclarations: JobsOf<FeatureContext, typeof spreadsheetJobs> = {
  'spreadsheet.preview': {
    prepare: (ctx, input) => {
      const existingPartners = input.target === 'open' ? ctx.docs.docOf(input.docId!).run.all(kysely.selectFrom('partner').select(['id', 'name'])) : [];
      const base = { target: input.target, sheet: input.sheet, mapping: input.mapping, mappingByHeader: input.mappingByHeader, memory: new LayoutMemory(ctx.host.appDataDir).all(), existingPartners };
      if (input.upload) {
        const bytes = new Uint8Array(Buffer.from(input.upload.base64, 'base64'));
        const payload: PreviewPayload = { ...base, name: path.basename(input.upload.name), bytes };
        return { payload, transfer: [bytes.buffer as ArrayBuffer] };
      }
      const file = path.resolve(input.path!);
      const payload: PreviewPayload = { ...base, name: path.basename(file), file };
      return { payload };
    },
    work: previewSheet,
    finish: (ctx, result: PreviewWork, input) => {
      const previewId = previewsOf(ctx).put(input.target === 'open' ? input.docId! : null, result.kept);
      return { previewId, ...result.preview };
    },
  },
  'spreadsheet.create': {
    prepare: (ctx, { previewId, path: p }) => {
      const kept = previewsOf(ctx).take(previewId, null);
      if (kept.target !== 'new' || !kept.document) throw new TrameError('entree-invalide', "Cet aperçu prépare un ajout au contrat ouvert, pas un nouveau contrat : relancez l'import.");
      if (kept.errorCount > 0) {
        throw new TrameError('entree-invalide', `Import refusé : ${kept.errorCount} ${nounFor(kept.errorCount, 'erreur')} dans « ${kept.fileName} ». Aucun fichier n'a été créé.`);
      }
      const payload: CreatePayload = { file: newTrameFilePath(p), document: kept.document };
      return { payload };
    },
    work: createContrat,
    finish: (ctx, result: { file: string }, { previewId }) => {
      const previews = previewsOf(ctx);
      const kept = previews.take(previewId, null);
      previews.drop(previewId);
      if (kept.layoutKey) new LayoutMemory(ctx.host.appDataDir).remember(kept.layoutKey, kept.mapping);
      return ctx.docs.open(result.file);
    },
  },
  'spreadsheet.export': {
    prepare: ({ docs }, { docId, path: p, format, replace }) => {
      const target = prepareTarget(p, `.${format}`, format === 'xlsx' ? 'Le classeur XLSX' : 'Le classeur ODS', replace);
      const { image, documentId, transfer } = snapshotOf(docs.docOf(docId));
      const payload: ExportPayload = { image, documentId, format, ...target };
      return { payload, transfer };
    },
    work: exportSheets,
    finish: (_ctx, result: { path: string }) => result,
  },
};
