import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bindingFile, expectedStamp, findNodeGyp, isUpToDate, MISSING_ELECTRON_MESSAGE, nativeTargetDir, nodeGypArgs, nodeGypEnv,
} from '../../build/scripts/ensure-electron-native.mjs';
import { electronNativeBindingFile, electronNativeBindingPath, electronNativeDir, SQLITE_BINDING_ENV } from '../../electron/native';

const root = path.resolve(__dirname, '..', '..');
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;

describe('electronNativeBindingPath', () => {
  const appRoot = '/work/trame';
  const file = path.join(appRoot, '.native', 'electron-41.7.1', 'better_sqlite3.node');
  const exists = (f: string) => f === file;

  it('points unpackaged Electron at .native/electron-<version>', () => {
    expect(electronNativeBindingPath(appRoot, { electronVersion: '41.7.1', isPackaged: false, exists })).toBe(file);
  });
  it('is undefined under Node: node_modules holds the Node build', () => {
    expect(electronNativeBindingPath(appRoot, { electronVersion: undefined, isPackaged: false, exists })).toBeUndefined();
    // and by default, in this very process (vitest under Node)
    expect(process.versions.electron).toBeUndefined();
    expect(electronNativeBindingPath(appRoot, { exists })).toBeUndefined();
  });
  it('is undefined when packaged: electron-builder rebuilt node_modules for Electron', () => {
    expect(electronNativeBindingPath(appRoot, { electronVersion: '41.7.1', isPackaged: true, exists })).toBeUndefined();
    const asarRoot = '/opt/Trame/resources/app.asar';
    expect(electronNativeBindingPath(asarRoot, { electronVersion: '41.7.1', exists: () => true })).toBeUndefined();
  });
  it('is undefined when the Electron build is missing or for another Electron version', () => {
    expect(electronNativeBindingPath(appRoot, { electronVersion: '41.7.1', isPackaged: false, exists: () => false })).toBeUndefined();
    expect(electronNativeBindingPath(appRoot, { electronVersion: '42.0.0', isPackaged: false, exists })).toBeUndefined();
  });
  it('names the env var the db layer reads', () => {
    expect(SQLITE_BINDING_ENV).toBe('TRAME_SQLITE_BINDING');
    expect(readFileSync(path.join(root, 'db', 'sqlite.ts'), 'utf8')).toContain(SQLITE_BINDING_ENV);
  });
});

describe('ensure-electron-native.mjs', () => {
  it('builds exactly where the app looks', () => {
    expect(nativeTargetDir(root, electronVersion)).toBe(electronNativeDir(root, electronVersion));
    expect(bindingFile(root, electronVersion)).toBe(electronNativeBindingFile(root, electronVersion));
  });

  it('never targets node_modules (the Node build stays for npm test)', () => {
    expect(path.relative(root, bindingFile(root, electronVersion)).split(path.sep)[0]).toBe('.native');
  });

  it('targets the installed electron and better-sqlite3', () => {
    const stamp = expectedStamp(root);
    expect(stamp.electron).toBe(electronVersion);
    expect(stamp.betterSqlite3).toMatch(/^\d+\.\d+\.\d+/);
    expect(stamp).toMatchObject({ platform: process.platform, arch: process.arch });
  });

  it('rebuilds when the stamp is missing, stale or from another platform', () => {
    const expected = { electron: '41.7.1', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };
    const dir = nativeTargetDir('/r', '41.7.1');
    const files = new Map<string, string>([
      [path.join(dir, 'better_sqlite3.node'), 'bin'],
      [path.join(dir, 'build-info.json'), JSON.stringify(expected)],
    ]);
    const exists = (f: string) => files.has(f);
    const read = (f: string) => files.get(f)!;
    expect(isUpToDate('/r', expected, exists, read)).toBe(true);
    expect(isUpToDate('/r', { ...expected, betterSqlite3: '12.12.0' }, exists, read)).toBe(false);
    expect(isUpToDate('/r', { ...expected, arch: 'arm64' }, exists, read)).toBe(false);
    files.set(path.join(dir, 'build-info.json'), '{broken');
    expect(isUpToDate('/r', expected, exists, read)).toBe(false);
    files.delete(path.join(dir, 'better_sqlite3.node'));
    expect(isUpToDate('/r', expected, () => false, read)).toBe(false);
  });

  it('asks node-gyp for Electron headers and ABI', () => {
    expect(nodeGypArgs('41.7.1', 'x64')).toEqual([
      'rebuild', '--release', '--runtime=electron', '--target=41.7.1', '--arch=x64', '--dist-url=https://electronjs.org/headers',
    ]);
  });

  it("drops npm's nodedir/target settings that would build against Node's headers", () => {
    const env = nodeGypEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_config_cache: '/root/.npm',
    });
    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/root/.npm' });
  });

  it('finds a node-gyp to run', () => {
    const gyp = findNodeGyp(root);
    expect(gyp).toMatch(/node-gyp[\\/]bin[\\/]node-gyp\.js$/);
    // Falls back to the copy bundled with npm when none is installed locally.
    const npmCli = '/usr/lib/node_modules/npm/bin/npm-cli.js';
    const bundled = path.join('/usr/lib/node_modules/npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    expect(findNodeGyp('/nowhere', { npm_execpath: npmCli }, (f) => f === bundled)).toBe(bundled);
    expect(findNodeGyp('/nowhere', {}, () => false)).toBeNull();
  });

  it('explains a missing Electron binary in French and English', () => {
    expect(MISSING_ELECTRON_MESSAGE).toMatch(/Electron est absent/);
    expect(MISSING_ELECTRON_MESSAGE).toMatch(/Electron binary is missing/);
  });
});
