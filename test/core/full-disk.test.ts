// An import onto a volume that fills up: refused in French with its cause, and nothing left on the volume.
// A real small volume: a tmpfs mounted for the test (root, as CI runs; it fails, never skips, without mount rights).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../bench/generate';
import { listDir } from '../helpers/files';
import { harness } from '../helpers/handlers';

describe('disque plein', () => {
  it('an import that does not fit is refused in French, and the volume is left as it was', async () => {
    const h = harness();
    const mnt = path.join(h.dir, 'cle');
    mkdirSync(mnt);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt], { encoding: 'utf8' });
    expect(mount.status, `mount tmpfs impossible : ${mount.stderr}`).toBe(0);
    try {
      const r = await h.job('format.import', { path: path.join(mnt, 'grand.trame'), document: generateDocument(3000) });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('ecriture-impossible');
        expect(r.error.message).toMatch(/^Impossible de créer « grand\.trame » dans « .* » \(disque plein\) : aucun fichier n'a été créé\.$/);
        expect(r.error.message).not.toMatch(/database|disk is full|SQLITE/);
      }
      expect(listDir(mnt)).toEqual([]);
    } finally {
      await h.set.settle();
      h.set.closeAll();
      spawnSync('umount', [mnt]);
    }
  });
});
