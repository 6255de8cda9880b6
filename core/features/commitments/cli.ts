// `trame commitments <fichier.trame> [--late] [--partner NOM] [--format table|csv]`: the commitments of a contrat,
// read-only (doc.inspect: not one byte of the file changes). The dispatching lines live in core/cli/main.ts.
import path from 'node:path';
import type { Channel, Input, Output } from '../../api/contract';
import { TrameError } from '../../api/result';
import { todayIso } from '../../domain/commitments';
import { commitmentsCsv, commitmentsTable, filterCommitments } from './csv';

type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

export const COMMITMENTS_HELP = `  trame commitments <fichier.trame> [--late] [--partner <nom>] [--format table|csv]
      Affiche les engagements des partenaires (--late : seulement ceux en retard, du plus en retard au moins ;
      --partner : ceux d'un partenaire). --format csv écrit un CSV pour LibreOffice ou Excel (UTF-8, « ; »).
      Ne fait que lire : le fichier .trame n'est pas modifié d'un seul octet.`;

export interface CommitmentsOptions { file: string; late: boolean; partner: string | undefined; format: string | undefined; today?: string }

/** Checks the options before anything is opened; returns what to print. */
export async function commitmentsCommand(call: Call, o: CommitmentsOptions): Promise<string> {
  const format = o.format ?? 'table';
  if (format !== 'table' && format !== 'csv') {
    throw new TrameError('entree-invalide', `format inconnu « ${format} » pour « trame commitments » : « table » ou « csv ».`);
  }
  if (o.partner !== undefined && o.partner.trim() === '') throw new TrameError('entree-invalide', "le nom du partenaire (--partner) est vide.");
  const info = await call('doc.inspect', { path: path.resolve(o.file) });
  const view = await call('commitments.view', { docId: info.docId });
  if (o.partner !== undefined) {
    const wanted = o.partner;
    const known = view.partners.map((p) => p.name);
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
    if (!known.some((n) => fold(n) === fold(wanted))) {
      throw new TrameError('introuvable', `Aucun partenaire « ${wanted} » dans ce contrat.`, known.length ? [`Partenaires : ${known.join(' ; ')}`] : undefined);
    }
  }
  const today = o.today ?? todayIso();
  const list = filterCommitments(view.commitments, { late: o.late, partner: o.partner, today });
  return format === 'csv' ? commitmentsCsv(list, today, '\n') : commitmentsTable(list, today);
}
