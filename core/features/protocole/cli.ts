// `trame export <fichier.trame> --format pdf|docx|note-copil-pdf|note-copil-docx [--depuis <date>] -o <sortie>`:
// the same job as the app's export, run on the CLI's own thread; the .trame is only read (doc.inspect).
import path from 'node:path';
import type { Channel, Input, Output } from '../../api/contract';
import { TrameError } from '../../api/result';
import { parseFrenchDate } from '../../domain/french-dates';
import type { JobRunner } from '../../jobs/runner';
import { DOCUMENT_FORMATS, type DocumentExportResult, type DocumentFormat } from './contract';

type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

export const DOCUMENT_HELP = `  trame export <fichier.trame> --format pdf|docx -o <sortie.pdf|.docx> [--remplacer]
      Écrit le protocole d'engagements (parties, préambule et gouvernance enregistrés dans le contrat).
  trame export <fichier.trame> --format note-copil-pdf|note-copil-docx [--depuis <date>] -o <sortie> [--remplacer]
      Écrit la note de COPIL : indicateurs et graphiques, engagements en retard, changements depuis <date>
      (par défaut depuis le dernier COPIL ; « 30/06/2026 », « juin 2026 » ou « 2026-06-30 »), prochaines échéances.`;

export function isDocumentFormat(format: string): format is DocumentFormat {
  return (DOCUMENT_FORMATS as readonly string[]).includes(format);
}

/** A malformed command line for a document export, in French; null when it is fine. */
export function documentUsageProblem(format: DocumentFormat, out: string | undefined, since: string | undefined): string | null {
  const ext = format.endsWith('pdf') ? '.pdf' : '.docx';
  if (out === undefined || out === '-' || out.trim() === '') return `le format « ${format} » s'écrit dans un fichier : ajoutez -o <sortie${ext}>.`;
  if (path.extname(out).toLowerCase() !== ext) return `le format « ${format} » s'écrit dans un fichier « ${ext} » (reçu : « ${path.basename(out)} »).`;
  if (since !== undefined && !format.startsWith('note-copil')) return "l'option --depuis ne s'applique qu'à la note de COPIL (--format note-copil-pdf ou note-copil-docx).";
  if (since !== undefined) {
    const d = parseFrenchDate(since);
    if (!d.ok) return `--depuis : ${d.message}`;
  }
  return null;
}

export async function exportDocumentFile(
  call: Call,
  jobs: JobRunner,
  o: { file: string; format: DocumentFormat; out: string; replace: boolean; since?: string },
): Promise<string> {
  const since = o.since === undefined ? undefined : (parseFrenchDate(o.since) as { ok: true; iso: string }).iso;
  // Read-only: not one byte of the file changes, no backup, no recent-files entry.
  const info = await call('doc.inspect', { path: path.resolve(o.file) });
  const { jobId } = await call('job.start', {
    type: 'protocole.export',
    input: { docId: info.docId, path: path.resolve(o.out), format: o.format, replace: o.replace, ...(since ? { since } : {}) },
  });
  const end = await jobs.wait(jobId);
  if (end.state !== 'done') {
    const e = end.error ?? { code: 'interne' as const, message: "L'export a été interrompu : aucun fichier n'a été écrit." };
    throw new TrameError(e.code, e.message, e.details);
  }
  const r = end.result as DocumentExportResult;
  const what = o.format.startsWith('note-copil') ? 'Note de COPIL écrite' : 'Protocole écrit';
  return `${what} : ${r.path}${r.pages ? ` (${r.pages} pages)` : ''}\n`;
}
