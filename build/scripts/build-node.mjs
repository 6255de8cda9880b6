// Bundles the Node-side entry points (Electron main and preload, CLI, HTTP harness, bench) with esbuild.
// Native and Electron modules stay external. Runs on `npm install` (prepare) so that `npx trame` works.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entries = {
  'electron/main': 'electron/main.ts',
  'electron/preload': 'electron/preload.ts',
  cli: 'core/cli.ts',
  server: 'core/server/main.ts',
  bench: 'test/bench/bench.ts',
};
const entryPoints = {};
for (const [out, src] of Object.entries(entries)) {
  if (existsSync(path.join(root, src))) entryPoints[out] = path.join(root, src);
}
const pkg = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(path.join(root, 'package.json'), 'utf8')));
await build({
  absWorkingDir: root,
  entryPoints,
  outdir: path.join(root, 'dist'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external: ['electron', 'better-sqlite3', 'playwright-core', '@axe-core/playwright'],
  define: { __TRAME_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: '' },
  logLevel: 'warning',
});
