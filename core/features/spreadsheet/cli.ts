// `trame import-tableur <nouveau.trame> <plan.xlsx|.ods|.csv> [--feuille NOM] [--colonnes correspondance.json] [--simuler]`
// and `trame export <fichier.trame> --format xlsx|ods -o <sortie>`: the same jobs as the app's dialogs, run on the
// CLI's own thread. The import prints the mapping it used and every refused line; any refused line: nothing written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Channel, DocInfo, Input, Output } from '../../api/contract';
import { TrameError } from '../../api/result';
import { nounFor } from '../../domain/plural';
import type { JobRunner } from '../../jobs/runner';
import { problemText, ROLE_LABELS, ROLES, type Role, type SheetPreview } from './contract';
import { fold } from './model/roles';

type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;
type WithHandlers = <T>(run: (call: Call, set: { jobs: JobRunner }) => Promise<T>) => Promise<T>;

export const SPREADSHEET_HELP = `  trame import-tableur <nouveau.trame> <plan.xlsx|.ods|.csv> [--feuille NOM] [--colonnes correspondance.json] [--simuler]
      Crée un contrat à partir d'un plan d'actions en tableur : ligne d'en-tête trouvée, rôle de chaque colonne
      deviné d'après son titre (Axe, Objectif, Action, Pilote, Partenaires, Montant, Échéance…) ou donné par
      correspondance.json ({"Titre de colonne": "action", …}). Affiche la correspondance et chaque ligne refusée ;
      à la moindre ligne refusée, rien n'est écrit. --simuler lit et vérifie sans rien écrire.
      Un classeur exporté par Trame (--format xlsx|ods) est reconnu et relu avec ses identifiants.
  trame export <fichier.trame> --format xlsx|ods -o <sortie.xlsx|.ods> [--remplacer]
      Écrit le contrat en feuilles liées (Arbre, Indicateurs, Mesures, Partenaires, Signataires, Engagements,
      Financements, Historique des statuts, COPIL), avec les identifiants : pour Grist, Excel et LibreOffice.`;

export const SHEET_FORMATS = ['xlsx', 'ods'] as const;
export function isSheetFormat(format: string): format is (typeof SHEET_FORMATS)[number] {
  return (SHEET_FORMATS as readonly string[]).includes(format);
}

/** A malformed command line (exit code 2). */
export class SheetUsageProblem extends Error {}

/** A malformed command line for a spreadsheet export, in French; null when it is fine. */
export function sheetUsageProblem(format: 'xlsx' | 'ods', out: string | undefined): string | null {
  if (out === undefined || out === '-' || out.trim() === '') return `le format « ${format} » s'écrit dans un fichier : ajoutez -o <sortie.${format}>.`;
  if (path.extname(out).toLowerCase() !== `.${format}`) return `le format « ${format} » s'écrit dans un fichier « .${format} » (reçu : « ${path.basename(out)} »).`;
  return null;
}

async function runJob<T>(call: Call, jobs: JobRunner, start: Input<'job.start'>, stopped: string): Promise<T> {
  const { jobId } = await call('job.start', start);
  const end = await jobs.wait(jobId);
  if (end.state !== 'done') {
    const e = end.error ?? { code: 'interne' as const, message: stopped };
    throw new TrameError(e.code, e.message, e.details);
  }
  return end.result as T;
}

export async function exportSheetFile(call: Call, jobs: JobRunner, o: { file: string; format: 'xlsx' | 'ods'; out: string; replace: boolean }): Promise<string> {
  // Read-only: not one byte of the .trame changes.
  const info = await call('doc.inspect', { path: path.resolve(o.file) });
  const r = await runJob<{ path: string }>(call, jobs, { type: 'spreadsheet.export', input: { docId: info.docId, path: path.resolve(o.out), format: o.format, replace: o.replace } }, "L'export a été interrompu : aucun fichier n'a été écrit.");
  return `Classeur écrit : ${r.path}\n`;
}

function readMapping(file: string): Record<string, Role> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path.resolve(file), 'utf8'));
  } catch (err) {
    throw new TrameError('entree-invalide', `--colonnes : « ${file} » n'est pas un fichier JSON lisible (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new TrameError('entree-invalide', `--colonnes : « ${file} » doit être un objet {"Titre de colonne": "rôle", …}.`);
  const byLabel = new Map<string, Role>(ROLES.flatMap((r) => [[fold(r), r], [fold(ROLE_LABELS[r]), r]] as [string, Role][]));
  const out: Record<string, Role> = {};
  for (const [header, value] of Object.entries(raw as Record<string, unknown>)) {
    const role = typeof value === 'string' ? byLabel.get(fold(value)) : undefined;
    if (!role) throw new TrameError('entree-invalide', `--colonnes : rôle inconnu « ${String(value)} » pour la colonne « ${header} » (rôles : ${ROLES.join(', ')}).`);
    out[header] = role;
  }
  return out;
}

function describe(p: SheetPreview): string {
  const lines = [`Tableur « ${p.fileName} », feuille « ${p.sheet} »${p.ownLayout ? ' (export de Trame : relu avec ses identifiants)' : `, en-têtes ligne ${p.headerLine ?? '?'}`}${p.remembered ? ' — correspondance reprise du dernier import de cette mise en page' : ''}.`];
  if (p.columns.length) {
    lines.push('Correspondance des colonnes :');
    for (const c of p.columns) if (c.header || c.role !== 'ignorer') lines.push(`  ${c.letter} « ${c.header} » → ${ROLE_LABELS[c.role]}`);
  }
  const k = p.counts;
  lines.push(
    `Arbre : ${k.enjeu} ${nounFor(k.enjeu, 'enjeu', 'enjeux')}, ${k.objectif} ${nounFor(k.objectif, 'objectif')}, ${k.action} ${nounFor(k.action, 'action')}, ${k.indicateur} ${nounFor(k.indicateur, 'indicateur')} ; ` +
      `${k.partners} ${nounFor(k.partners, 'partenaire')}, ${k.commitments} ${nounFor(k.commitments, 'engagement')}.`,
  );
  return `${lines.join('\n')}\n`;
}

export async function importTableurCommand(argv: string[], withHandlers: WithHandlers): Promise<string> {
  let values: { feuille?: string; colonnes?: string; simuler?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { feuille: { type: 'string' }, colonnes: { type: 'string' }, simuler: { type: 'boolean' } } }));
  } catch (err) {
    throw new SheetUsageProblem(`ligne de commande incorrecte pour « trame import-tableur » (${err instanceof Error ? err.message : String(err)}).`);
  }
  const [target, source, ...extra] = positionals;
  if (!target || !source) throw new SheetUsageProblem(`« trame import-tableur » attend <nouveau.trame> <plan.xlsx|.ods|.csv> : ${!target ? 'nouveau.trame' : 'plan'} manquant.`);
  if (extra.length) throw new SheetUsageProblem(`argument en trop : « ${extra[0]} ».`);
  const mappingByHeader = values.colonnes ? readMapping(values.colonnes) : undefined;
  return withHandlers(async (call, set) => {
    const preview = await runJob<SheetPreview>(
      call, set.jobs,
      { type: 'spreadsheet.preview', input: { target: 'new', path: path.resolve(source), ...(values.feuille !== undefined ? { sheet: values.feuille } : {}), ...(mappingByHeader ? { mappingByHeader } : {}) } },
      "La lecture du tableur a été interrompue : rien n'a été écrit.",
    );
    const text = describe(preview);
    if (preview.errorCount > 0) {
      const more = preview.errorCount - preview.errors.length;
      throw new TrameError(
        'entree-invalide',
        `${text}Import refusé : ${preview.errorCount} ${nounFor(preview.errorCount, 'erreur')}. Aucun fichier n'a été créé.`,
        [...preview.errors.map(problemText), ...(more > 0 ? [`… et ${more} autres erreurs.`] : [])],
      );
    }
    if (values.simuler) return `${text}Simulation : tout est lisible ; rien n'a été écrit.\n`;
    const info = await runJob<DocInfo>(call, set.jobs, { type: 'spreadsheet.create', input: { previewId: preview.previewId, path: path.resolve(target) } }, "L'import a été interrompu : aucun fichier n'a été créé.");
    return `${text}Contrat importé : ${info.contrat.name} → ${info.path}\n`;
  });
}
