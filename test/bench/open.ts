// Opening and importing (issue 22, items 1 and 2), each beside its raw limit measured in the same run.
//  - open-10k-ms (goal ≤ 100 ms) and open-10k-ratio (≤ 2.5): Store.open as the app opens (identity, quick_check,
//    schema; the content checks and the WAL switch come after the first screen: open-10k-content-ms) and the whole
//    tree loaded, against a raw better-sqlite3 open of the same file in WAL with every node row read (raw-open-10k-ms). open-100k-ms (≤ 500) the same at 100 000 items.
//  - open-10k-first-ms, raw-open-10k-first-ms, open-10k-first-ratio: the same two opens, each the first of a fresh
//    process (as a user's first open of a contrat: nothing compiled yet, a young heap), alternated, median of 5.
//  - import-10k-ms (≤ 1 000), import-100k-ms (≤ 5 000): `trame import` as a user runs it (a new process); beside
//    them cli-help-ms against node-bare-ms (goal: `trame --help` within 2× bare Node's start).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { TrameDocument } from '../../core/domain/format-types';
import { loadTree } from '../../core/features/tree/queries';
import { Store } from '../../db/store';
import { median, ms } from './host';

type Print = (name: string, value: number, unit: string) => void;

/**
 * A full collection before each timed open, Trame's and the raw one alike (`npm run bench` runs node with
 * --expose-gc): each open then pays for its own garbage, not for what the bench and the opens before it left. Without
 * it, young-generation collections of 20–70 ms left by the bench's own data (the 10 000-item document it generated)
 * landed in some opens and not others, and the same code measured 22–25 ms in one build and 40–55 in another.
 */
function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('Lancez le bench avec node --expose-gc (npm run bench) : les ouvertures sont mesurées après un ramasse-miettes complet.');
  gc();
}

/** Store.open + loadTree and the raw open + read, alternated so that both see the same machine load. */
export function benchOpen(dir: string, file: string, items: number, runs: number): { openMs: number; rawMs: number; contentMs: number } {
  const opens: number[] = [];
  const raws: number[] = [];
  const contents: number[] = [];
  for (let k = 0; k < runs; k++) {
    collect();
    let t0 = process.hrtime.bigint();
    // As the app opens a contrat: the content checks after the first screen (then timed apart: `contentMs`).
    const s = Store.open(file, 'bench', { migrationCopyDir: dir, deferContent: true });
    const nodes = loadTree(s).length;
    opens.push(ms(t0));
    t0 = process.hrtime.bigint();
    s.checkContent();
    contents.push(ms(t0));
    s.close();
    if (nodes !== items) throw new Error(`attendu ${items} éléments, lu ${nodes}`);
    collect();
    raws.push(rawOpen(file));
  }
  return { openMs: median(opens), rawMs: median(raws), contentMs: median(contents) };
}

/** The bench's child mode (`bench.cjs --premiere-ouverture <file> trame|brut`): one open of `file`, its time printed. */
export function firstOpenChild(file: string, kind: string): void {
  if (kind === 'trame') {
    const t0 = process.hrtime.bigint();
    const s = Store.open(file, 'bench', { deferContent: true });
    loadTree(s);
    const t = ms(t0);
    s.close();
    console.log(t);
  } else {
    console.log(rawOpen(file));
  }
}

/** The raw limit: a better-sqlite3 open of `file` in WAL with every node and indicator row read; its time in ms. */
function rawOpen(file: string): number {
  const t0 = process.hrtime.bigint();
  const raw = new Database(file, { fileMustExist: true });
  raw.pragma('locking_mode = EXCLUSIVE');
  raw.pragma('journal_mode = WAL');
  raw.prepare('SELECT id, parent_id, kind, order_key, title, description, tag, tag_note FROM node').raw().all();
  raw.prepare('SELECT * FROM indicator').raw().all();
  const t = ms(t0);
  raw.pragma('journal_mode = DELETE');
  raw.close();
  return t;
}

/** The first open of a fresh process, Trame's and the raw one alternated, `runs` times each: the medians. */
export function benchFirstOpen(file: string, runs: number): { openMs: number; rawMs: number } {
  const once = (kind: string): number =>
    Number(execFileSync(process.execPath, [process.argv[1], '--premiere-ouverture', file, kind], { encoding: 'utf8' }).trim().split('\n').at(-1));
  const opens: number[] = [];
  const raws: number[] = [];
  for (let k = 0; k < runs; k++) {
    opens.push(once('trame'));
    raws.push(once('brut'));
  }
  return { openMs: median(opens), rawMs: median(raws) };
}

function runCli(cli: string, dir: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, ...args], { env: { ...process.env, TRAME_DATA_DIR: dir }, stdio: 'pipe' });
  return ms(t0);
}

/** `trame import` of `doc` in a new process, `runs` times: the median. */
export function benchImportCli(dir: string, doc: TrameDocument, label: string, runs: number): number {
  const json = path.join(dir, `${label}.json`);
  writeFileSync(json, JSON.stringify(doc));
  const times: number[] = [];
  for (let k = 0; k < runs; k++) times.push(runCli(path.join(__dirname, 'cli.cjs'), dir, ['import', path.join(dir, `${label}-${k}.trame`), json]));
  return median(times);
}

/** `trame --help` against `node -e 0`, alternated. */
export function benchCliStart(dir: string, print: Print): void {
  const help: number[] = [];
  const bare: number[] = [];
  for (let k = 0; k < 7; k++) {
    help.push(runCli(path.join(__dirname, 'cli.cjs'), dir, ['--help']));
    bare.push(runCli('-e', dir, ['0']));
  }
  print('cli-help-ms', median(help), 'ms');
  print('node-bare-ms', median(bare), 'ms');
  print('cli-help-ratio', median(help) / median(bare), 'x');
}
