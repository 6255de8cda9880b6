#!/usr/bin/env node
// The `trame` command. It calls the same handlers as the UI, through dispatch(), so a contrat imported
// here is exactly the contrat the app would have built. Messages in French; errors on stderr.
// Exit codes: 0 success, 1 the command was understood but refused or failed, 2 malformed command line.
import { readFileSync, statSync } from 'node:fs';
import { fsError, writeFileAtomic } from './files';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Channel, DocInfo, Input, Output } from './api/contract';
import { dispatch } from './api/dispatch';
import { TrameError, type AppError } from './api/result';
import { KIND_LABELS, TAG_LABELS } from './domain/tree';
import type { CommitmentStatus, IndicatorDoc, PartnerType, TrameDocument, TreeNodeDoc } from './domain/format-types';
import { MAX_JSON_BYTES, countNodes, parseTrameJsonText } from './format/schema';
import { createHandlers } from './handlers/index';

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
  trame export <fichier.trame> [--format json] [-o <sortie.json>]
      Écrit le contrat au format d'échange JSON, sur la sortie standard si -o est absent ou vaut « - ».
  trame show <fichier.trame>
      Affiche le contrat : arbre enjeu → objectif → action → indicateur, étiquettes, partenaires, engagements.
  trame --help       Affiche cette aide.
  trame --version    Affiche la version.

Environnement :
  TRAME_DATA_DIR     Dossier des réglages de Trame (par défaut : ${defaultAppDataDir()}).

Codes de sortie : 0 réussite, 1 erreur (fichier refusé, introuvable…), 2 commande mal formée.`;

/** A malformed command line: exit code 2 and a hint to read the help. */
class UsageError extends Error {}

function defaultAppDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Trame');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Trame');
  return path.join(process.env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Trame');
}

function appDataDir(): string {
  const fromEnv = process.env.TRAME_DATA_DIR;
  return fromEnv && fromEnv.trim() !== '' ? path.resolve(fromEnv) : defaultAppDataDir();
}

// ───────────────────────────── output ─────────────────────────────

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
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

async function withHandlers<T>(run: (call: Call) => Promise<T>): Promise<T> {
  const set = createHandlers({ mode: 'cli', appDataDir: appDataDir(), defaultDir: process.cwd(), version: VERSION });
  try {
    return await run(caller(set.handlers));
  } finally {
    // Always close: the .trame files go back to a single self-contained file before we exit.
    set.closeAll();
  }
}

// ───────────────────────────── files ─────────────────────────────

function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TrameError(
      'format-invalide',
      `${label} n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 (le format d'échange Trame est toujours en UTF-8).`,
    );
  }
}

function tooLarge(label: string, bytes: number): TrameError {
  return new TrameError(
    'format-invalide',
    `${label} est trop volumineux (${Math.round(bytes / (1024 * 1024))} Mo) : Trame accepte au plus ${MAX_JSON_BYTES / (1024 * 1024)} Mo.`,
  );
}

function readJsonFile(file: string): string {
  const label = `Le fichier « ${file} »`;
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw Object.assign(new Error('dossier'), { code: 'EISDIR' });
    size = st.size;
  } catch (err) {
    throw fsError(err, file, 'lire');
  }
  // Checked before reading: a huge file must not be loaded to be refused.
  if (size > MAX_JSON_BYTES) throw tooLarge(label, size);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw fsError(err, file, 'lire');
  }
  return decodeUtf8(bytes, label);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_JSON_BYTES) throw tooLarge("Le document lu sur l'entrée standard", size);
    chunks.push(buf);
  }
  return decodeUtf8(Buffer.concat(chunks), "Le document lu sur l'entrée standard");
}

// ───────────────────────────── show ─────────────────────────────

const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
  etat: 'État',
  collectivite: 'Collectivité',
  'service-public-emploi': "Service public de l'emploi",
  entreprise: 'Entreprise',
  formation: 'Formation',
  insertion: 'Insertion',
  association: 'Association',
  social: 'Acteur social',
  habitants: 'Habitants',
  financeur: 'Financeur',
  autre: 'Autre',
};

const STATUS_LABELS: Record<CommitmentStatus, string> = {
  propose: 'Proposé',
  acte: 'Acté',
  'en-cours': 'En cours',
  tenu: 'Tenu',
  'partiellement-tenu': 'Partiellement tenu',
  'non-tenu': 'Non tenu',
  abandonne: 'Abandonné',
};

/** French number: decimal comma, thin grouping of thousands. */
function formatNumber(v: number): string {
  if (!Number.isFinite(v) || Math.abs(v) >= 1e21) return String(v);
  const [int, dec] = String(Math.abs(v)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${v < 0 ? '-' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

function withUnit(v: number, unit: string | undefined): string {
  const n = formatNumber(v);
  if (!unit || unit === 'nombre') return n;
  return `${n} ${unit}`;
}

function dated(text: string, date: string | undefined): string {
  return date ? `${text} (${date})` : text;
}

function indicatorLine(ind: IndicatorDoc): string | null {
  const parts: string[] = [];
  const from = ind.baseline ? dated(withUnit(ind.baseline.value, ind.unit), ind.baseline.date) : null;
  const to = ind.target ? dated(withUnit(ind.target.value, ind.unit), ind.target.date) : null;
  if (from || to) parts.push(`${from ?? '?'} → ${to ?? '?'}`);
  if (ind.direction) parts.push(ind.direction === 'hausse' ? 'hausse attendue' : 'baisse attendue');
  if (ind.reference && ind.reference.value !== undefined) {
    parts.push(`réf. ${ind.reference.label ?? 'hors QPV'} : ${dated(withUnit(ind.reference.value, ind.unit), ind.reference.date)}`);
  }
  const qpv = (ind.measurements ?? []).filter((m) => (m.scope ?? 'qpv') === 'qpv');
  if (qpv.length > 0) {
    const last = qpv.reduce((a, b) => (b.date >= a.date ? b : a));
    parts.push(`dernière mesure : ${dated(withUnit(last.value, ind.unit), last.date)}`);
  }
  if (ind.source) parts.push(`source : ${ind.source}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function renderDocument(doc: TrameDocument, info?: Pick<DocInfo, 'path' | 'readOnly' | 'readOnlyReason'>): string {
  const out: string[] = [];
  const c = doc.contrat;
  out.push(c.name);
  const meta = [`EPCI : ${c.epci}`, `pilier ${c.pillar ?? 'emploi'}`];
  if (c.period) meta.push(`${c.period.start}-${c.period.end}`);
  out.push(meta.join(' · '));
  if (c.qpv && c.qpv.length > 0) {
    out.push(`QPV (${c.qpv.length}) :`);
    for (const q of c.qpv) out.push(`  ${q.code} ${q.name}${q.commune ? ` (${q.commune})` : ''}`);
  }
  if (info) out.push(`Fichier : ${info.path}${info.readOnly ? ` — lecture seule${info.readOnlyReason ? ` : ${info.readOnlyReason}` : ''}` : ''}`);
  out.push('');

  const total = countNodes(doc.tree);
  out.push(`Arbre stratégique (${total} élément${total > 1 ? 's' : ''})`);
  if (doc.tree.length === 0) out.push('  (vide)');
  // Iterative: the tree was validated, but a display loop has no reason to trust depth.
  const stack: { node: TreeNodeDoc; depth: number; number: string }[] = [];
  for (let i = doc.tree.length - 1; i >= 0; i--) stack.push({ node: doc.tree[i], depth: 0, number: String(i + 1) });
  while (stack.length > 0) {
    const { node, depth, number } = stack.pop()!;
    const pad = '  '.repeat(depth + 1);
    const tag = node.tag ? `  [${TAG_LABELS[node.tag]}]` : '';
    out.push(`${pad}${KIND_LABELS[node.kind]} ${number} — ${node.title}${tag}`);
    if (node.tagNote) out.push(`${pad}    ↳ ${node.tagNote}`);
    if (node.indicator) {
      const line = indicatorLine(node.indicator);
      if (line) out.push(`${pad}    ${line}`);
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: depth + 1, number: `${number}.${i + 1}` });
  }

  const partners = doc.partners ?? [];
  const partnerName = new Map(partners.filter((p) => p.id !== undefined).map((p) => [p.id as string, p.name]));
  if (partners.length > 0) {
    out.push('', `Partenaires (${partners.length})`);
    for (const p of partners) out.push(`  ${p.name}${p.type ? ` · ${PARTNER_TYPE_LABELS[p.type]}` : ''}`);
  }
  const commitments = doc.commitments ?? [];
  if (commitments.length > 0) {
    out.push('', `Engagements (${commitments.length})`);
    for (const e of commitments) {
      const status = e.status ? `[${STATUS_LABELS[e.status]}] ` : '';
      const extra: string[] = [];
      if (e.target) extra.push(`cible : ${withUnit(e.target.value, e.target.unit)}`);
      if (e.due) extra.push(`échéance : ${e.due}`);
      out.push(`  ${status}${partnerName.get(e.partner) ?? e.partner} — ${e.text}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`);
    }
  }
  const signatories = doc.signatories ?? [];
  if (signatories.length > 0) {
    out.push('', `Signataires (${signatories.length})`);
    for (const s of signatories) {
      out.push(`  ${s.name}${s.role ? `, ${s.role}` : ''} — ${partnerName.get(s.partner) ?? s.partner}`);
    }
  }
  return `${out.join('\n')}\n`;
}

// ───────────────────────────── commands ─────────────────────────────

interface Parsed {
  command: string | undefined;
  args: string[];
  format: string | undefined;
  output: string | undefined;
  help: boolean;
  version: boolean;
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
      },
    });
    return {
      command: positionals[0],
      args: positionals.slice(1),
      format: values.format,
      output: values.output,
      help: values.help === true,
      version: values.version === true,
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
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? 's' : ''}`;
}

async function commandImport(p: Parsed): Promise<string> {
  refuseOptions(p);
  const [target, source] = expectArgs(p, ['fichier.trame', 'contrat.json']);
  const text = source === '-' ? await readStdin() : readJsonFile(path.resolve(source));
  const raw = parseTrameJsonText(text);
  const targetPath = path.resolve(target);
  // The handler validates the document (parseTrameDocument) and refuses an existing target.
  const info = await withHandlers((call) => call('format.import', { path: targetPath, document: raw }));
  const n = countNodes((raw as TrameDocument).tree);
  return `Contrat importé : ${info.contrat.name} (${plural(n, 'élément')}) → ${info.path}\n`;
}

async function fetchDocument(file: string): Promise<{ info: DocInfo; doc: TrameDocument }> {
  return withHandlers(async (call) => {
    const info = await call('doc.open', { path: path.resolve(file) });
    const doc = await call('format.export', { docId: info.docId });
    return { info, doc };
  });
}

async function commandExport(p: Parsed): Promise<{ stdout: string }> {
  const [file] = expectArgs(p, ['fichier.trame']);
  const format = p.format ?? 'json';
  if (format !== 'json') throw new UsageError(`format d'export inconnu « ${format} » : seul « json » est disponible.`);
  const out = p.output;
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
  writeFileAtomic(outPath, text);
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
        await write(process.stdout, (await commandExport(p)).stdout);
        return EXIT_OK;
      case 'show':
        await write(process.stdout, await commandShow(p));
        return EXIT_OK;
      default:
        throw new UsageError(`commande inconnue « ${p.command} » (commandes : import, export, show).`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
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
