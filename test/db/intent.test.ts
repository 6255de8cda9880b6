// The file's own permission bits are the user's intent, whoever runs Trame (CI runs as root, whom access() lets write).
import { chmodSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addNode } from '../../core/features/tree/queries';
import { Store } from '../../db/store';
import { hashFile, listDir } from '../helpers/files';
import { newStore } from './helpers';

describe('a file without any write bit', () => {
  it('opens read-only with the usual reason, even as root, and keeps every byte', () => {
    const { store, file, dir } = newStore('lecture-seule.trame');
    addNode(store, { parentId: null, title: 'Enjeu' });
    store.close();
    chmodSync(file, 0o444);
    const before = hashFile(file);
    const names = listDir(dir);
    const s = Store.open(file, 'x');
    try {
      expect(s.readOnly).toBe(true);
      expect(s.readOnlyReason).toMatch(/^Le fichier est en lecture seule : .*Enregistrer sous.*\.$/);
      expect(() => addNode(s, { parentId: null, title: 'Refusé' })).toThrow(/lecture seule/);
    } finally {
      s.close();
    }
    expect(hashFile(file)).toBe(before);
    expect(listDir(dir)).toEqual(names);
  });

  it('a file with a write bit for its owner only still opens for editing', () => {
    const { store, file } = newStore('proprietaire.trame');
    store.close();
    chmodSync(file, 0o600);
    const s = Store.open(file, 'x');
    expect(s.readOnly).toBe(false);
    s.close();
  });
});
