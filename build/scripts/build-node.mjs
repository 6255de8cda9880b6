// Bundles the Node-side entry points (Electron main and preload, CLI, HTTP harness, bench) with esbuild.
// Native and Electron modules stay external. Runs on `npm install` (prepare) so that `npx trame` works.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entries = {
  'electron/main': 'electron/main.ts',
  'electron/preload': 'electron/preload.ts',
  cli: 'core/cli/main.ts',
  'cli-commands': 'core/cli/commands.ts',
  server: 'core/server/main.ts',
  'job-worker': 'core/handlers/job-worker.ts',
  'handler-host': 'core/handlers/host-worker.ts',
  bench: 'test/bench/bench.ts',
};
const entryPoints = {};
for (const [out, src] of Object.entries(entries)) {
  if (existsSync(path.join(root, src))) entryPoints[out] = path.join(root, src);
}
/**
 * The API channel names, read from the registry itself (core/api/contract.ts, bundled and evaluated here), for the
 * preload's check: the preload must not bundle zod and every schema for a list of names.
 */
async function apiChannelNames() {
  const out = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'core/api/contract.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
  const names = mod.exports.CHANNELS;
  if (!Array.isArray(names) || names.length === 0) throw new Error('CHANNELS introuvable dans core/api/contract.ts');
  return names;
}

// The latest schema as one step (db/migrations/latest.generated.ts), derived from the migrations before bundling.
// Not on `npm install`/`npm ci` (prepare): an install never rewrites a source, and it may run on a Node that
// better-sqlite3 13 cannot serve (the system's Node 20 under `npm test`'s set-up crashes in it); the committed
// snapshot is used then, and test/db/latest-schema.test.ts fails if it is stale.
if (process.env.npm_lifecycle_event !== 'prepare' && Number(process.versions.node.split('.')[0]) >= 24) {
  const { writeLatestSchema } = await import('./latest-schema.mjs');
  if (await writeLatestSchema()) console.log('db/migrations/latest.generated.ts régénéré depuis les migrations');
}

/**
 * `trame --help` from core/cli/help.ts, evaluated here once (it names commands whose modules are heavy), with
 * {{version}} and {{dataDir}} left for main.ts to fill in.
 */
async function cliHelpText() {
  const out = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'core/cli/help.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    external: ['better-sqlite3', 'pdfkit', '@resvg/resvg-js'],
    logLevel: 'warning',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', '__dirname', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url), root);
  return mod.exports.cliHelp('{{version}}', '{{dataDir}}');
}

/**
 * The CLI's entry (dist/cli.cjs) stays light: the commands (core/cli/commands.ts, which loads the handlers and every
 * feature) are a bundle of their own, dist/cli-commands.cjs, required only when a command runs; the help's module
 * is replaced by its text (__TRAME_CLI_HELP__).
 */
const cliSplit = {
  name: 'cli-split',
  setup(b) {
    b.onResolve({ filter: /^\.\/(commands|help)$/ }, (args) => {
      if (path.resolve(args.resolveDir, 'main.ts') !== path.join(root, 'core/cli/main.ts')) return undefined;
      return { path: args.path === './commands' ? './cli-commands.cjs' : './cli-help-absent.cjs', external: true };
    });
  },
};

/**
 * Libraries required only where a function needs them (core/features/signing/libs.ts, used by versions too,
 * spreadsheet/read.ts), left outside the command-line bundles (the CLI, the HTTP harness, the bench): bundled, V8
 * compiled their 4.9 MB (fontkit's brotli, pdf-lib, SheetJS, pkijs, node-forge, asn1js) at every start of a
 * command, whatever it did (issue 22, `import-10k-ms`). The app's bundles keep them inside: its job worker and
 * handlers' thread run unpacked beside app.asar, and whether a worker there resolves a package inside the archive
 * was not checked (no Electron here); bundled, nothing is resolved. There, the lazy require still spares the
 * start their loading, not their compiling. test/core/lazy-libraries.test.ts checks what `trame import` requires.
 */
const lazyLibraries = ['@cantoo/pdf-lib', '@e965/xlsx', 'pkijs', 'asn1js', 'node-forge', 'fontkit'];

const pkg = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(path.join(root, 'package.json'), 'utf8')));
/** The bundles electron-builder packs (electron-builder.yml): nothing in them resolved from node_modules but natives. */
const APP_BUNDLES = new Set(['electron/main', 'electron/preload', 'handler-host', 'job-worker']);
const pick = (app) => Object.fromEntries(Object.entries(entryPoints).filter(([out]) => APP_BUNDLES.has(out) === app));
// pdfkit reads its data files beside its own module (a bundle would lose them); resvg is a native add-on.
const external = ['electron', 'better-sqlite3', 'playwright-core', '@axe-core/playwright', 'pdfkit', '@resvg/resvg-js'];
const common = {
  absWorkingDir: root,
  outdir: path.join(root, 'dist'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  define: {
    __TRAME_VERSION__: JSON.stringify(pkg.version),
    __TRAME_API_CHANNELS__: JSON.stringify(await apiChannelNames()),
    __TRAME_CLI_HELP__: JSON.stringify(await cliHelpText()),
  },
  plugins: [cliSplit],
  banner: { js: '' },
  logLevel: 'warning',
};
await build({ ...common, entryPoints: pick(true), external });
await build({ ...common, entryPoints: pick(false), external: [...external, ...lazyLibraries] });

// The fonts of the printed documents (Source Sans 3, SIL OFL 1.1), beside the bundles that draw them
// (core/features/protocole/fonts.ts looks for dist/fonts first).
{
  const fs = await import('node:fs');
  const from = path.join(root, 'node_modules', 'source-sans', 'TTF');
  const to = path.join(root, 'dist', 'fonts');
  fs.mkdirSync(to, { recursive: true });
  for (const f of ['Regular', 'Bold', 'It', 'BoldIt', 'Semibold']) fs.copyFileSync(path.join(from, `SourceSans3-${f}.ttf`), path.join(to, `SourceSans3-${f}.ttf`));
  fs.copyFileSync(path.join(root, 'node_modules', 'source-sans', 'LICENSE.md'), path.join(to, 'LICENSE-SourceSans3.md'));
}
