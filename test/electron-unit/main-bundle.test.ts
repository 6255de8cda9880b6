// The real bundle of electron/main.ts, run under Node with a fake `electron` (fixtures/fake-electron-driver.cjs):
// the closest this machine gets to the Electron smoke test (test/electron/smoke.e2e.ts) without the binary.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { CHANNELS } from '../../core/api/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const driver = path.join(__dirname, 'fixtures', 'fake-electron-driver.cjs');
let work: string;
let bundle: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trame-main-bundle-'));
  bundle = path.join(work, 'electron', 'main.cjs');
  // Same options as build/scripts/build-node.mjs for this entry.
  await build({
    absWorkingDir: root,
    // The handlers' own thread is bundled beside it, as the build does (dist/handler-host.cjs).
    entryPoints: { 'electron/main': path.join(root, 'electron', 'main.ts'), 'handler-host': path.join(root, 'core', 'handlers', 'host-worker.ts') },
    outdir: work,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', 'better-sqlite3', 'pdfkit', '@resvg/resvg-js'],
    define: { __TRAME_VERSION__: '"0.0.0-test"', __TRAME_API_CHANNELS__: JSON.stringify(CHANNELS) },
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(calls: unknown[]): { results: any[]; windowUrl: string; userData: string; asBytes: number } {
  const steps = path.join(work, `steps-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(steps, JSON.stringify({ documents: path.join(work, 'Documents'), calls }));
  const out = execFileSync(process.execPath, [driver, bundle, steps], {
    env: { ...process.env, TRAME_USER_DATA: path.join(work, 'user-data'), NODE_PATH: path.join(root, 'node_modules') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

describe('bundled main process (fake electron, real handlers and SQLite)', () => {
  it('creates a contrat and an item, quits, and finds them on the next launch', () => {
    const file = path.join(work, 'smoke.trame');
    const first = run([
      { channel: 'app.info', input: {} },
      {
        channel: 'contrat.create',
        input: { path: file, contrat: { name: 'Contrat smoke', epci: 'CA Test', period: { start: 2024, end: 2030 }, qpv: [] } },
        save: 'docId',
        field: 'docId',
      },
      { channel: 'tree.add', input: { docId: '$docId', parentId: null, title: 'Lever les freins' } },
    ]);
    expect(first.windowUrl).toBe('app://trame/index.html');
    expect(first.userData).toBe(path.join(work, 'user-data'));
    expect(first.results[0]).toMatchObject({ ok: true, value: { mode: 'electron', version: '0.0.0-test' } });
    // Every answer came as the bytes of its JSON: the handlers ran on their own thread, not on the main one.
    expect(first.asBytes).toBe(3);
    expect(first.results[1].ok, JSON.stringify(first.results[1])).toBe(true);
    expect(first.results[2].ok, JSON.stringify(first.results[2])).toBe(true);
    expect(existsSync(file)).toBe(true);
    // Closed cleanly on quit: no WAL file left beside the contrat.
    expect(existsSync(`${file}-wal`)).toBe(false);

    const second = run([
      { channel: 'doc.open', input: { path: file }, save: 'docId', field: 'docId' },
      { channel: 'tree.get', input: { docId: '$docId' } },
      { channel: 'recent.list', input: {} },
    ]);
    expect(second.results[0].ok, JSON.stringify(second.results[0])).toBe(true);
    expect(second.results[1].value.nodes.map((n: { title: string }) => n.title)).toContain('Lever les freins');
    expect(second.results[2].value.map((r: { path: string }) => r.path)).toContain(realpathSync(file));
  });
});
