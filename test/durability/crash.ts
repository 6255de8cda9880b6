// The crash test proper, shared by `npm test` (200 cycles) and `npm run stress` (more).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { Store } from '../../db/store';
import { loadTree } from '../../core/features/tree/queries';
import { createEmpty } from '../../core/features/contrat/queries';

export interface CrashReport { cycles: number; lost: number; corrupt: number; acked: number }

let bundle: string | null = null;
/** crash-writer.ts bundled for a plain `node` child. */
function writerBundle(): string {
  if (!bundle) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'trame-crash-bundle-'));
    bundle = path.join(dir, 'writer.cjs');
    buildSync({
      entryPoints: [path.join(__dirname, 'crash-writer.ts')],
      bundle: true, platform: 'node', format: 'cjs', outfile: bundle, external: ['better-sqlite3'], logLevel: 'silent',
    });
  }
  return bundle;
}

/** How the writer child commits and reports (see crash-writer.ts). */
export type WriterMode = '--ack-after-commit' | '--ack-before-commit' | '--synchronous-normal' | '--scribble' | '--truncate';

export interface CycleOptions {
  mode: WriterMode;
  /** Ends the writer once it has written a while: a SIGKILL here; a power cut in test/device. Must end in SIGKILL. */
  stop: (child: ChildProcess) => void;
  /** How long the writer edits before `stop`, in ms. */
  delayMs: () => number;
  /** Runs after the writer is gone, before the file is reopened (test/device mounts the volume again). */
  afterStop?: () => void;
}

function oneCycle(file: string, startAt: number, opts: CycleOptions): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerBundle(), file, opts.mode, String(startAt)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') },
    });
    const acked: number[] = [];
    let buf = '';
    let err = '';
    let stopTimer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'ready' && !stopTimer) {
          // Stop it at a random moment while it edits.
          stopTimer = setTimeout(() => opts.stop(child), opts.delayMs());
        } else if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`l'écrivain s'est arrêté seul (code ${code}) : ${err}`));
      else resolve(acked);
    });
  });
}

/**
 * Runs `cycles` write/stop/reopen cycles on `file` (an existing contrat); counts acknowledged edits missing and
 * files that fail to open or fail integrity_check.
 */
export async function writeCycles(file: string, cycles: number, opts: CycleOptions): Promise<CrashReport> {
  const report: CrashReport = { cycles: 0, lost: 0, corrupt: 0, acked: 0 };
  let next = 0;
  for (let c = 0; c < cycles; c++) {
    const acked = await oneCycle(file, next, opts);
    opts.afterStop?.();
    report.cycles++;
    report.acked += acked.length;
    // Reopen as a user would after the crash (SQLite recovers the WAL), then check.
    let store: Store;
    try {
      store = Store.open(file, 'crash-check');
    } catch {
      report.corrupt++;
      continue;
    }
    if (store.integrity() !== 'ok') report.corrupt++;
    const titles = new Set(loadTree(store).map((n) => n.title));
    for (const i of acked) if (!titles.has(`edit-${i}`)) report.lost++;
    const maxIndex = [...titles].reduce((m, t) => Math.max(m, Number(t.slice(5))), -1);
    store.close();
    next = Math.max(next, maxIndex + 1, (acked[acked.length - 1] ?? -1) + 1);
  }
  return report;
}

/** Runs `cycles` SIGKILL/reopen cycles on a new file in `dir`. */
export async function crashCycles(dir: string, cycles: number, ackBefore = false): Promise<CrashReport> {
  const file = path.join(dir, ackBefore ? 'negatif.trame' : 'crash.trame');
  createEmpty(file, { name: 'Crash', epci: 'EPCI', period: { start: 2024, end: 2030 }, qpv: [] });
  return writeCycles(file, cycles, {
    mode: ackBefore ? '--ack-before-commit' : '--ack-after-commit',
    stop: (child) => child.kill('SIGKILL'),
    delayMs: () => 1 + Math.random() * 40,
  });
}

/**
 * Negative control for corruption: `files` fresh contrats, each edited by a writer that damages the file itself
 * (`--scribble`: garbage over its pages; `--truncate`: cut to two pages) and is then killed; each is reopened and
 * checked as in the crash test. A check that can see corruption reports `corrupt` > 0.
 */
export async function corruptingCycles(dir: string, files: number, mode: '--scribble' | '--truncate'): Promise<CrashReport> {
  const total: CrashReport = { cycles: 0, lost: 0, corrupt: 0, acked: 0 };
  for (let k = 0; k < files; k++) {
    const file = path.join(dir, `abime-${mode.slice(2)}-${k}.trame`);
    createEmpty(file, { name: 'Abîmé', epci: 'EPCI', period: { start: 2024, end: 2030 }, qpv: [] });
    const r = await writeCycles(file, 1, { mode, stop: (child) => child.kill('SIGKILL'), delayMs: () => 1 + Math.random() * 10 });
    total.cycles += r.cycles;
    total.lost += r.lost;
    total.corrupt += r.corrupt;
    total.acked += r.acked;
  }
  return total;
}
