#!/usr/bin/env node
// The `trame` command. It calls the same handlers as the UI, through dispatch(), so a contrat imported
// here is exactly the contrat the app would have built. Messages in French; errors on stderr.
// Exit codes: 0 success, 1 the command was understood but refused or failed, 2 malformed command line.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Channel, DocInfo, Input, Output } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { TrameError, type AppError } from '../api/result';
import { appDataDir } from '../app-paths';
import type { TrameDocument } from '../domain/format-types';
import { writeFileAtomic } from '../files';
import { countNodes, parseTrameJsonText } from '../format/schema';
import { createHandlers, type HandlerSet } from '../handlers/index';
import { COMMITMENTS_HELP, commitmentsCommand } from '../features/commitments/cli';
import { DOCUMENT_HELP, documentUsageProblem, exportDocumentFile, isDocumentFormat } from '../features/protocole/cli';
import { MEASUREMENTS_HELP, UsageProblem, measurementsCommand } from '../features/indicators/cli';
import { readJsonFile, readStdin, requireRegularFileIfPresent } from './io';
import { renderDocument } from './render';
import { terminalSafe, terminalSafeJson } from './terminal';
import { SIGNING_HELP, signingCommand } from '../features/signing/cli';
import { MERGE_HELP, mergeCommand } from '../features/merge/cli';
import { nounFor } from '../domain/plural';

declare const __TRAME_VERSION__: string | undefined;
const VERSION = typeof __TRAME_VERSION__ === 'string' ? __TRAME_VERSION__ : '0.0.0-dev';

const EXIT_OK = 0;
const EXIT_ERROR = 1;
const EXIT_USAGE = 2;

const HELP = `trame ${VERSION} — piloter le pilier emploi d'un contrat de ville

Usage :
  trame import <fichier.trame> <contrat.json>
      Crée le contrat <fichier.trame> à partir d'un document d'échange JSON
      (« - » lit le JSON sur l'entrée standard). Refuse d'écraser un fichier existant.
  trame export <fichier.trame> [--format json] [-o <sortie.json> [--remplacer]]
      Écrit le contrat au format d'échange JSON, sur la sortie standard si -o est absent ou vaut « - ».
      Un fichier <sortie.json> existant n'est remplacé qu'avec --remplacer.
${DOCUMENT_HELP}
  trame show <fichier.trame>
      Affiche le contrat : arbre enjeu → objectif → action → indicateur, étiquettes, partenaires, engagements.
      « show » et « export » ne font que lire : le fichier .trame n'est pas modifié d'un seul octet.
${COMMITMENTS_HELP}
${MEASUREMENTS_HELP}
${SIGNING_HELP}
${MERGE_HELP}
  trame --help       Affiche cette aide.
  trame --version    Affiche la version.

Environnement :
  TRAME_DATA_DIR     Dossier des réglages de Trame (ici : ${appDataDir()}).

Codes de sortie : 0 réussite, 1 erreur (fichier refusé, introuvable…), 2 commande mal formée.`;

/** A malformed command line: exit code 2 and a hint to read the help. */
class UsageError extends Error {}

// ───────────────────────────── output ─────────────────────────────

/** Human text (messages, `show`): control characters from the data are shown, never sent to the terminal. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return writeRaw(stream, terminalSafe(text));
}

function writeRaw(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') return resolve();
    stream.write(text, () => resolve());
  });
}

function errorText(error: Pick<AppError, 'message' | 'details'>): string {
  const lines = [`Erreur : ${error.message}`];
  for (const d of error.details ?? []) lines.push(`  ${d}`);
  return `${lines.join('\n')}\n`;
}

// ───────────────────────────── handlers ─────────────────────────────

type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

/** Failed calls become TrameErrors carrying the handler's French message and details. */
function caller(handlers: Parameters<typeof dispatch>[0]): Call {
  return async (channel, input) => {
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw new TrameError(result.error.code, result.error.message, result.error.details, result.error.docId);
    return result.value as Output<typeof channel>;
  };
}

async function withHandlers<T>(run: (call: Call, set: HandlerSet) => Promise<T>): Promise<T> {
  const set = createHandlers({ mode: 'cli', appDataDir: appDataDir(), defaultDir: process.cwd(), version: VERSION });
  try {
    return await run(caller(set.handlers), set);
  } finally {
    // Always close: the .trame files go back to a single self-contained file before we exit.
    set.closeAll();
  }
}

// ───────────────────────────── commands ─────────────────────────────

interface Parsed {
  command: string | undefined;
  args: string[];
  format: string | undefined;
  output: string | undefined;
  replace: boolean;
  late: boolean;
  partner: string | undefined;
  since: string | undefined;
  help: boolean;
  version: boolean;
  acceptOutOfRange: boolean;
}

function parseCommandLine(argv: string[]): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        remplacer: { type: 'boolean' },
        late: { type: 'boolean' },
        partner: { type: 'string' },
        depuis: { type: 'string' },
        'accepter-hors-plage': { type: 'boolean' },
      },
    });
    return {
      command: positionals[0],
      args: positionals.slice(1),
      format: values.format,
      output: values.output,
      replace: values.remplacer === true,
      late: values.late === true,
      partner: values.partner,
      since: values.depuis,
      help: values.help === true,
      version: values.version === true,
      acceptOutOfRange: values['accepter-hors-plage'] === true,
    };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const msg = err instanceof Error ? err.message : String(err);
    const option = /'([^']+)'/.exec(msg)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`option inconnue « ${option ?? msg} ».`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`l'option « ${option ?? '?'} » attend une valeur.`);
    throw new UsageError(`ligne de commande incorrecte (${msg}).`);
  }
}

function expectArgs(p: Parsed, names: string[]): string[] {
  if (p.args.length < names.length) {
    throw new UsageError(`« trame ${p.command} » attend ${names.map((n) => `<${n}>`).join(' ')} : ${names[p.args.length]} manquant.`);
  }
  if (p.args.length > names.length) throw new UsageError(`argument en trop : « ${p.args[names.length]} ».`);
  return p.args;
}

function refuseOptions(p: Parsed): void {
  if (p.format !== undefined) throw new UsageError(`l'option --format ne s'applique qu'à « trame export ».`);
  if (p.output !== undefined) throw new UsageError(`l'option -o ne s'applique qu'à « trame export ».`);
  if (p.replace) throw new UsageError(`l'option --remplacer ne s'applique qu'à « trame export -o ».`);
  if (p.late || p.partner !== undefined) throw new UsageError("les options --late et --partner ne s'appliquent qu'à « trame commitments ».");
  if (p.since !== undefined) throw new UsageError(`l'option --depuis ne s'applique qu'à « trame export --format note-copil-pdf|note-copil-docx ».`);
}

function plural(n: number, word: string): string {
  return `${n} ${nounFor(n, word)}`;
}

async function commandImport(p: Parsed): Promise<string> {
  refuseOptions(p);
  const [target, source] = expectArgs(p, ['fichier.trame', 'contrat.json']);
  const text = source === '-' ? await readStdin() : readJsonFile(path.resolve(source));
  const raw = parseTrameJsonText(text);
  const targetPath = path.resolve(target);
  // The handler validates the document (parseTrameDocument) and refuses an existing target.
  const info = await withHandlers(async (call, set) => {
    // The same job as in the app: validated and written in a worker thread, published only when complete.
    const { jobId } = await call('job.start', { type: 'format.import', input: { path: targetPath, document: raw } });
    const end = await set.jobs.wait(jobId);
    if (end.state !== 'done') {
      const e = end.error ?? { code: 'interne' as const, message: "L'import a été interrompu : aucun fichier n'a été créé." };
      throw new TrameError(e.code, e.message, e.details);
    }
    return end.result as DocInfo;
  });
  const n = countNodes((raw as TrameDocument).tree);
  return `Contrat importé : ${info.contrat.name} (${plural(n, 'élément')}) → ${info.path}\n`;
}

async function fetchDocument(file: string): Promise<{ info: DocInfo; doc: TrameDocument }> {
  // Only a regular file: a FIFO would hang, a device never end (a missing file gets the handler's own message).
  requireRegularFileIfPresent(path.resolve(file));
  return withHandlers(async (call) => {
    // Read-only: not one byte of the file changes, no backup, no recent-files entry.
    const info = await call('doc.inspect', { path: path.resolve(file) });
    const doc = await call('format.export', { docId: info.docId });
    return { info, doc };
  });
}

async function commandExport(p: Parsed): Promise<{ stdout: string }> {
  const [file] = expectArgs(p, ['fichier.trame']);
  const format = p.format ?? 'json';
  if (isDocumentFormat(format)) {
    const problem = documentUsageProblem(format, p.output, p.since);
    if (problem) throw new UsageError(problem);
    requireRegularFileIfPresent(path.resolve(file));
    const o = { file, format, out: p.output!, replace: p.replace, since: p.since };
    return { stdout: await withHandlers((call, set) => exportDocumentFile(call, set.jobs, o)) };
  }
  if (p.since !== undefined) throw new UsageError("l'option --depuis ne s'applique qu'à la note de COPIL (--format note-copil-pdf ou note-copil-docx).");
  if (format !== 'json') throw new UsageError(`format d'export inconnu « ${format} » : formats possibles json, pdf, docx, note-copil-pdf, note-copil-docx.`);
  const out = p.output;
  if (p.replace && (out === undefined || out === '-')) throw new UsageError("l'option --remplacer s'emploie avec -o <sortie.json>.");
  if (out !== undefined && out !== '-') {
    if (out.trim() === '') throw new UsageError('le nom du fichier de sortie (-o) est vide.');
    if (path.extname(out).toLowerCase() === '.trame') {
      throw new UsageError("le fichier de sortie ne peut pas être un fichier .trame : l'export écrit du JSON (par exemple -o contrat.json).");
    }
  }
  const { doc } = await fetchDocument(file);
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (out === undefined || out === '-') return { stdout: text };
  const outPath = path.resolve(out);
  // An existing file is never replaced unless asked (--remplacer).
  writeFileAtomic(outPath, text, { replace: p.replace });
  return { stdout: '' };
}

async function commandShow(p: Parsed): Promise<string> {
  refuseOptions(p);
  const [file] = expectArgs(p, ['fichier.trame']);
  const { info, doc } = await fetchDocument(file);
  return renderDocument(doc, info);
}

/** Runs one command line; returns the exit code. Never throws. */
async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === 'sign' || argv[0] === 'verify') {
      const r = await signingCommand(argv[0], argv.slice(1), readStdin);
      await write(process.stdout, r.stdout);
      await write(process.stderr, r.stderr);
      return r.code;
    }
    if (argv[0] === 'merge') {
      const r = await mergeCommand(argv.slice(1), withHandlers);
      await write(process.stdout, r.stdout);
      await write(process.stderr, r.stderr);
      return r.code;
    }
    const p = parseCommandLine(argv);
    if (p.version) {
      await write(process.stdout, `trame ${VERSION}\n`);
      return EXIT_OK;
    }
    if (p.help || p.command === undefined || p.command === 'help' || p.command === 'aide') {
      if (p.command === undefined && !p.help) {
        await write(process.stderr, `${HELP}\n`);
        return EXIT_USAGE;
      }
      await write(process.stdout, `${HELP}\n`);
      return EXIT_OK;
    }
    switch (p.command) {
      case 'import':
        await write(process.stdout, await commandImport(p));
        return EXIT_OK;
      case 'export':
        // JSON keeps its data: C0 controls are already escaped by JSON.stringify, DEL and C1 are escaped too.
        await writeRaw(process.stdout, terminalSafeJson((await commandExport(p)).stdout));
        return EXIT_OK;
      case 'show':
        await write(process.stdout, await commandShow(p));
        return EXIT_OK;
      case 'commitments': {
        const [file] = expectArgs(p, ['fichier.trame']);
        if (p.output !== undefined || p.replace) throw new UsageError("les options -o et --remplacer ne s'appliquent pas à « trame commitments ».");
        requireRegularFileIfPresent(path.resolve(file));
        const opts = { file, late: p.late, partner: p.partner, format: p.format };
        await write(process.stdout, await withHandlers((call) => commitmentsCommand(call, opts)));
        return EXIT_OK;
      }
      case 'measurements':
        refuseOptions(p);
        await write(process.stdout, await measurementsCommand(p.args, p.acceptOutOfRange, withHandlers));
        return EXIT_OK;
      default:
        throw new UsageError(`commande inconnue « ${p.command} » (commandes : import, export, show, commitments, measurements, sign, verify, merge).`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof UsageProblem) {
      await write(process.stderr, `Erreur : ${err.message}\nAide : trame --help\n`);
      return EXIT_USAGE;
    }
    if (err instanceof TrameError) {
      await write(process.stderr, errorText(err));
      return EXIT_ERROR;
    }
    const msg = err instanceof Error ? err.message : String(err);
    await write(process.stderr, `Erreur : erreur inattendue (${msg}). Aucun fichier existant n'a été modifié.\n`);
    return EXIT_ERROR;
  }
}

// `trame show … | head` closes the pipe early: not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT_OK);
});

void main(process.argv.slice(2)).then((code) => process.exit(code));
