// The module boundaries (issue 6, item 1; the floors of issue 18), checked by dependency-cruiser
// (.dependency-cruiser.cjs) on the real tree: the renderer reaches neither db/, electron/, Node nor a Node-only
// package; db/ and core/ never import the shell or the UI; a feature imports another only through its public files;
// features form no cycle; each floor of core/ (base, db, session and jobs, features, root, hosts) imports only the
// floors below it; no feature sees db/store.ts (the one edit door); nothing in core/ and db/ forms a cycle.
// Negative controls: on a small tree written here, clean at first, each rule fires on the one file that breaks it.
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../helpers/tmp';
import { cruiseTree, ROOT, RULE_NAMES, SOURCE_FOLDERS } from './depcruise';

const sourceFiles = (folder: string): string[] =>
  readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .map((f) => `${folder}/${f.split(path.sep).join('/')}`)
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith('.d.ts'));

describe('module boundaries (dependency-cruiser)', () => {
  it('the real tree: zero violations, no cycle between features, every source file cruised', async () => {
    const r = await cruiseTree(ROOT);
    const files = SOURCE_FOLDERS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    // Every .ts/.tsx file was read (a file the parser cannot read would make the check silently blind).
    const cruised = new Set(r.modules);
    expect(files.filter((f) => !cruised.has(f))).toEqual([]);
    const described = r.violations.map((v) => `${v.rule} : ${v.from} → ${v.to}${v.via ? ` (par ${v.via.join(' → ')})` : ''}`);
    expect(described).toEqual([]);
    expect(r.featureCycles.map((c) => c.join(' → '))).toEqual([]);
  }, 120_000);

  describe('negative controls: each rule fires', () => {
    // A tiny tree with the project's layout, clean; each case adds files that break one rule.
    const base: Record<string, string> = {
      'core/api/contract.ts': `export const channels = { 'a.get': 1 };\n`,
      'core/api/result.ts': `export class TrameError extends Error {}\n`,
      'core/domain/tree.ts': `import { TrameError } from '../api/result';\nexport const KINDS = ['enjeu'];\nexport const E = TrameError;\n`,
      'core/session/index.ts': `import type { Store } from '../../db/store';\nexport type Doc = Pick<Store, 'db'>;\nexport interface FeatureContext { open(path: string): Doc }\n`,
      'core/jobs/runner.ts': `import type { FeatureContext } from '../session/index';\nexport class JobRunner { constructor(readonly ctx: FeatureContext) {} }\n`,
      'core/handlers/index.ts': `import { run } from '../features/alpha/index';\nimport { JobRunner } from '../jobs/runner';\nexport const h = [run, JobRunner];\n`,
      'core/cli/main.ts': `import { h } from '../handlers/index';\nexport const main = h;\n`,
      'db/query.ts': `import { KINDS } from '../core/domain/tree';\nexport const kinds = KINDS;\n`,
      'core/features/alpha/contract.ts': `export const alphaContract = 'alpha';\n`,
      'core/features/alpha/index.ts': `export { alphaContract } from './contract';\nexport { run } from './handlers';\n`,
      'core/features/alpha/handlers.ts': `import { betaContract } from '../beta/index';\nexport const run = () => betaContract;\n`,
      'core/features/beta/contract.ts': `export const betaContract = 'beta';\n`,
      'core/features/beta/index.ts': `export { betaContract } from './contract';\nexport { load } from './queries';\n`,
      'core/features/beta/queries.ts': `import type { Doc } from '../../session/index';\nexport const load = (s: Doc) => s;\n`,
      'db/store.ts': `import { readFileSync } from 'node:fs';\nimport Database from 'better-sqlite3';\nimport { kinds } from './query';\nexport type Store = { db: Database.Database; read: typeof readFileSync; kinds: typeof kinds };\n`,
      'electron/main.ts': `import { app } from 'electron';\nimport type { Store } from '../db/store';\nimport { channels } from '../core/api/contract';\nexport const x: [unknown, Store | null, unknown] = [app, null, channels];\n`,
      'renderer/main.tsx': `import { channels } from '../core/api/contract';\nimport { betaContract } from '../core/features/beta/contract';\nimport { Arbre } from './features/arbre/index';\nexport const Page = () => <main data-c={String(channels)}><Arbre titre={betaContract} /></main>;\n`,
      'renderer/features/arbre/index.tsx': `export { Arbre } from './Arbre';\n`,
      'renderer/features/arbre/Arbre.tsx': `export const Arbre = (p: { titre: string }) => <ul><li>{p.titre}</li></ul>;\n`,
      'renderer/features/fichiers/index.ts': `import { Arbre } from '../arbre/index';\nexport const F = Arbre;\n`,
    };
    const build = (extra: Record<string, string>): string => {
      const dir = tmpDir('trame-test-depcruise-');
      for (const [file, text] of Object.entries({ ...base, ...extra })) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
      // Packages resolve to the real ones, as in the project.
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      return dir;
    };
    const fired = async (extra: Record<string, string>) => {
      const dir = build(extra);
      try {
        const r = await cruiseTree(dir);
        return { rules: [...new Set(r.violations.map((v) => v.rule))].sort(), violations: r.violations, cycles: r.featureCycles, modules: r.modules };
      } finally {
        rmSync(path.join(dir, 'node_modules'));
      }
    };

    it('the small tree is clean, and every file of it is cruised', async () => {
      const r = await fired({});
      expect(r.violations).toEqual([]);
      expect(r.cycles).toEqual([]);
      expect([...r.modules].sort()).toEqual(Object.keys(base).sort());
    }, 60_000);

    // `from`: the files a violation may start from, when not only the case's own (a cycle is reported from each of
    // its modules).
    const cases: { name: string; files: Record<string, string>; rules: string[]; from?: string[] }[] = [
      {
        name: 'the renderer imports a type from db/ (a type-only import, in a .tsx file)',
        files: { 'renderer/features/arbre/Bad.tsx': `import type { Store } from '../../../db/store';\nexport const B = (p: { s: Store }) => <p>{String(p.s)}</p>;\n` },
        // db/store.ts itself brings node:fs and better-sqlite3 along.
        rules: ['renderer-hors-db-electron', 'renderer-sans-node-indirect', 'renderer-sans-paquet-node'],
      },
      {
        name: 'the renderer imports electron/',
        files: { 'renderer/bad.ts': `import { x } from '../electron/main';\nexport const y = x;\n` },
        rules: ['renderer-hors-db-electron', 'renderer-sans-node-indirect', 'renderer-sans-paquet-node'],
      },
      {
        name: "the renderer reaches db/ through a feature's index (which exports its queries)",
        files: { 'renderer/features/arbre/useBeta.ts': `import { load } from '../../../core/features/beta/index';\nexport const use = load;\n` },
        rules: ['renderer-hors-db-electron', 'renderer-sans-node-indirect', 'renderer-sans-paquet-node'],
      },
      {
        name: 'the renderer imports a Node built-in (node:fs)',
        files: { 'renderer/features/arbre/Disk.tsx': `import { readFileSync } from 'node:fs';\nexport const D = () => <pre>{String(readFileSync)}</pre>;\n` },
        rules: ['renderer-sans-node', 'renderer-sans-node-indirect'],
      },
      {
        name: "the renderer imports a Node built-in without the node: prefix (path)",
        files: { 'renderer/lib/p.ts': `import path from 'path';\nexport const j = path.join;\n` },
        rules: ['renderer-sans-node', 'renderer-sans-node-indirect'],
      },
      {
        name: 'the renderer imports a Node-only package (kysely)',
        files: { 'renderer/lib/sql.ts': `import { sql } from 'kysely';\nexport const q = sql;\n` },
        rules: ['renderer-sans-paquet-node'],
      },
      {
        name: 'the renderer imports better-sqlite3',
        files: { 'renderer/lib/db.ts': `import Database from 'better-sqlite3';\nexport const D = Database;\n` },
        rules: ['renderer-sans-paquet-node'],
      },
      {
        name: 'db/ imports the renderer',
        files: { 'db/bad.ts': `import { Arbre } from '../renderer/features/arbre/index';\nexport const a = Arbre;\n` },
        rules: ['db-hors-electron-renderer'],
      },
      {
        name: 'db/ imports electron/',
        files: { 'db/bad.ts': `import { x } from '../electron/main';\nexport const a = x;\n` },
        rules: ['db-hors-electron-renderer'],
      },
      {
        name: 'core/ imports electron/',
        files: { 'core/cli.ts': `import { x } from '../electron/main';\nexport const a = x;\n` },
        rules: ['core-hors-electron-renderer'],
      },
      {
        name: 'core/ imports the electron package',
        files: { 'core/shell.ts': `import { app } from 'electron';\nexport const a = app;\n` },
        rules: ['core-hors-electron-renderer'],
      },
      {
        name: 'a feature of core/ imports the renderer',
        files: { 'core/features/alpha/view.ts': `import { Arbre } from '../../../renderer/features/arbre/index';\nexport const v = Arbre;\n` },
        rules: ['core-hors-electron-renderer'],
      },
      {
        name: "a core feature reaches into another's internals",
        files: { 'core/features/alpha/peek.ts': `import { load } from '../beta/queries';\nexport const p = load;\n` },
        rules: ['fonctionnalite-interne-core'],
      },
      {
        name: 'the base (core/domain) imports a feature',
        files: { 'core/domain/bad.ts': `import { betaContract } from '../features/beta/contract';\nexport const b = betaContract;\n` },
        rules: ['etage-base'],
      },
      {
        name: 'the base (core/api) imports db/, even for a type',
        files: { 'core/api/bad.ts': `import type { Store } from '../../db/store';\nexport type B = Store;\n` },
        rules: ['etage-base'],
      },
      {
        name: 'the base imports the combined API contract (which lists the features)',
        files: { 'core/domain/bad.ts': `import { channels } from '../api/contract';\nexport const b = channels;\n` },
        rules: ['etage-base'],
      },
      {
        name: 'db/ imports the API contract',
        files: { 'db/bad.ts': `import { channels } from '../core/api/contract';\nexport const b = channels;\n` },
        rules: ['etage-db'],
      },
      {
        name: 'db/ imports the session',
        files: { 'db/bad.ts': `import type { Doc } from '../core/session/index';\nexport type B = Doc;\n` },
        rules: ['etage-db'],
      },
      {
        name: 'the session imports a feature',
        files: { 'core/session/bad.ts': `import { load } from '../features/beta/index';\nexport const b = load;\n` },
        rules: ['etage-infrastructure'],
      },
      {
        name: 'the jobs import the composition root',
        files: { 'core/jobs/bad.ts': `import { h } from '../handlers/index';\nexport const b = h;\n` },
        rules: ['etage-infrastructure'],
      },
      {
        name: 'the jobs import the combined API contract',
        files: { 'core/jobs/bad.ts': `import type { channels } from '../api/contract';\nexport type B = typeof channels;\n` },
        rules: ['etage-infrastructure'],
      },
      {
        name: 'a feature imports the composition root',
        files: { 'core/features/alpha/bad.ts': `import { h } from '../../handlers/index';\nexport const b = h;\n` },
        rules: ['etage-fonctionnalites'],
      },
      {
        name: 'a feature imports a host (the CLI)',
        files: { 'core/features/beta/bad.ts': `import { main } from '../../cli/main';\nexport const b = main;\n` },
        rules: ['etage-fonctionnalites'],
      },
      {
        name: 'the composition root imports a host',
        files: { 'core/handlers/bad.ts': `import { main } from '../cli/main';\nexport const b = main;\n` },
        rules: ['etage-racine'],
      },
      {
        name: "a feature imports db/store.ts (the store's edit, behind the session's door)",
        files: { 'core/features/beta/edit.ts': `import type { Store } from '../../../db/store';\nexport const e = (s: Store) => s.db;\n` },
        rules: ['porte-unique-edition'],
      },
      {
        name: 'a cycle inside db/',
        files: {
          'db/a.ts': `import { b } from './b';\nexport const a = () => b;\n`,
          'db/b.ts': `import { a } from './a';\nexport const b = () => a;\n`,
        },
        rules: ['aucun-cycle'],
      },
      {
        name: 'a cycle through the session and a feature (an upward import that closes a loop)',
        files: { 'core/session/index.ts': `import type { Store } from '../../db/store';\nimport { load } from '../features/beta/index';\nexport type Doc = Pick<Store, 'db'>;\nexport const l = load;\n` },
        rules: ['aucun-cycle', 'etage-infrastructure'],
        from: ['core/session/index.ts', 'core/features/beta/index.ts', 'core/features/beta/queries.ts'],
      },
      {
        name: "a renderer feature reaches into another's internals",
        files: { 'renderer/features/fichiers/Peek.tsx': `import { Arbre } from '../arbre/Arbre';\nexport const P = () => <Arbre titre="x" />;\n` },
        rules: ['fonctionnalite-interne-renderer'],
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const r = await fired(c.files);
        expect(r.rules).toEqual([...c.rules].sort());
        // Each violation starts in a file this case added (the rest of the tree stays clean).
        for (const v of r.violations) expect(c.from ?? Object.keys(c.files)).toContain(v.from);
        expect(r.cycles).toEqual([]);
      }, 60_000);
    }

    it('every rule of the configuration has a negative control above', () => {
      expect([...new Set(cases.flatMap((c) => c.rules))].sort()).toEqual([...RULE_NAMES].sort());
    });

    it('a cycle between two core features, through their public files only, is found', async () => {
      const r = await fired({ 'core/features/beta/usesAlpha.ts': `import { alphaContract } from '../alpha/index';\nexport const u = alphaContract;\n` });
      expect(r.violations).toEqual([]); // no path rule sees it
      expect(r.cycles).toEqual([['core/alpha', 'core/beta', 'core/alpha']]);
    }, 60_000);

    it('a cycle between two renderer features is found', async () => {
      const r = await fired({
        'renderer/features/arbre/index.tsx': `export { Arbre } from './Arbre';\nexport { F } from '../fichiers/index';\n`,
      });
      expect(r.violations).toEqual([]);
      expect(r.cycles).toEqual([['renderer/arbre', 'renderer/fichiers', 'renderer/arbre']]);
    }, 60_000);
  });
});
