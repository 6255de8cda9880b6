// The export of the protocole or the note de COPIL, as it runs inside the worker thread: on a snapshot of the
// open contrat, never on a connection of the main thread. The file appears only when complete.
import { setFlagsFromString } from 'node:v8';
import { openImage } from '../../../db/image';
import { Runner } from '../../../db/query';
import { AtomicFile, writeFileAtomic } from '../../files';
import type { WorkContext } from '../../jobs/types';
import { exportDocument } from '../files';
import type { DocumentExportResult, DocumentFormat } from './contract';
import { renderDocx } from './docx';
import { markupOrThrow } from './markup';
import { buildProtocole } from './model';
import { readNetChanges } from '../indicators';
import { buildNote, lastCopilDate } from './note';
import { renderPdf, writePdf, type RenderHooks } from './pdf';
import { readSettings } from './queries';

export interface DocumentPayload {
  image: Uint8Array;
  documentId: string | null;
  file: string;
  format: DocumentFormat;
  replace: boolean;
  today: string;
  since?: string;
  version?: string;
  footerText?: string;
  /** The PDF's Keywords (a frozen version's fingerprint). */
  keywords?: string;
  annexes?: { title: string; text: string }[];
  /** A frozen version after the first: printed as « Avenant n° N » whatever the document type chosen. */
  avenant?: number;
}


/**
 * The document's model. The contrat read from the snapshot is needed only here: it is unreachable once the model is
 * built, and not held in memory while the document is laid out (issue 22).
 */
function modelOf(run: Runner, documentId: string | null, p: Omit<DocumentPayload, 'image' | 'file' | 'replace' | 'documentId'>) {
  const doc = exportDocument({ run, documentId });
  return p.format.startsWith('note-copil')
    ? buildNote(doc, { date: p.today, since: p.since, changes: readNetChanges({ run }, p.since ?? lastCopilDate(doc)), footerText: p.footerText })
    : buildProtocole(doc, readSettings({ run }), {
        date: p.today,
        version: p.version,
        ...(p.avenant ? { avenant: p.avenant } : {}),
        footerText: p.footerText,
        keywords: p.keywords,
        annexes: p.annexes?.map((a) => ({ title: a.title, blocks: markupOrThrow(a.text, `Annexe « ${a.title.slice(0, 60)} »`) })),
      });
}

/** The document as bytes, from a readable snapshot (also used by the CLI's tests and the bench). */
export async function makeDocument(run: Runner, documentId: string | null, p: Omit<DocumentPayload, 'image' | 'file' | 'replace' | 'documentId'>, hooks: RenderHooks = {}) {
  const model = modelOf(run, documentId, p);
  if (p.format === 'pdf' || p.format === 'note-copil-pdf') {
    const r = await renderPdf(model, hooks);
    return { bytes: r.pdf, pages: r.pages, signatures: r.signatures };
  }
  return { bytes: await renderDocx(model, hooks), pages: null, signatures: [] };
}

export async function exportFile(payload: DocumentPayload, ctx: WorkContext): Promise<DocumentExportResult> {
  ctx.progress(0, null, 'Lecture du contrat');
  const hooks: RenderHooks = {
    step(done, total) {
      ctx.checkCancelled();
      ctx.progress(done, total, 'Mise en page');
    },
  };
  if (payload.format === 'pdf' || payload.format === 'note-copil-pdf') return exportPdf(payload, ctx, hooks);
  const db = openImage(payload.image, { readonly: true });
  try {
    const out = await makeDocument(new Runner(db), payload.documentId, payload, hooks);
    ctx.checkCancelled();
    ctx.progress(1, 1, 'Écriture du fichier');
    writeFileAtomic(payload.file, out.bytes, { replace: payload.replace });
    return { path: payload.file, format: payload.format, pages: out.pages, signatures: out.signatures };
  } finally {
    db.close();
  }
}

/** PDF exports running on this thread (the heap flag below is set by the first, reset by the last). */
let tight = 0;

/**
 * The PDF: the snapshot closed once the model is read, and the document written to its (temporary) file as it is
 * laid out, never held whole (issue 22); the file gets its name only once complete, a cancellation or a failure
 * removes it.
 *
 * While it is laid out, V8 grows the heap by 30 % over what is live after each full collection instead of up to 4×:
 * the layout makes short-lived garbage by the gigabyte, and at 100 000 items the live heap (≈ 170 MB) was given up to
 * 700 MB. Measured at 100 000 items: peak 1.17 GB → 0.66 GB, for a few seconds more of collection. The flag is the
 * process's (the CLI, or the app's worker pool): set by the first export of this thread, reset to V8's default
 * after its last (a PDF export in another worker thread meanwhile may then run with V8's default growth).
 */
async function exportPdf(payload: DocumentPayload, ctx: WorkContext, hooks: RenderHooks): Promise<DocumentExportResult> {
  if (tight++ === 0) setFlagsFromString('--heap-growing-percent=30');
  try {
    return await writePdfFile(payload, ctx, hooks);
  } finally {
    if (--tight === 0) setFlagsFromString('--heap-growing-percent=0');
  }
}

async function writePdfFile(payload: DocumentPayload, ctx: WorkContext, hooks: RenderHooks): Promise<DocumentExportResult> {
  const db = openImage(payload.image, { readonly: true });
  let model: ReturnType<typeof modelOf>;
  try {
    model = modelOf(new Runner(db), payload.documentId, payload);
  } finally {
    db.close();
  }
  const file = AtomicFile.create(payload.file, { replace: payload.replace });
  try {
    const r = await writePdf(model, (block) => file.write(block), hooks);
    ctx.checkCancelled();
    ctx.progress(1, 1, 'Écriture du fichier');
    file.commit();
    return { path: payload.file, format: payload.format, pages: r.pages, signatures: r.signatures };
  } finally {
    file.abort();
  }
}
