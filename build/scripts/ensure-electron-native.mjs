// Puts better-sqlite3 for Electron into .native/electron-<version>/better_sqlite3.node — the package's own Node-API
// build when it ships one for this platform (better-sqlite3 13 does), else a build for Electron's ABI —, leaving
// node_modules (built for Node: tests, CLI, HTTP harness) untouched, so `npm test` and `npm start` work
// in any order. The app finds the file through electron/native.ts (same layout: keep them in step).
// Run by `npm start` and `npm run test:electron`; does nothing when the build is already there.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NATIVE_DIR_NAME = '.native';
export const BINDING_FILE_NAME = 'better_sqlite3.node';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** Same layout as electron/native.ts. */
export function nativeTargetDir(root, electronVersion) {
  return path.join(root, NATIVE_DIR_NAME, `electron-${electronVersion}`);
}

export function bindingFile(root, electronVersion) {
  return path.join(nativeTargetDir(root, electronVersion), BINDING_FILE_NAME);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function installedVersion(root, pkg) {
  return readJson(path.join(root, 'node_modules', pkg, 'package.json')).version;
}

/** What the build must match; written next to the binary and compared on every run. */
export function expectedStamp(root, { platform = process.platform, arch = process.arch } = {}) {
  return {
    electron: installedVersion(root, 'electron'),
    betterSqlite3: installedVersion(root, 'better-sqlite3'),
    platform,
    arch,
  };
}

export function isUpToDate(root, expected, exists = existsSync, read = (f) => readFileSync(f, 'utf8')) {
  const dir = nativeTargetDir(root, expected.electron);
  const stampFile = path.join(dir, 'build-info.json');
  if (!exists(bindingFile(root, expected.electron)) || !exists(stampFile)) return false;
  try {
    const stamp = JSON.parse(read(stampFile));
    return ['electron', 'betterSqlite3', 'platform', 'arch'].every((k) => stamp[k] === expected[k]);
  } catch {
    return false;
  }
}

/**
 * node-gyp to run: the one installed in node_modules (pinned by the lockfile), else the copy bundled
 * with npm (npm_execpath when run from an npm script, else next to the node executable).
 */
export function findNodeGyp(root, env = process.env, exists = existsSync) {
  try {
    return createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    // not installed locally
  }
  const candidates = [];
  if (env.npm_execpath) candidates.push(path.join(path.dirname(path.dirname(env.npm_execpath)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const nodeDir = path.dirname(process.execPath);
  candidates.push(path.join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(path.join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((c) => exists(c)) ?? null;
}

export function nodeGypArgs(electronVersion, arch = process.arch) {
  return [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
  ];
}

/**
 * Environment for node-gyp. npm passes its config as npm_config_* variables; a `nodedir` (this
 * machine's ~/.npmrc sets one), `target`, `runtime` or `disturl` from there would make node-gyp build
 * against Node's headers instead of Electron's, producing a binary Electron refuses to load.
 */
export function nodeGypEnv(env = process.env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|build_from_source)$/i.test(k)) continue;
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Path of the Electron executable, or null when `npm install` could not download it. */
export function electronExecutable(root) {
  try {
    const p = createRequire(path.join(root, 'package.json'))('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

export const MISSING_ELECTRON_MESSAGE =
  "Le programme Electron est absent de node_modules/electron (son téléchargement a échoué ou a été sauté avec ELECTRON_SKIP_BINARY_DOWNLOAD). " +
  'Réinstallez-le avec « npm rebuild electron » sur une machine qui a accès à Internet.\n' +
  'The Electron binary is missing from node_modules/electron (download failed or skipped); run "npm rebuild electron" with Internet access.';

function fail(message) {
  console.error(`\n[ensure-electron-native] ${message}\n`);
  process.exit(1);
}

export function ensureElectronNative(root, { log = console.log } = {}) {
  const expected = expectedStamp(root);
  const target = bindingFile(root, expected.electron);
  if (isUpToDate(root, expected)) {
    log(`better-sqlite3 pour Electron ${expected.electron} : déjà construit (${path.relative(root, target)}).`);
    return target;
  }
  // better-sqlite3 13 ships a Node-API build per platform in its package: Node-API is the same in Electron as in
  // Node, so that file is the Electron build, with no download and no compiler.
  const napi = path.join(root, 'node_modules', 'better-sqlite3', 'prebuilds', `${expected.platform}-${expected.arch}.node`);
  if (existsSync(napi)) {
    mkdirSync(nativeTargetDir(root, expected.electron), { recursive: true });
    cpSync(napi, target);
    writeFileSync(path.join(nativeTargetDir(root, expected.electron), 'build-info.json'), JSON.stringify({ ...expected, from: 'prebuilds (Node-API)', builtAt: new Date().toISOString() }, null, 2) + '\n');
    log(`better-sqlite3 pour Electron ${expected.electron} : le module Node-API du paquet (${path.relative(root, napi)}).`);
    return target;
  }
  const nodeGyp = findNodeGyp(root);
  if (!nodeGyp) {
    throw new Error(
      "node-gyp est introuvable (ni dans node_modules ni avec npm) : installez npm complet ou lancez « npm install » puis réessayez.",
    );
  }
  const dir = nativeTargetDir(root, expected.electron);
  const pkgDir = path.join(dir, 'pkg');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(pkgDir, { recursive: true });
  // Copy the sources only: the Node build in node_modules/better-sqlite3/build must neither be reused nor touched.
  const source = path.join(root, 'node_modules', 'better-sqlite3');
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    if (existsSync(path.join(source, entry))) cpSync(path.join(source, entry), path.join(pkgDir, entry), { recursive: true });
  }
  const built = path.join(pkgDir, 'build', 'Release', BINDING_FILE_NAME);
  // First the prebuilt binary better-sqlite3 publishes for this Electron (no compiler needed), as its own
  // install script does for Node; then, failing that, a build from source against Electron's headers.
  const prebuild = path.join(root, 'node_modules', 'prebuild-install', 'bin.js');
  if (existsSync(prebuild)) {
    log(`Téléchargement de better-sqlite3 ${expected.betterSqlite3} précompilé pour Electron ${expected.electron}…`);
    spawnSync(process.execPath, [prebuild, '--runtime', 'electron', '--target', expected.electron, '--arch', expected.arch], {
      cwd: pkgDir,
      env: nodeGypEnv(),
      stdio: 'inherit',
    });
  }
  const res = existsSync(built)
    ? { status: 0, error: undefined }
    : (log(`Construction de better-sqlite3 ${expected.betterSqlite3} pour Electron ${expected.electron} (${expected.platform}-${expected.arch})…`),
      spawnSync(process.execPath, [nodeGyp, ...nodeGypArgs(expected.electron, expected.arch)], {
        cwd: pkgDir,
        env: nodeGypEnv(),
        stdio: 'inherit',
      }));
  if (res.error || res.status !== 0 || !existsSync(built)) {
    throw new Error(
      `La construction de better-sqlite3 pour Electron ${expected.electron} a échoué` +
        (res.error ? ` (${res.error.message})` : res.status !== null ? ` (code ${res.status})` : '') +
        '. Causes fréquentes : pas d\'accès à electronjs.org pour télécharger les en-têtes d\'Electron, ' +
        'ou outils de compilation absents (python3, make, compilateur C++ : « apt install build-essential python3 » sous Debian/Ubuntu, ' +
        'Xcode Command Line Tools sous macOS, Visual Studio Build Tools sous Windows). ' +
        `Les tests Node ne sont pas concernés : node_modules n'a pas été modifié.`,
    );
  }
  cpSync(built, target);
  writeFileSync(path.join(dir, 'build-info.json'), JSON.stringify({ ...expected, builtAt: new Date().toISOString() }, null, 2) + '\n');
  // The sources and object files are no longer needed; the stamp and the binary are enough.
  rmSync(pkgDir, { recursive: true, force: true });
  log(`better-sqlite3 pour Electron prêt : ${path.relative(root, target)}`);
  return target;
}

const isMain = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  // Without the Electron binary there is nothing to run the addon in: say so first, loudly.
  if (!electronExecutable(root)) fail(MISSING_ELECTRON_MESSAGE);
  try {
    ensureElectronNative(root);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
}
