// `npm test`: from a fresh clone to the whole test run, in one command (CI runs exactly this: .ci/run).
//
//   1. the Debian packages the tests need, when one is missing (apt-get, through sudo when not root);
//   2. `npm ci` in the project, in .ci/electronegativity and in .ci/node24, when its node_modules is missing or
//      does not match its package-lock.json (so a second `npm test` installs nothing);
//   3. .ci/check-install-scripts on the three;
//   4. `npm run test:suite` on Node 24 (the Node of Electron 41 and of users' `npx trame`, installed from the npm
//      registry into .ci/node24 by step 2, whatever Node runs `npm test`): type checks, build, every vitest suite.
//      better-sqlite3 13 ships a Node-API build: the same file runs on that Node, in Electron, and needs no compiler.
//
// Options: --installer-seulement (steps 1–3 only), --essai (says what steps 1–3 would do, does nothing).
// Plain Node, no dependency: node_modules may not exist yet.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The Debian packages, and what for (README « Les deux commandes »). */
export const DEBIAN_PACKAGES = [
  'chromium', // the UI tests
  'poppler-utils', // pdftotext, pdfinfo, pdffonts, pdftoppm, pdfsig: the PDFs read back, their signatures judged
  'libreoffice-writer-nogui', // the DOCX exports converted
  'libreoffice-calc-nogui', // the CSV export opened with the French filter
  'libnss3-tools', // certutil, pk12util: pdfsig signs as an outside tool
  'openssl', // the test certificates
  'unzip', // the DOCX parts read back
  'xvfb', // npm run test:electron
  'xauth', // with xvfb-run
  'fonts-dejavu-core',
  // PDFBox's PDF/A preflight (PDF/A-1b rules; the printed documents declare PDF/A-2a), and what it needs at run time.
  'libpdfbox2-java', 'libactivation-java', 'libjaxb-api-java', 'default-jre-headless',
];

/** Checked after the installation: a test whose tool is missing fails, so the set-up fails first, by name. */
export const REQUIRED_PROGRAMS = [
  '/usr/bin/chromium', '/usr/bin/pdftotext', '/usr/bin/pdfsig', '/usr/bin/soffice', '/usr/bin/certutil',
  '/usr/bin/pk12util', '/usr/bin/openssl', '/usr/bin/unzip', '/usr/bin/xvfb-run', '/usr/bin/java', '/usr/share/java/preflight.jar',
];

/** Node 24 from the npm registry (.ci/node24): the package of this platform holds the executable. */
export function node24Bin(root, platform = process.platform, arch = process.arch) {
  return path.join(root, '.ci', 'node24', 'node_modules', `node-${platform}-${arch}`, 'bin');
}

/** The folders `npm ci` installs, each with its package-lock.json. */
export const NPM_FOLDERS = ['.', '.ci/electronegativity', '.ci/node24'];

class SetupError extends Error {}

function fail(message) {
  throw new SetupError(message);
}

/** Absolute path of a program in PATH, or null. */
export function which(name, env = process.env) {
  if (name.includes('/')) return existsSync(name) ? name : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** The packages dpkg does not list as installed. */
export function missingDebianPackages(packages = DEBIAN_PACKAGES, env = process.env) {
  const dpkgQuery = which('dpkg-query', env);
  if (!dpkgQuery) return null;
  const res = spawnSync(dpkgQuery, ['-W', '-f=${Package} ${Status}\n', ...packages], { encoding: 'utf8', env });
  const installed = new Set(
    (res.stdout ?? '').split('\n').filter((l) => / install ok installed$/.test(l)).map((l) => l.split(' ')[0].replace(/:.*$/, '')),
  );
  return packages.filter((p) => !installed.has(p));
}

/** How to run apt-get: as is when root, through sudo otherwise (never waiting on a password prompt without a terminal). */
export function aptCommand({ uid = process.getuid?.() ?? 0, env = process.env, interactive = Boolean(process.stdin.isTTY) } = {}) {
  const aptGet = which('apt-get', env);
  if (!aptGet) return null;
  if (uid === 0) return { prefix: [], aptGet };
  const sudo = which('sudo', env);
  if (!sudo) return { error: 'sudo est introuvable' };
  return { prefix: [sudo, ...(interactive ? [] : ['-n']), 'env', 'DEBIAN_FRONTEND=noninteractive'], aptGet };
}

function run(cmd, args, { dryRun = false, log = console.log, ...options } = {}) {
  log(`$ ${[cmd, ...args].join(' ')}`);
  if (dryRun) return;
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (res.error) fail(`« ${cmd} » n'a pas pu être lancé : ${res.error.message}`);
  if (res.status !== 0) fail(`« ${[path.basename(cmd), ...args].join(' ')} » a échoué (code ${res.status ?? res.signal}).`);
}

export function installDebianPackages({ dryRun = false, log = console.log, env = process.env, uid, interactive } = {}) {
  const missing = missingDebianPackages(DEBIAN_PACKAGES, env);
  if (missing === null) {
    const absent = REQUIRED_PROGRAMS.filter((p) => !which(p, env));
    if (absent.length === 0) return log('Paquets : dpkg est absent, mais chaque programme nécessaire est là.');
    fail(
      `Ce n'est pas une Debian (dpkg-query est introuvable) et il manque : ${absent.join(', ')}. ` +
        `Installez-les à la main (sous Debian : apt-get install ${DEBIAN_PACKAGES.join(' ')}), puis relancez « npm test ».`,
    );
  }
  if (missing.length > 0) {
    const apt = aptCommand({ env, uid, interactive });
    const manual = `apt-get install ${missing.join(' ')}`;
    if (!apt) fail(`Il manque des paquets Debian (${missing.join(', ')}) et apt-get est introuvable. Installez-les, puis relancez « npm test ».`);
    if (apt.error) fail(`Il manque des paquets Debian (${missing.join(', ')}) et ${apt.error} : lancez « ${manual} » en root, puis « npm test ».`);
    log(`Paquets Debian à installer : ${missing.join(' ')}`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      const [cmd, ...args] = [...apt.prefix, apt.aptGet];
      run(cmd, [...args, 'update', '-qq'], { dryRun, log, env: aptEnv });
      run(cmd, [...args, 'install', '-y', '-qq', ...missing], { dryRun, log, env: aptEnv });
    } catch (err) {
      if (!(err instanceof SetupError)) throw err;
      fail(
        `${err.message}\nL'installation des paquets Debian a échoué` +
          (apt.prefix.length ? ' (sudo a-t-il demandé un mot de passe sans terminal ?)' : '') +
          ` : lancez « ${manual} » en root, puis relancez « npm test ».`,
      );
    }
  } else {
    log('Paquets Debian : tous installés.');
  }
  if (dryRun) return;
  const absent = REQUIRED_PROGRAMS.filter((p) => !which(p, env));
  if (absent.length > 0) fail(`Après l'installation des paquets Debian, il manque encore : ${absent.join(', ')}.`);
}

/**
 * True when folder/node_modules holds what folder/package-lock.json pins: npm's own record of the installed tree
 * (node_modules/.package-lock.json, written at the end of an install) names the same versions and integrities,
 * and every package the lock does not mark optional (other platforms' builds are) is there.
 */
export function isInstalled(folder) {
  const hidden = path.join(folder, 'node_modules', '.package-lock.json');
  const lockFile = path.join(folder, 'package-lock.json');
  if (!existsSync(hidden) || !existsSync(lockFile)) return false;
  try {
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')).packages ?? {};
    const tree = JSON.parse(readFileSync(hidden, 'utf8')).packages ?? {};
    for (const [key, entry] of Object.entries(tree)) {
      const pinned = lock[key];
      if (!pinned || pinned.version !== entry.version || pinned.integrity !== entry.integrity) return false;
    }
    return Object.entries(lock).every(([key, entry]) => key === '' || entry.optional || entry.devOptional || key in tree);
  } catch {
    return false;
  }
}

export function installNpmFolders(root, { dryRun = false, log = console.log, env = process.env } = {}) {
  const npm = which('npm', env) ?? fail("npm est introuvable dans PATH.");
  // npm test never needs the Electron binary, and the CI machine cannot download it; `npm start` and
  // `npm run test:electron` say so loudly when it is missing. An ELECTRON_SKIP_BINARY_DOWNLOAD already set wins.
  const npmEnv = { ...env, ELECTRON_SKIP_BINARY_DOWNLOAD: env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1' };
  for (const folder of NPM_FOLDERS) {
    const dir = path.join(root, folder);
    const modules = path.join(dir, 'node_modules');
    const name = path.relative(root, modules);
    // A worktree sharing another tree's node_modules through a link: `npm ci` would empty the other tree, and npm
    // reads a linked tree as foreign packages (check-install-scripts would list them all).
    if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) {
      fail(`${name} est un lien symbolique : « npm test » n'installe ni ne vérifie un arbre partagé. « npm run test:suite » lance les tests sans l'installation.`);
    }
    if (isInstalled(dir)) {
      log(`${name} : à jour.`);
      continue;
    }
    // --strict-allow-scripts: an install script that `allowScripts` neither approves nor denies fails the install.
    const args = ['ci', '--no-audit', '--no-fund', '--strict-allow-scripts', ...(folder === '.' ? [] : ['--prefix', folder])];
    run(npm, args, { dryRun, log, cwd: root, env: npmEnv });
  }
  run(path.join(root, '.ci', 'check-install-scripts'), NPM_FOLDERS, { dryRun, log, cwd: root, env });
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => !['--installer-seulement', '--essai'].includes(a));
  if (unknown.length) {
    console.error(`Option inconnue : ${unknown.join(' ')} (connues : --installer-seulement, --essai).`);
    return 2;
  }
  const dryRun = args.includes('--essai');
  const started = Date.now();
  const step = (title) => console.log(`\n=== ${title} (${Math.round((Date.now() - started) / 1000)} s) ===`);
  try {
    step('Paquets Debian');
    installDebianPackages({ dryRun });
    step('Dépendances npm');
    installNpmFolders(root, { dryRun });
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    console.error(`\n[npm test] Installation impossible : ${err.message}\n`);
    return 1;
  }
  if (dryRun || args.includes('--installer-seulement')) return 0;
  const npm = which('npm');
  const bin = node24Bin(root);
  if (!existsSync(path.join(bin, 'node'))) {
    console.error(`\n[npm test] Node 24 est introuvable dans ${path.relative(root, bin)} (plateforme ${process.platform}-${process.arch} : pas de paquet node-${process.platform}-${process.arch} dans .ci/node24).\n`);
    return 1;
  }
  // Node 24 first in PATH: npm, vitest, its workers and every child process (the CLI, the crash writers) run on it.
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
  const version = spawnSync(path.join(bin, 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  step(`Suites sur Node ${version} : types, build, vitest`);
  const res = spawnSync(npm, ['run', 'test:suite'], { cwd: root, stdio: 'inherit', env });
  if (res.status !== 0) {
    console.error(`\n[npm test] « npm run test:suite » a échoué (code ${res.status ?? res.signal}), après ${Math.round((Date.now() - started) / 1000)} s.\n`);
    return res.status || 1;
  }
  step('Tout est vert');
  return 0;
}

const isMain = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain) process.exitCode = main();
