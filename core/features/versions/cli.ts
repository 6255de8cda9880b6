// `trame figer <fichier.trame>`: « Figer pour signature » from the command line, the same job as the app's. What is
// missing is checked on the file opened read-only first: when the protocole is not ready, the list goes to stderr,
// exit 1, and the .trame keeps every byte. Then the file is opened to edit and the version frozen.
import path from 'node:path';
import type { Channel, Input, Output } from '../../api/contract';
import { TrameError } from '../../api/result';
import type { JobRunner } from '../../jobs/runner';
import { nounFor } from '../../domain/plural';
import type { VersionInfo } from './contract';

type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;
type WithHandlers = <T>(run: (call: Call, set: { jobs: JobRunner }) => Promise<T>) => Promise<T>;

export const FIGER_HELP = `  trame figer <fichier.trame>
      Fige le protocole pour signature, comme « Figer pour signature » dans l'application : une version
      immuable et son PDF, avec son empreinte sur chaque page. S'il manque quelque chose (texte à compléter,
      lieu de signature, financeur sans signataire…), affiche la liste et ne modifie pas le fichier (code 1).`;

/** The list of what is missing, as the app says it; the error the CLI prints (exit 1) when there is any. */
export function notReady(missing: { text: string }[]): TrameError {
  return new TrameError(
    'entree-invalide',
    `Le document n’est pas prêt à être signé : ${missing.length} ${nounFor(missing.length, 'point')} à compléter. Rien n’a été figé.`,
    missing.map((m) => `- ${m.text}`),
  );
}

export async function figerCommand(args: string[], withHandlers: WithHandlers): Promise<string> {
  const [file, ...extra] = args;
  if (extra.length) throw new TrameError('entree-invalide', `argument en trop : « ${extra[0]} ».`);
  const target = path.resolve(file);
  return withHandlers(async (call, set) => {
    const seen = await call('doc.inspect', { path: target });
    const { missing } = await call('protocole.frame', { docId: seen.docId });
    if (missing.length) throw notReady(missing);
    await call('doc.close', { docId: seen.docId });
    const info = await call('doc.open', { path: target });
    const { jobId } = await call('job.start', { type: 'versions.freeze', input: { docId: info.docId } });
    const end = await set.jobs.wait(jobId);
    if (end.state !== 'done') {
      const e = end.error ?? { code: 'interne' as const, message: 'Le gel a été interrompu : rien n’a été figé.' };
      throw new TrameError(e.code, e.message, e.details);
    }
    const v = end.result as VersionInfo;
    return `Version ${v.number} figée (« ${v.title} ») : empreinte ${v.contentSha256}, ${v.signatoriesTotal} ${nounFor(v.signatoriesTotal, 'signataire')} attendu${v.signatoriesTotal > 1 ? 's' : ''}.\n`;
  });
}
