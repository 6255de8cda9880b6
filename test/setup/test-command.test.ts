// `npm test`'s set-up (build/scripts/test.mjs): which Debian packages it installs and how, and when a tree needs
// `npm ci`. apt-get, sudo and dpkg-query are stand-ins in PATH: nothing is installed.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEBIAN_PACKAGES, aptCommand, installDebianPackages, isInstalled, missingDebianPackages } from '../../build/scripts/test.mjs';
import { tmpDir } from '../helpers/tmp';

/** A folder of fake programs; dpkg-query lists every package installed but `missing`. */
function fakeBin(missing: string[], programs: string[] = ['apt-get', 'sudo']): string {
  const dir = tmpDir();
  const write = (name: string, body: string) => {
    writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(dir, name), 0o755);
  };
  write('dpkg-query', `shift 2\nfor p in "$@"; do case " ${missing.join(' ')} " in *" $p "*) echo "$p unknown ok not-installed";; *) echo "$p install ok installed";; esac; done`);
  for (const p of programs) write(p, 'exit 0');
  return dir;
}

describe('npm test: Debian packages', () => {
  it('lists the packages dpkg does not have', () => {
    const env = { PATH: fakeBin(['chromium', 'unzip']) };
    expect(missingDebianPackages(DEBIAN_PACKAGES, env)).toEqual(['chromium', 'unzip']);
    expect(missingDebianPackages(DEBIAN_PACKAGES, { PATH: fakeBin([]) })).toEqual([]);
  });

  it('runs apt-get as is when root, through sudo otherwise, sudo -n without a terminal', () => {
    const env = { PATH: fakeBin([]) };
    expect(aptCommand({ uid: 0, env, interactive: false })).toEqual({ prefix: [], aptGet: path.join(env.PATH, 'apt-get') });
    const user = aptCommand({ uid: 1000, env, interactive: false });
    expect(user).toMatchObject({ prefix: [path.join(env.PATH, 'sudo'), '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'] });
    expect(aptCommand({ uid: 1000, env, interactive: true })).toMatchObject({ prefix: [path.join(env.PATH, 'sudo'), 'env', 'DEBIAN_FRONTEND=noninteractive'] });
    expect(aptCommand({ uid: 1000, env: { PATH: fakeBin([], ['apt-get']) } })).toEqual({ error: 'sudo est introuvable' });
  });

  it('says what it would install (--essai), and fails in French when it cannot', () => {
    const lines: string[] = [];
    const env = { PATH: fakeBin(['chromium']) };
    installDebianPackages({ dryRun: true, log: (l) => lines.push(l), env, uid: 1000, interactive: false });
    expect(lines.join('\n')).toMatch(/sudo -n env DEBIAN_FRONTEND=noninteractive .*apt-get install -y -qq chromium$/m);
    const noSudo = { PATH: fakeBin(['chromium'], ['apt-get']) };
    expect(() => installDebianPackages({ dryRun: true, log: () => {}, env: noSudo, uid: 1000 })).toThrow(
      /Il manque des paquets Debian \(chromium\) et sudo est introuvable : lancez « apt-get install chromium » en root/,
    );
  });
});

describe('npm test: when to run npm ci', () => {
  const lock = (packages: Record<string, object>) => JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'x' }, ...packages } });

  it('only when node_modules does not hold what the lock pins', () => {
    const dir = tmpDir();
    const a = { version: '1.0.0', integrity: 'sha512-a' };
    const other = { version: '2.0.0', integrity: 'sha512-b', optional: true, os: ['win32'] };
    writeFileSync(path.join(dir, 'package-lock.json'), lock({ 'node_modules/a': a, 'node_modules/other': other }));
    expect(isInstalled(dir)).toBe(false); // no node_modules
    mkdirSync(path.join(dir, 'node_modules'));
    writeFileSync(path.join(dir, 'node_modules', '.package-lock.json'), lock({ 'node_modules/a': a }));
    expect(isInstalled(dir)).toBe(true); // the other platform's optional package is not needed
    writeFileSync(path.join(dir, 'package-lock.json'), lock({ 'node_modules/a': { ...a, version: '1.0.1', integrity: 'sha512-c' } }));
    expect(isInstalled(dir)).toBe(false); // the lock moved on
    writeFileSync(path.join(dir, 'package-lock.json'), lock({ 'node_modules/a': a, 'node_modules/b': a }));
    expect(isInstalled(dir)).toBe(false); // a new dependency
  });
});
