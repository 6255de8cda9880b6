// One application name and one data folder per OS for the app, the CLI and the browser harness; and the user's
// stable id, created with their name and kept when it changes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_NAME, appDataDir } from '../../core/app-paths';
import { SettingsFile } from '../../core/session/settings';
import { harness } from '../helpers/handlers';
import { tmpDir } from '../helpers/tmp';

describe('app data folder', () => {
  it('follows each OS, under the one name « Trame »', () => {
    expect(APP_NAME).toBe('Trame');
    expect(appDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\camille\\AppData\\Roaming' }, home: 'C:\\Users\\camille' }))
      .toBe('C:\\Users\\camille\\AppData\\Roaming\\Trame');
    expect(appDataDir({ platform: 'win32', env: {}, home: 'C:\\Users\\camille' })).toBe('C:\\Users\\camille\\AppData\\Roaming\\Trame');
    expect(appDataDir({ platform: 'darwin', env: {}, home: '/Users/camille' })).toBe('/Users/camille/Library/Application Support/Trame');
    expect(appDataDir({ platform: 'linux', env: {}, home: '/home/camille' })).toBe('/home/camille/.config/Trame');
    expect(appDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/srv/conf' }, home: '/home/camille' })).toBe('/srv/conf/Trame');
    // A relative XDG_CONFIG_HOME is invalid by the XDG specification: ignored.
    expect(appDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'conf' }, home: '/home/camille' })).toBe('/home/camille/.config/Trame');
  });

  it('TRAME_DATA_DIR overrides it everywhere', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(appDataDir({ platform, env: { TRAME_DATA_DIR: '/tmp/ici' }, home: '/h' })).toBe(path.resolve('/tmp/ici'));
    }
    expect(appDataDir({ platform: 'linux', env: { TRAME_DATA_DIR: '  ' }, home: '/h' })).toBe('/h/.config/Trame');
  });
});

describe('the author of changes', () => {
  it('gets a stable id with their name, kept when the name changes and across restarts', () => {
    const dir = tmpDir();
    const s = new SettingsFile(dir);
    s.setUserName('Camille Martin');
    const first = s.author();
    expect(first).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Camille Martin' });
    s.setUserName('Camille Martin-Durand');
    expect(s.author()).toEqual({ id: first.id, name: 'Camille Martin-Durand' });
    expect(new SettingsFile(dir).author()).toEqual({ id: first.id, name: 'Camille Martin-Durand' });
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')).userId).toBe(first.id);
  });

  it('a user with no name yet still gets an id, and keeps it when they give their name', () => {
    const dir = tmpDir();
    const anonymous = new SettingsFile(dir).author();
    expect(anonymous.name).toBe('Utilisateur sans nom');
    const s = new SettingsFile(dir);
    s.setUserName('Nadia');
    expect(s.author()).toEqual({ id: anonymous.id, name: 'Nadia' });
  });

  it('each change in the journal carries its UUID, the author id and name, and a clock that never goes back', async () => {
    const h = harness();
    await h.must('settings.setUserName', { name: 'Camille Martin' });
    const doc = await h.must('contrat.createDemo', { path: path.join(h.dir, 'demo.trame') });
    for (const title of ['Un', 'Deux', 'Trois']) await h.must('tree.add', { docId: doc.docId, parentId: null, title });
    const journal = await h.must('journal.list', { docId: doc.docId });
    const userId = new SettingsFile(h.dir).author().id;
    expect(journal).toHaveLength(3);
    for (const j of journal) {
      expect(j).toMatchObject({ author: 'Camille Martin', authorId: userId, undone: false });
      expect(j.uuid).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(journal.map((j) => j.uuid)).size).toBe(3);
    const clocks = journal.map((j) => j.hlc).reverse();
    expect([...clocks].sort()).toEqual(clocks);
    expect(new Set(clocks).size).toBe(3);
  });
});
