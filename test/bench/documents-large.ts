// The protocole of a large contrat (issue 22, item 6), group `grand` (and `documents-grand` alone) of `npm run bench`:
//  - pdf-100k-ms (goal ≤ 40 000 ms) and pdf-100k-rss-mb (goal ≤ 800 MB);
//  - docx-100k-ms (goal ≤ 40 000 ms) and docx-100k-rss-mb (goal ≤ 800 MB).
// Each is `trame export` as a user runs it, in a new process (read the file, snapshot, lay out, write), timed from
// the spawn to the exit; the peak is that process's maximum resident set size (getrusage, read at its exit).
// TRAME_BENCH_DOC_ITEMS=30000 measures another size (the figures are then named pdf-30k-ms…), to iterate quickly.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createFromDocument } from '../../core/features/files/import';
import { generateDocument } from './generate';
import { ms } from './host';

type Print = (name: string, value: number, unit: string) => void;

/** One CLI run: its elapsed time and its peak resident memory. */
export function cliRun(dir: string, args: string[]): { ms: number; rssMb: number } {
  const hook = path.join(dir, 'peak-doc.cjs');
  const out = path.join(dir, 'peak-doc.txt');
  writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));`);
  const cli = path.join(path.dirname(process.argv[1]), 'cli.cjs');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', hook, cli, ...args], { cwd: dir, env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app-data') }, encoding: 'utf8' });
  const elapsed = ms(t0);
  if (r.status !== 0) throw new Error(`trame ${args.join(' ')} : ${r.stderr}`);
  return { ms: elapsed, rssMb: Number(readFileSync(out, 'utf8')) / 1024 };
}

/** `file`: a contrat of `items` items already written (the `grand` group's); made here otherwise. */
export function benchLargeDocuments(dir: string, print: Print, items = 100_000, file?: string): void {
  const label = items % 1000 === 0 ? `${items / 1000}k` : String(items);
  if (!file) {
    file = path.join(dir, `bench-docs-${label}.trame`);
    createFromDocument(file, generateDocument(items));
  }
  for (const format of ['pdf', 'docx'] as const) {
    const outFile = path.join(dir, `protocole-${label}.${format}`);
    const r = cliRun(dir, ['export', file, '--format', format, '-o', outFile, '--remplacer']);
    print(`${format}-${label}-ms`, r.ms, 'ms');
    print(`${format}-${label}-rss-mb`, r.rssMb, 'MB');
    print(`${format}-${label}-file-mb`, statSync(outFile).size / 1024 / 1024, 'MB');
    rmSync(outFile);
  }
}
