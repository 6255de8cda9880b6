// `trame verify <file.pdf>` and `trame sign <in.pdf> --p12 … --passphrase-file … --name … --role … -o <out.pdf>`.
// The passphrase is read from a file (or standard input with « - »), never from the command line (it would be in
// the shell's history and the process list), never echoed nor logged.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TrameError } from '../../api/result';
import { writeFileAtomic } from '../../files';
import { readInputFile } from './files';
import { sameHolder as sameName } from './boxes';
import { NAME_MISMATCH, signPdf } from './sign';
import { reportText, verifyPdf } from './verify';

export const SIGNING_HELP = `  trame verify <fichier.pdf> [--json]
      Vérifie chaque signature électronique d'un PDF (de Trame ou d'un autre outil) : qui, quand, quel
      certificat, octets signés intacts, et ce qui a changé après (autre signature ou vraie modification).
      Chaque révision est relue comme un lecteur de PDF la lit, et comparée page par page au document final :
      toute modification après une signature (annotation, contenu, page, police, octets ajoutés) est nommée.
      Code de sortie 1 si une signature est invalide, si le contenu a changé après une signature, si l'analyse
      n'a pas pu conclure ou s'il n'y en a aucune.
  trame sign <entrée.pdf> --p12 <certificat.p12> --passphrase-file <fichier|-> --name "…" [--role "…"]
             [--lieu "…"] -o <sortie.pdf> [--remplacer] [--accepter-nom-different]
      Ajoute une signature PAdES (mise à jour incrémentale : les signatures déjà présentes restent valides),
      dessinée dans le cadre du signataire quand le PDF en a un (version de Trame) ; la première certifie le
      document (seules d'autres signatures sont permises ensuite). Refuse un PDF dont une signature est cassée
      ou modifié après une signature, et un certificat au nom d'une autre personne que --name, sauf avec
      --accepter-nom-different.
      La phrase de passe est lue dans un fichier (ou sur l'entrée standard avec « - ») et n'est jamais affichée.`;

export interface CliOutcome { code: number; stdout: string; stderr: string }
class Usage extends Error {}

function usage(msg: string): CliOutcome {
  return { code: 2, stdout: '', stderr: `Erreur : ${msg}\nAide : trame --help\n` };
}

/** A passphrase is short: 64 Kio at most, from a file or from standard input (never read to the end past that). */
const PASSPHRASE_MAX = 64 * 1024;

async function readPassphrase(file: string, stdin: (max: number, label: string) => Promise<string>): Promise<string> {
  const text = file === '-'
    ? await stdin(PASSPHRASE_MAX, 'Le texte lu sur l’entrée standard comme phrase de passe')
    : Buffer.from(readInputFile(file, 'un fichier de phrase de passe', PASSPHRASE_MAX)).toString('utf8');
  return text.replace(/\r?\n$/, '');
}

async function verify(args: string[]): Promise<CliOutcome> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { json: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new Usage('« trame verify » attend un seul <fichier.pdf>.');
  const report = await verifyPdf(readInputFile(positionals[0], 'un PDF'));
  const text = values.json ? `${JSON.stringify(report, null, 2)}\n` : `${reportText(report)}\n`;
  return { code: report.ok ? 0 : 1, stdout: text, stderr: '' };
}

async function sign(args: string[], stdin: (max: number, label: string) => Promise<string>): Promise<CliOutcome> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      p12: { type: 'string' },
      'passphrase-file': { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      lieu: { type: 'string' },
      output: { type: 'string', short: 'o' },
      remplacer: { type: 'boolean' },
      'accepter-nom-different': { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new Usage('« trame sign » attend un seul <entrée.pdf>.');
  if (!values.p12) throw new Usage('indiquez le certificat avec --p12 <certificat.p12>.');
  if (!values['passphrase-file']) throw new Usage('indiquez la phrase de passe avec --passphrase-file <fichier> (ou « - » pour l’entrée standard).');
  if (!values.name?.trim()) throw new Usage('indiquez le nom du signataire avec --name "…".');
  if (!values.output?.trim()) throw new Usage('indiquez le PDF signé à écrire avec -o <sortie.pdf>.');
  const input = path.resolve(positionals[0]);
  const output = path.resolve(values.output);
  if (input === output) throw new Usage('le PDF signé (-o) doit être un autre fichier que le PDF d’entrée.');
  const pdf = readInputFile(input, 'un PDF');
  const p12 = readInputFile(values.p12, 'un certificat .p12 ou .pfx', 1_000_000);
  const passphrase = await readPassphrase(values['passphrase-file'], stdin);
  let result;
  try {
    result = await signPdf(pdf, { p12, passphrase, name: values.name, role: values.role, location: values.lieu, acceptNameMismatch: values['accepter-nom-different'] === true });
  } catch (err) {
    if (err instanceof TrameError && err.details?.[0] === NAME_MISMATCH) {
      throw new TrameError('entree-invalide', `${err.message} Relancez avec --accepter-nom-different pour signer quand même. Aucun fichier n’a été écrit.`);
    }
    throw err;
  }
  writeFileAtomic(output, result.pdf, { replace: values.remplacer === true });
  const how = [
    result.visible ? 'dessinée dans son cadre' : 'invisible (aucun cadre de signature à ce nom dans le PDF)',
    ...(result.certified ? ['première signature : le document est certifié'] : []),
    ...(sameName(values.name, result.certificate.holder) ? [] : [`certificat de ${result.certificate.holder}, accepté`]),
  ];
  return { code: 0, stdout: `PDF signé par ${values.name.trim()} (${result.fieldName} ; ${how.join(' ; ')}) → ${output}\n`, stderr: '' };
}

/** Runs `trame sign|verify …`; never throws. */
export async function signingCommand(command: 'sign' | 'verify', args: string[], stdin: (max: number, label: string) => Promise<string>): Promise<CliOutcome> {
  try {
    return command === 'verify' ? await verify(args) : await sign(args, stdin);
  } catch (err) {
    if (err instanceof Usage) return usage(err.message);
    const code = (err as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const option = /'([^']+)'/.exec(String((err as Error).message))?.[1];
      return usage(`option inconnue ou incomplète « ${option ?? '?'} ».`);
    }
    if (err instanceof TrameError) {
      return { code: 1, stdout: '', stderr: `Erreur : ${err.message}\n${(err.details ?? []).map((d) => `  ${d}\n`).join('')}` };
    }
    return { code: 1, stdout: '', stderr: 'Erreur : erreur inattendue pendant la signature ou la vérification. Aucun fichier n’a été écrit.\n' };
  }
}
