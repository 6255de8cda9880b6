#!/usr/bin/env node
// The `trame` command. Messages in French; errors on stderr. Exit codes: 0 success, 1 the command was understood but
// refused or failed, 2 malformed command line. This entry is light (node built-ins and args.ts only): `trame --help`
// and `--version` load no command; a command loads commands.ts (the handlers, every feature) when it runs — the
// build makes it a bundle of its own (dist/cli-commands.cjs).
import { appDataDir } from '../app-paths';
import { parseCommandLine, UsageError, write } from './args';

declare const __TRAME_VERSION__: string | undefined;
/** The help text, evaluated by the build from help.ts (so that --help loads no command); absent from the sources. */
declare const __TRAME_CLI_HELP__: string | undefined;
const VERSION = typeof __TRAME_VERSION__ === 'string' ? __TRAME_VERSION__ : '0.0.0-dev';
const EXIT_OK = 0;
const EXIT_ERROR = 1;
const EXIT_USAGE = 2;
/** The commands of commands.ts (sign and verify have their own command line). */
const COMMANDS = ['import', 'export', 'show', 'commitments', 'measurements', 'figer'];

/**
 * The commands' bundle, loaded by `require`: an `import()` of a CommonJS file first scans the whole file for its
 * exports (Node's ESM loader): 50–140 ms for the 8 MB bundle of then, that a command does not need.
 */
function commands(): typeof import('./commands') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./commands') as typeof import('./commands');
}

async function helpText(): Promise<string> {
  if (typeof __TRAME_CLI_HELP__ === 'string') return __TRAME_CLI_HELP__.replace('{{version}}', VERSION).replace('{{dataDir}}', appDataDir());
  return (await import('./help')).cliHelp(VERSION, appDataDir());
}

/** Runs one command line; returns the exit code. Never throws. */
async function main(argv: string[]): Promise<number> {
  try {
    if (argv[0] === 'sign' || argv[0] === 'verify') return await commands().runSigning(argv[0], argv.slice(1));
    if (argv[0] === 'merge') return await commands().runMerge(argv.slice(1), VERSION);
    if (argv[0] === 'import-tableur') return await commands().runImportTableur(argv.slice(1), VERSION);
    const p = parseCommandLine(argv);
    if (p.version) {
      await write(process.stdout, `trame ${VERSION}\n`);
      return EXIT_OK;
    }
    if (p.help || p.command === undefined || p.command === 'help' || p.command === 'aide') {
      const help = await helpText();
      if (p.command === undefined && !p.help) {
        await write(process.stderr, `${help}\n`);
        return EXIT_USAGE;
      }
      await write(process.stdout, `${help}\n`);
      return EXIT_OK;
    }
    if (!COMMANDS.includes(p.command)) {
      throw new UsageError(`commande inconnue « ${p.command} » (commandes : ${COMMANDS.join(', ')}, import-tableur, sign, verify, merge).`);
    }
    return await commands().runCommand(p, VERSION);
  } catch (err) {
    if (err instanceof UsageError) {
      await write(process.stderr, `Erreur : ${err.message}\nAide : trame --help\n`);
      return EXIT_USAGE;
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
