// The interchange format's jobs, as they run inside the worker thread: on a snapshot of the open contrat (export) or on the
// new file being created (import). Never on a connection of the main thread.
import { sqliteCheck } from '../../../db/connection';
import { openImage } from '../../../db/image';
import path from 'node:path';
import { Runner } from '../../../db/query';
import { writeFileAtomic } from '../../files';
import { parseTrameDocument } from '../../format/schema';
import type { WorkContext } from '../../jobs/types';
import { exportDocument } from './export';
import { createFromDocument } from './import';

export interface ExportPayload { image: Uint8Array; file: string; documentId: string | null; replace: boolean }
export interface ImportPayload { file: string; document: unknown }
/**
 * The file's image to check, or the refusal the content checks the open left for after the first screen already gave
 * (their French message and details: then nothing is copied or read again).
 */
export type FullCheckPayload = { image: Uint8Array; name: string; refusal?: undefined } | { image?: undefined; name: string; refusal: { message: string; details: string[] } };

export function exportToFile({ image, file, documentId, replace }: ExportPayload, ctx: WorkContext): { path: string } {
  ctx.progress(0, null, 'Lecture du contrat');
  const db = openImage(image, { readonly: true });
  try {
    const doc = exportDocument({ run: new Runner(db), documentId }, (done, total) => {
      ctx.checkCancelled();
      ctx.progress(done, total, 'Mise au format d’échange');
    });
    ctx.checkCancelled();
    ctx.progress(1, 2, 'Écriture du fichier');
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    ctx.checkCancelled();
    writeFileAtomic(file, text, { replace });
    return { path: file };
  } finally {
    db.close();
  }
}

export function importDocument({ file, document }: ImportPayload, ctx: WorkContext): { file: string } {
  ctx.progress(0, null, 'Vérification du document');
  // Its shape (size, depth, forbidden keys, header) was checked by job.start, before the copy made for this worker.
  const doc = parseTrameDocument(document, { shapeChecked: true });
  ctx.checkCancelled();
  createFromDocument(file, doc, (done, total) => {
    ctx.checkCancelled();
    ctx.progress(done, total, 'Création du contrat');
  });
  return { file };
}

/** SQLite's full integrity_check on a snapshot of the open contrat (what the quick_check at open does not see). */
export function fullCheck({ image, name, refusal }: FullCheckPayload, ctx: WorkContext): { problem: string | null; details: string[] } {
  if (refusal || !image) return { problem: refusal?.message ?? null, details: refusal?.details ?? [] };
  ctx.progress(0, null, 'Contrôle complet du fichier');
  const db = openImage(image, { readonly: true });
  try {
    const check = sqliteCheck(db, 'integrity_check');
    if (check === 'ok') return { problem: null, details: [] };
    return {
      problem: `« ${path.basename(name)} » a des incohérences entre ses données et leurs index : il est peut-être endommagé. Enregistrez vos modifications sous un autre nom, puis restaurez une sauvegarde ou faites vérifier le fichier.`,
      details: check.split('\n').slice(0, 20),
    };
  } finally {
    db.close();
  }
}
