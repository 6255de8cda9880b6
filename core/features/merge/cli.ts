// `trame merge <mien.trame> <leur.trame> -o <fusionné.trame> [--simuler] [--garder mien|leur] [--json]`: the same
// merge as « Fichier → Fusionner une autre copie… », without a screen. Neither input is ever written: the merged
// contrat is a copy of mine, merged, published under -o only once complete. With conflicts and no --garder it writes
// nothing, lists them and exits 1; --simuler only lists.
import { existsSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Channel, Input, Output } from '../../api/contract';
import { TrameError } from '../../api/result';
import { openTrameFileForReading } from '../../../db/reading';
import { safeClose } from '../../../db/connection';
import type { ConflictView, MergePreview } from './model/preview';

type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;
export type WithHandlers = <T>(run: (call: Call) => Promise<T>) => Promise<T>;
export interface CliOutcome { code: number; stdout: string; stderr: string }

export const MERGE_HELP = `  trame merge <mien.trame> <leur.trame> -o <fusionné.trame> [--simuler] [--garder mien|leur] [--json]
      Fusionne deux copies du même contrat modifiées chacune de son côté. Les changements qui ne se
      heurtent pas sont pris ; les conflits sont listés (--json : type, table, id, colonne, base, mien,
      leur, qui, quand) et rien n'est écrit, sauf avec --garder qui les règle tous d'un côté.
      --simuler liste seulement. Aucun des deux fichiers d'entrée n'est jamais modifié.`;

const KIND_TEXT: Record<string, string> = {
  'meme-colonne': 'modifié des deux côtés', statut: 'statut changé des deux côtés', 'modifie-supprime': 'modifié d’un côté, supprimé de l’autre',
  deplacement: 'déplacé des deux côtés', 'sous-supprime': 'placé sous un élément supprimé de l’autre côté', boucle: 'déplacements croisés (boucle)',
  imbrication: 'imbrication refusée par les règles', reference: 'référence à une ligne supprimée de l’autre côté',
  'mesure-doublon': 'mesures en double probable', 'sans-historique': 'différence sans historique commun',
};

const show = (v: unknown) => (v === null || v === undefined ? '(vide)' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function listText(p: MergePreview): string {
  const lines = [`${p.conflicts.length} conflit(s) avec « ${p.otherFile} » :`];
  if (p.noBase) lines.push(p.noBase);
  for (const n of p.notes) lines.push(`Note : ${n}`);
  for (const c of p.conflicts) {
    lines.push(`- ${KIND_TEXT[c.kind] ?? c.kind} : ${c.table} ${c.key}${c.column ? ` (${c.column})` : ''} — mien : ${show(c.mine)} ; leur : ${show(c.theirs)}` +
      `${c.whoMine ? ` ; mien par ${c.whoMine.author}` : ''}${c.whoTheirs ? ` ; leur par ${c.whoTheirs.author}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

const jsonOf = (c: ConflictView) => ({
  kind: c.kind, table: c.table, id: c.key, column: c.column, base: c.base, mine: c.mine, theirs: c.theirs,
  who: { mine: c.whoMine?.author ?? null, theirs: c.whoTheirs?.author ?? null },
  when: { mine: c.whoMine?.hlc ?? null, theirs: c.whoTheirs?.hlc ?? null },
});

class Usage extends Error {}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

export async function mergeCommand(args: string[], withHandlers: WithHandlers): Promise<CliOutcome> {
  try {
    return await run(args, withHandlers);
  } catch (err) {
    if (err instanceof Usage || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return { code: 2, stdout: '', stderr: `Erreur : ${(err as Error).message}\nAide : trame --help\n` };
    }
    throw err;
  }
}

async function run(args: string[], withHandlers: WithHandlers): Promise<CliOutcome> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, strict: true,
    options: { output: { type: 'string', short: 'o' }, simuler: { type: 'boolean' }, garder: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length !== 2) throw new Usage('« trame merge » attend deux fichiers : <mien.trame> <leur.trame>.');
  const [mine, theirs] = positionals.map((p) => path.resolve(p));
  if (values.garder !== undefined && values.garder !== 'mien' && values.garder !== 'leur') throw new Usage(`--garder attend « mien » ou « leur », pas « ${values.garder} ».`);
  const garder = values.garder as 'mien' | 'leur' | undefined;
  if (!values.simuler && !values.output) throw new Usage('indiquez le fichier fusionné avec -o <fusionné.trame> (ou --simuler pour seulement lister).');
  for (const f of [mine, theirs]) if (!existsSync(f)) throw new TrameError('introuvable', `Le fichier « ${f} » n'existe pas.`);
  if (sameFile(mine, theirs)) throw new TrameError('entree-invalide', 'Les deux fichiers sont le même : il n’y a rien à fusionner. Rien n’a été écrit.');
  const output = values.output ? path.resolve(values.output) : null;
  if (output && (sameFile(output, mine) || sameFile(output, theirs))) {
    throw new TrameError('entree-invalide', 'Le fichier fusionné doit être un nouveau fichier : aucun des deux fichiers d’entrée n’est jamais modifié.');
  }
  if (output && existsSync(output)) throw new TrameError('fichier-existe', `« ${output} » existe déjà : choisissez un autre nom. Rien n'a été écrit.`);
  if (output && !output.endsWith('.trame')) throw new Usage('le fichier fusionné doit porter l’extension .trame.');

  return withHandlers(async (call) => {
    // First on mine opened for reading only: the conflicts, nothing written.
    const seen = await call('doc.inspect', { path: mine });
    const preview = await call('merge.preview', { docId: seen.docId, path: theirs, garder });
    await call('doc.close', { docId: seen.docId });
    const listed = values.json ? `${JSON.stringify(preview.conflicts.map(jsonOf), null, 2)}\n` : listText(preview);
    // The notes (frozen versions brought over or renumbered, the frozen base) go to stderr with --json: stdout stays JSON.
    const notes = preview.notes.map((n) => `Note : ${n}\n`).join('');
    if (values.simuler) return { code: preview.conflicts.length && !garder ? 1 : 0, stdout: listed, stderr: values.json ? notes : '' };
    if (preview.unresolved > 0) {
      return { code: 1, stdout: listed, stderr: `${values.json ? notes : ''}Erreur : ${preview.unresolved} conflit(s) à régler : rien n'a été écrit. Relancez avec --garder mien ou --garder leur, ou fusionnez dans Trame (Fichier → Fusionner une autre copie…).\n` };
    }
    // The merged file: a consistent copy of mine beside the output, merged, then published under its name.
    const tmp = path.join(path.dirname(output!), `.${path.basename(output!)}.${process.pid}.fusion.trame`);
    // Read as for `trame show` (never written; an older file is migrated in memory): its image becomes the copy.
    try {
      const { db } = openTrameFileForReading(mine);
      try {
        writeFileSync(tmp, db.serialize(), { flag: 'wx' });
      } finally {
        safeClose(db, false);
      }
      const info = await call('doc.open', { path: tmp });
      const done = await call('merge.apply', { docId: info.docId, path: theirs, garder });
      await call('doc.close', { docId: info.docId });
      if (existsSync(output!)) throw new TrameError('fichier-existe', `« ${output} » est apparu pendant la fusion : rien n'a été écrit.`);
      renameSync(tmp, output!);
      const text = `« ${path.basename(output!)} » écrit : ${done.preview.changes} ligne(s) prise(s) de « ${done.preview.otherFile} »` +
        `${done.preview.conflicts.length ? `, ${done.preview.conflicts.length} conflit(s) réglé(s) en gardant le ${garder === 'leur' ? 'leur' : 'mien'}` : ''}.\n`;
      return { code: 0, stdout: values.json ? listed : `${text}${notes}`, stderr: values.json ? notes : '' };
    } finally {
      for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) rmSync(f, { force: true });
    }
  });
}
