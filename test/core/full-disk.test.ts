// An import onto a volume that fills up: refused in French with its cause, and nothing left on the volume.
// A real small volume: a tmpfs mounted for the test (test/helpers/volume.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../bench/generate';
import { listDir } from '../helpers/files';
import { harness } from '../helpers/handlers';
import { withVolume } from '../helpers/volume';
import { SettingsFile } from '../../core/session/settings';
import { TrameError } from '../../core/api/result';

describe('disque plein', () => {
  it('an import that does not fit is refused in French, and the volume is left as it was', async () => {
    const h = harness();
    await withVolume(path.join(h.dir, 'cle'), '256k', async (mnt) => {
      const r = await h.job('format.import', { path: path.join(mnt, 'grand.trame'), document: generateDocument(3000) });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('ecriture-impossible');
        expect(r.error.message).toMatch(/^Impossible de créer « grand\.trame » dans « .* » \(disque plein\) : aucun fichier n'a été créé\.$/);
        expect(r.error.message).not.toMatch(/database|disk is full|SQLITE/);
      }
      expect(listDir(mnt)).toEqual([]);
      await h.set.settle();
      h.set.closeAll();
    });
  });

  it('a name that cannot be written is refused in French, and the name in force stays the old one, in memory as on disk', async () => {
    const h = harness();
    await withVolume(path.join(h.dir, 'reglages'), '64k', (mnt) => {
      const settings = new SettingsFile(mnt);
      settings.setUserName('Camille Martin');
      const id = settings.author().id;
      writeFileSync(path.join(mnt, 'remplissage'), Buffer.alloc(60 * 1024)); // what is left is less than a page
      let error: unknown = null;
      try {
        settings.setUserName('Un nom bien plus long que le précédent, pour ne pas tenir dans ce qui reste');
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(TrameError);
      expect((error as TrameError).message).toMatch(/^Votre nom n'a pas pu être enregistré : Disque plein : impossible d'écrire « .*settings\.json »\.$/);
      expect(settings.userName).toBe('Camille Martin');
      expect(new SettingsFile(mnt).author()).toEqual({ id, name: 'Camille Martin' });
      expect(listDir(mnt)).toEqual(['remplissage', 'settings.json']);
    });
  });
});
