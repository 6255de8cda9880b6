import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trameFilesFromArgv, userDataDirOverride } from '../../electron/argv';

describe('trameFilesFromArgv', () => {
  it('keeps .trame files, resolved against the launch folder', () => {
    expect(
      trameFilesFromArgv(['/opt/Trame/trame', '--no-sandbox', 'a.trame', '/abs/B.TRAME', 'notes.txt', 'a.trame'], '/home/u'),
    ).toEqual([path.resolve('/home/u', 'a.trame'), path.resolve('/abs/B.TRAME')]);
  });
  it('skips the executable, the app path and Chromium flags', () => {
    expect(trameFilesFromArgv(['electron', '.', '--original-process-start-time=1', '--x=y.trame'], '/w')).toEqual([]);
    expect(trameFilesFromArgv(['x.trame'], '/w')).toEqual([]); // argv[0] is the executable
  });
});

describe('userDataDirOverride', () => {
  it('honours an absolute TRAME_USER_DATA only', () => {
    expect(userDataDirOverride({ TRAME_USER_DATA: '/tmp/trame-e2e-1' })).toBe(path.normalize('/tmp/trame-e2e-1'));
    expect(userDataDirOverride({ TRAME_USER_DATA: 'relative/dir' })).toBeUndefined();
    expect(userDataDirOverride({ TRAME_USER_DATA: '' })).toBeUndefined();
    expect(userDataDirOverride({})).toBeUndefined();
  });
});
