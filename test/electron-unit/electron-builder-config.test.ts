import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const require = createRequire(path.join(root, 'package.json'));
// js-yaml and app-builder-lib come with electron-builder (devDependency).
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(k: string, v: unknown): void }): Promise<void>;
};

const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('pins the installed Electron version', () => {
    const installed = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
    expect(config.electronVersion).toBe(installed);
  });

  it('identifies the app and registers .trame files', () => {
    expect(config.appId).toBe('fr.trame.app');
    expect(config.productName).toBe('Trame');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    expect(config.asar).toBe(true);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'trame', name: 'Contrat Trame' })]);
  });

  it('builds AppImage + deb, NSIS and DMG', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packages the bundles and the main entry point named in package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json', 'node_modules/**/*']));
  });

  it('has a 512×512 PNG icon in build/', () => {
    const png = readFileSync(path.join(root, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
  });
});
