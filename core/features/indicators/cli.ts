// `trame measurements import <fichier.trame> <fichier.csv> [--accepter-hors-plage]`: the same preview job and the
// same all-or-nothing commit as the app's import dialog. Any line in error: nothing written, the list on stderr,
// exit 1. Values outside a plausible range are refused unless --accepter-hors-plage.
import path from 'node:path';
import type { Channel, Input, Output } from '../../api/contract';
import { TrameError } from '../../api/result';
import type { JobRunner } from '../../jobs/runner';
import type { CsvPreview } from './contract';
import { nounFor } from '../../domain/plural';

type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;
export type WithHandlers = <T>(run: (call: Call, set: { jobs: JobRunner }) => Promise<T>) => Promise<T>;

export const MEASUREMENTS_HELP = `  trame measurements import <fichier.trame> <mesures.csv> [--accepter-hors-plage]
      Ajoute au contrat les mesures d'un fichier CSV (séparateur « ; » ou « , », virgule ou point décimal,
      UTF-8 ou Windows-1252 ; colonnes indicateur, date, valeur, perimetre, et facultatives source, note).
      Tout ou rien : à la moindre ligne en erreur, rien n'est ajouté et les erreurs sont listées.
      Une valeur hors de la plage plausible (pourcentage hors 0–100, nombre négatif) est refusée
      sauf avec --accepter-hors-plage.`;

/** Returns the success text; throws a TrameError (exit 1) with every error as details otherwise. */
export async function measurementsCommand(args: string[], acceptOutOfRange: boolean, withHandlers: WithHandlers): Promise<string> {
  const [sub, trame, csv, ...extra] = args;
  if (sub !== 'import') throw new UsageProblem(`sous-commande inconnue « ${sub ?? ''} » : « trame measurements import <fichier.trame> <mesures.csv> ».`);
  if (!trame || !csv) throw new UsageProblem(`« trame measurements import » attend <fichier.trame> <mesures.csv> : ${!trame ? 'fichier.trame' : 'mesures.csv'} manquant.`);
  if (extra.length) throw new UsageProblem(`argument en trop : « ${extra[0]} ».`);
  return withHandlers(async (call, set) => {
    const preview = async (docId: string): Promise<CsvPreview> => {
      const { jobId } = await call('job.start', { type: 'indicators.csvPreview', input: { docId, path: path.resolve(csv) } });
      const end = await set.jobs.wait(jobId);
      if (end.state !== 'done') {
        const e = end.error ?? { code: 'interne' as const, message: "La lecture du fichier CSV a été interrompue : rien n'a été ajouté." };
        throw new TrameError(e.code, e.message);
      }
      return end.result as CsvPreview;
    };
    // Checked on the file opened read-only first: a refused import leaves the .trame file byte for byte as it was.
    const seen = await call('doc.inspect', { path: path.resolve(trame) });
    const first = await preview(seen.docId);
    refuse(first, acceptOutOfRange);
    await call('doc.close', { docId: seen.docId });
    const info = await call('doc.open', { path: path.resolve(trame) });
    const ready = await preview(info.docId);
    refuse(ready, acceptOutOfRange);
    const { added } = await call('indicators.csvCommit', { docId: info.docId, previewId: ready.previewId, acceptOutOfRange });
    return `${added} ${nounFor(added, 'mesure')} ${nounFor(added, 'ajoutée')} à « ${path.basename(trame)} » depuis « ${ready.fileName} » (${ready.encoding}, séparateur « ${ready.separator === '\t' ? 'tabulation' : ready.separator} »).\n`;
  });
}

function refuse(preview: CsvPreview, acceptOutOfRange: boolean): void {
  if (preview.errorCount > 0) {
    const more = preview.errorCount - preview.errors.length;
    throw new TrameError(
      'entree-invalide',
      `Import refusé : ${preview.errorCount} ${nounFor(preview.errorCount, 'ligne')} en erreur dans « ${preview.fileName} ». Rien n'a été ajouté.`,
      [...preview.errors.map((e) => e.message), ...(more > 0 ? [`… et ${more} autres erreurs.`] : [])],
    );
  }
  if (preview.outOfRangeCount > 0 && !acceptOutOfRange) {
    throw new TrameError(
      'entree-invalide',
      `Import refusé : ${preview.outOfRangeCount} ${nounFor(preview.outOfRangeCount, 'valeur')} hors de la plage plausible. ` +
        "Vérifiez-les, ou relancez avec --accepter-hors-plage pour les importer telles quelles. Rien n'a été ajouté.",
      preview.outOfRange.map((e) => e.message),
    );
  }
}

/** A malformed `measurements` command line (the CLI maps it to exit code 2). */
export class UsageProblem extends Error {}
