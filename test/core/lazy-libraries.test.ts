// The heavy libraries stay out of a start that does not use them (issue 22, `import-10k-ms`): build/scripts/
// build-node.mjs leaves them outside the bundles and the features require them where a function needs them. A
// `trame import` of a contrat, run as a user runs it (dist/cli.cjs in a subprocess), must load none of them, nor
// pdfkit; signing still loads what it needs (the signing CLI's own tests sign and verify through the same bundle).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.cjs');

/** The list the build leaves outside the bundles, read from the build script itself (one list). */
function lazyLibraries(): string[] {
  const src = readFileSync(path.join(root, 'build', 'scripts', 'build-node.mjs'), 'utf8');
  const m = /const lazyLibraries = \[([^\]]*)\]/.exec(src);
  if (!m) throw new Error('lazyLibraries introuvable dans build/scripts/build-node.mjs');
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

/** Runs the CLI with a hook that records every module it requires; returns them. */
function requiredBy(dir: string, args: string[]): { status: number | null; stderr: string; required: string[] } {
  const hook = path.join(dir, 'hook.cjs');
  const out = path.join(dir, 'required.json');
  writeFileSync(hook, `const Module = require('node:module'); const fs = require('node:fs');
const seen = new Set(); const load = Module._load;
Module._load = function (request) { seen.add(request); return load.apply(this, arguments); };
process.on('exit', () => fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify([...seen])));
`);
  const r = spawnSync(process.execPath, ['--require', hook, cli, ...args], {
    cwd: dir, env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app-data') }, encoding: 'utf8', timeout: 60_000,
  });
  return { status: r.status, stderr: r.stderr, required: existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as string[]) : [] };
}

describe('bibliothèques chargées à la demande', () => {
  it('trame import ne charge ni pdf-lib, ni SheetJS, ni pkijs, ni node-forge, ni fontkit, ni pdfkit', () => {
    if (!existsSync(cli)) throw new Error('dist/cli.cjs manquant : lancez « npm run build » avant ce test.');
    const libs = lazyLibraries();
    expect(libs).toEqual(expect.arrayContaining(['@cantoo/pdf-lib', '@e965/xlsx', 'pkijs', 'node-forge', 'fontkit']));
    const dir = tmpDir();
    const json = path.join(dir, 'contrat.json');
    writeFileSync(json, JSON.stringify({
      format: 'trame', version: 1, contrat: { name: 'Contrat à importer', epci: 'CA Test', period: { start: 2024, end: 2030 } },
      tree: [{ id: 'e1', kind: 'enjeu', title: 'Emploi', children: [{ id: 'o1', kind: 'objectif', title: 'Accès à l’emploi' }] }],
    }));
    const r = requiredBy(dir, ['import', path.join(dir, 'c.trame'), json]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, 'c.trame'))).toBe(true);
    // The hook saw the bundle's own external requires (the control that it records at all)…
    expect(r.required).toContain('better-sqlite3');
    expect(r.required).toContain('./cli-commands.cjs');
    // …and none of the libraries left for later.
    expect(r.required.filter((m) => [...libs, 'pdfkit'].includes(m))).toEqual([]);
  }, 60_000);
});
