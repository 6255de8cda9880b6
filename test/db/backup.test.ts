import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDirFor, backupNow, listBackups, toPrune, type BackupFile } from '../../db/backup';
import { Store } from '../../db/store';
import { addNode, loadTree } from '../../core/features/tree/queries';
import { newStore } from './helpers';
import { tmpDir } from '../helpers/tmp';

function fake(at: string): BackupFile {
  return { id: `${at.replace(/[:.]/g, '-')}.trame`, at, file: '', size: 1 };
}

describe('automatic backups', () => {
  it('are consistent copies that open as contrats', async () => {
    const { store } = newStore();
    addNode(store, { parentId: null, title: 'Sauvé' });
    const dir = path.join(tmpDir(), 'sauvegardes');
    const b = await backupNow(store, dir);
    addNode(store, { parentId: null, title: 'Après' });
    const copy = Store.open(b.file, 'x');
    expect(loadTree(copy).map((n) => n.title)).toEqual(['Sauvé']);
    expect(copy.integrity()).toBe('ok');
    copy.close();
    store.close();
  });

  it('rotate: the last 10, plus the newest of each day for a month', () => {
    const now = new Date('2026-11-21T12:00:00.000Z');
    const list: BackupFile[] = [];
    for (let d = 0; d < 60; d++) {
      for (let h = 0; h < 3; h++) list.push(fake(new Date(now.getTime() - d * 86_400_000 - h * 3_600_000).toISOString()));
    }
    const pruned = new Set(toPrune(list, now).map((b) => b.id));
    const kept = list.filter((b) => !pruned.has(b.id));
    // 10 newest (days 0–3) + one per day for days 4..31 (the 31-day window).
    expect(kept.slice(0, 10)).toEqual(list.slice(0, 10));
    const days = new Set(kept.map((b) => b.at.slice(0, 10)));
    expect(days.size).toBe(31);
    expect(kept.every((b) => Date.parse(b.at) > now.getTime() - 31 * 86_400_000)).toBe(true);
    expect(kept.length).toBe(10 + 31 - 4);
  });

  it('a backup folder per contrat path, names that sort by date', async () => {
    const root = tmpDir();
    expect(backupDirFor(root, '/a/contrat.trame')).not.toBe(backupDirFor(root, '/b/contrat.trame'));
    const { store } = newStore();
    const dir = backupDirFor(root, store.path);
    const t = new Date('2026-01-02T03:04:05.006Z');
    await backupNow(store, dir, t);
    await backupNow(store, dir, t); // same millisecond: a second file, not an overwrite
    const list = listBackups(dir);
    expect(list.map((b) => b.at)).toEqual(['2026-01-02T03:04:05.007Z', '2026-01-02T03:04:05.006Z']);
    store.close();
    expect(existsSync(dir)).toBe(true);
  });
});
