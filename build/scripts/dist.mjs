// `npm run dist`: electron-builder rebuilds better-sqlite3 for Electron in place, in node_modules, which would
// leave `npm test` with a module built for the wrong ABI. Keep the Node build aside and always put it back.
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
