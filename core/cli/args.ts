// What every `trame` command shares and `trame --help` needs, without loading any command: the command line parsed,
// usage errors, writing to the terminal. Light on purpose (node built-ins only): main.ts loads the commands
// (commands.ts, and through it the handlers and every feature) only for a command that needs them.
import { parseArgs } from 'node:util';
import type { AppError } from '../api/result';
import { terminalSafe } from './terminal';

/** A malformed command line: exit code 2 and a hint to read the help. */
export class UsageError extends Error {}

// ───────────────────────────── output ─────────────────────────────

/** Human text (messages, `show`): control characters from the data are shown, never sent to the terminal. */
export function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return writeRaw(stream, terminalSafe(text));
}

export function writeRaw(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') return resolve();
    stream.write(text, () => resolve());
  });
}

export function errorText(error: Pick<AppError, 'message' | 'details'>): string {
  const lines = [`Erreur : ${error.message}`];
  for (const d of error.details ?? []) lines.push(`  ${d}`);
  return `${lines.join('\n')}\n`;
}

export interface Parsed {
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

export function parseCommandLine(argv: string[]): Parsed {
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

export function expectArgs(p: Parsed, names: string[]): string[] {
  if (p.args.length < names.length) {
    throw new UsageError(`« trame ${p.command} » attend ${names.map((n) => `<${n}>`).join(' ')} : ${names[p.args.length]} manquant.`);
  }
  if (p.args.length > names.length) throw new UsageError(`argument en trop : « ${p.args[names.length]} ».`);
  return p.args;
}

export function refuseOptions(p: Parsed): void {
  if (p.format !== undefined) throw new UsageError(`l'option --format ne s'applique qu'à « trame export ».`);
  if (p.output !== undefined) throw new UsageError(`l'option -o ne s'applique qu'à « trame export ».`);
  if (p.replace) throw new UsageError(`l'option --remplacer ne s'applique qu'à « trame export -o ».`);
  if (p.late || p.partner !== undefined) throw new UsageError("les options --late et --partner ne s'appliquent qu'à « trame commitments ».");
  if (p.since !== undefined) throw new UsageError(`l'option --depuis ne s'applique qu'à « trame export --format note-copil-pdf|note-copil-docx ».`);
}

