// The `trame` commands that read or write a contrat: loaded by main.ts only when one of them is asked for (not for
// `trame --help` or `--version`). They call the same handlers as the UI, through dispatch(), so a contrat imported
// here is exactly the contrat the app would have built.
import path from 'node:path';
import type { Channel, DocInfo, Input, Output } from '../api/contract';
import { dispatch } from '../api/dispatch';
import { TrameError } from '../api/result';
import { appDataDir } from '../app-paths';
import type { TrameDocument } from '../domain/format-types';
import { writeFileAtomic } from '../files';
import { countNodes, parseTrameJsonText } from '../format/schema';
import { createHandlers, type HandlerSet } from '../handlers/index';
import { commitmentsCommand } from '../features/commitments/cli';
import { documentUsageProblem, exportDocumentFile, isDocumentFormat } from '../features/protocole/cli';
import { UsageProblem, measurementsCommand } from '../features/indicators/cli';
import { signingCommand } from '../features/signing/cli';
import { figerCommand } from '../features/versions/cli';
import { mergeCommand } from '../features/merge/cli';
import { nounFor } from '../domain/plural';
import { SheetUsageProblem, exportSheetFile, importTableurCommand, isSheetFormat, sheetUsageProblem } from '../features/spreadsheet/cli';
import { readJsonFile, readStdin, requireRegularFileIfPresent } from './io';
import { renderDocument } from './render';
import { terminalSafeJson } from './terminal';
import { errorText, expectArgs, refuseOptions, UsageError, write, writeRaw, type Parsed } from './args';

const EXIT_OK = 0;
const EXIT_ERROR = 1;
const EXIT_USAGE = 2;

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

let version = '0.0.0-dev';

async function withHandlers<T>(run: (call: Call, set: HandlerSet) => Promise<T>): Promise<T> {
  const set = createHandlers({ mode: 'cli', appDataDir: appDataDir(), defaultDir: process.cwd(), version });
  try {
    return await run(caller(set.handlers), set);
  } finally {
    // Always close: the .trame files go back to a single self-contained file before we exit.
    set.closeAll();
  }
}

// ───────────────────────────── commands ─────────────────────────────

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
  if (isSheetFormat(format)) {
    const problem = sheetUsageProblem(format, p.output);
    if (problem) throw new UsageError(problem);
    requireRegularFileIfPresent(path.resolve(file));
    return { stdout: await withHandlers((call, set) => exportSheetFile(call, set.jobs, { file, format, out: p.output!, replace: p.replace })) };
  }
  if (format !== 'json') throw new UsageError(`format d'export inconnu « ${format} » : formats possibles json, pdf, docx, note-copil-pdf, note-copil-docx, xlsx, ods.`);
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


/** `trame sign` and `trame verify`, with their own command line. */
export async function runSigning(command: 'sign' | 'verify', argv: string[]): Promise<number> {
  const r = await signingCommand(command, argv, readStdin);
  await write(process.stdout, r.stdout);
  await write(process.stderr, r.stderr);
  return r.code;
}

/** `trame merge`, with its own command line (-o, --simuler, --garder, --json). */
export async function runMerge(argv: string[], appVersion: string): Promise<number> {
  version = appVersion;
  const r = await mergeCommand(argv, withHandlers);
  await write(process.stdout, r.stdout);
  await write(process.stderr, r.stderr);
  return r.code;
}

/** `trame import-tableur`, with its own command line (--feuille, --colonnes, --simuler). Never throws. */
export async function runImportTableur(argv: string[], appVersion: string): Promise<number> {
  version = appVersion;
  return guarded(async () => {
    await write(process.stdout, await importTableurCommand(argv, withHandlers));
    return EXIT_OK;
  });
}

/** Runs a parsed command line (not help, not version) with Trame's `appVersion`; returns the exit code. Never throws. */
export async function runCommand(p: Parsed, appVersion: string): Promise<number> {
  version = appVersion;
  return guarded(async () => {
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
      case 'figer': {
        refuseOptions(p);
        const [file] = expectArgs(p, ['fichier.trame']);
        requireRegularFileIfPresent(path.resolve(file));
        await write(process.stdout, await figerCommand([file], withHandlers));
        return EXIT_OK;
      }
      default:
        throw new UsageError(`commande inconnue « ${p.command} » (commandes : import, import-tableur, export, show, commitments, measurements, sign, verify, merge, figer).`);
    }
  });
}

/** A command's errors as exit codes: 2 for a malformed command line, 1 for a refusal or a failure. */
async function guarded(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UsageError || err instanceof UsageProblem || err instanceof SheetUsageProblem) {
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

