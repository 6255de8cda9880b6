// `npm run dist`: electron-builder with the project's configuration. It rebuilds nothing (`npmRebuild: false`:
// better-sqlite3 13 is a Node-API addon); should a local build of better-sqlite3 exist in node_modules (someone ran
// node-gyp there by hand), it is kept aside and always put back, so that `npm test` never meets a module built for
// Electron's ABI.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nodeBuild = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const keep = mkdtempSync(path.join(os.tmpdir(), 'trame-dist-'));
const saved = path.join(keep, 'better_sqlite3.node');
if (existsSync(nodeBuild)) copyFileSync(nodeBuild, saved);
let status = 1;
try {
  const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  status = spawnSync(process.execPath, [cli, '--config', 'electron-builder.yml', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  }).status ?? 1;
} finally {
  if (existsSync(saved)) copyFileSync(saved, nodeBuild);
  rmSync(keep, { recursive: true, force: true });
}
process.exit(status);
