// `trame --help` starts small (issue 22, item 2): the entry dist/cli.cjs holds none of the commands, and running the
// help loads neither the commands' bundle nor any native or document module. Timing is the bench's (cli-help-ms
// against node-bare-ms), never asserted here.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'cli.cjs');

/** Runs the CLI with a preload that writes, at exit, every module file Node loaded. */
function loadedBy(args: string[]): { status: number | null; stdout: string; modules: string[] } {
  const dir = tmpDir();
  const list = path.join(dir, 'modules.json');
  const preload = path.join(dir, 'preload.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const r = spawnSync(process.execPath, ['--require', preload, cli, ...args], {
    env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app-data') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, modules: JSON.parse(readFileSync(list, 'utf8')) as string[] };
}

const HEAVY = /cli-commands|pdfkit|docx|pdf-lib|node-forge|pkijs|better-sqlite3|resvg/;

describe('trame starts small', () => {
  it('the entry bundle holds no command: a few kilobytes, none of the document or signing libraries', () => {
    expect(statSync(cli).size).toBeLessThan(50_000);
    const text = readFileSync(cli, 'utf8');
    for (const marker of ['PDFDocument', 'node-forge', 'pkijs', 'better-sqlite3', 'zod']) expect(text).not.toContain(marker);
  });

  it('--help and --version load only the entry', () => {
    for (const args of [['--help'], ['--version']]) {
      const r = loadedBy(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^trame \d/);
      expect(r.modules.filter((m) => HEAVY.test(m))).toEqual([]);
      expect(r.modules.filter((m) => m.includes(`${path.sep}dist${path.sep}`))).toEqual([cli]);
    }
    // The help names every command, with the settings folder of this run.
    const help = loadedBy(['--help']).stdout;
    for (const c of ['import', 'export', 'show', 'commitments', 'measurements', 'sign', 'verify']) expect(help).toContain(`trame ${c}`);
    expect(help).toContain('app-data');
  });

  it('a command loads the commands when it runs', () => {
    const r = loadedBy(['show', path.join(tmpDir(), 'absent.trame')]);
    expect(r.status).toBe(1);
    expect(r.modules.some((m) => m.endsWith(`${path.sep}cli-commands.cjs`))).toBe(true);
  });
});
