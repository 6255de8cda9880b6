import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDirFor } from '../../db/backup';
import { hashFile, listDir } from '../helpers/files';
import { createHandlers } from '../../core/handlers';
import { dispatch } from '../../core/api/dispatch';
import { harness } from '../helpers/handlers';
import { withVolume } from '../helpers/volume';
import { SAMPLE_CONTRAT } from '../helpers/store';
import { tmpDir } from '../helpers/tmp';
import { waitFor } from '../helpers/wait';

describe('backups through the API', () => {
  it('one on open, then at most one per interval while the contrat changes; restore into a new file', async () => {
    const dir = tmpDir();
    const set = createHandlers({ mode: 'web', appDataDir: dir, defaultDir: dir, version: 't', backupIntervalMs: 200 });
    const call = (c: string, i: unknown) => dispatch(set.handlers, c, i) as Promise<{ ok: boolean; value: any; error: any }>;
    const file = path.join(dir, 'c.trame');
    const doc = (await call('contrat.create', { path: file, contrat: SAMPLE_CONTRAT })).value;
    await call('tree.add', { docId: doc.docId, parentId: null, title: 'Un' });
    let list = (await call('backup.list', { docId: doc.docId })).value;
    expect(list).toHaveLength(1); // the one made on open (the edit came within the interval)
    // The next edit makes a backup once the interval has passed since the last one (`at` is when it was taken, at or
    // after the moment the interval is counted from).
    const last = Date.parse(list[0].at);
    await waitFor("la fin de l'intervalle entre deux sauvegardes", () => Date.now() - last > 200);
    await call('tree.add', { docId: doc.docId, parentId: null, title: 'Deux' });
    list = (await call('backup.list', { docId: doc.docId })).value;
    expect(list).toHaveLength(2);
    expect(list[0].items).toBe(2);
    expect(list[0].at > list[1].at).toBe(true);
    expect(list[0].size).toBeGreaterThan(4096);

    // Never over the open file.
    const over = await call('backup.restore', { docId: doc.docId, backupId: list[1].id, path: file });
    expect(over.ok).toBe(false);
    expect(over.error.code).toBe('fichier-existe');
    // Path traversal through the id is refused by the validator.
    const evil = await call('backup.restore', { docId: doc.docId, backupId: '../../etc/passwd', path: path.join(dir, 'r.trame') });
    expect(evil.ok).toBe(false);
    const restored = await call('backup.restore', { docId: doc.docId, backupId: list[1].id, path: path.join(dir, 'restaure.trame') });
    expect(restored.ok).toBe(true);
    const tree = (await call('tree.get', { docId: restored.value.docId })).value;
    expect(tree.nodes).toHaveLength(list[1].items);
    expect(list[1].items).toBeLessThan(2);
    await set.settle();
    set.closeAll();
    // The open contrat was never touched by the restores.
    const set2 = createHandlers({ mode: 'web', appDataDir: dir, defaultDir: dir, version: 't' });
    const again = (await dispatch(set2.handlers, 'doc.open', { path: file })) as { ok: true; value: { docId: string } };
    const nodes = (await dispatch(set2.handlers, 'tree.get', { docId: again.value.docId })) as { ok: true; value: { nodes: { title: string }[] } };
    expect(nodes.value.nodes.map((n) => n.title)).toEqual(['Un', 'Deux']);
    set2.closeAll();
  });

  it('when the file stops accepting writes, edits go on in memory and « Enregistrer sous » saves them elsewhere', async () => {
    const h = harness();
    const file = path.join(h.dir, 'cle-usb.trame');
    const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    const e = (await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Écrit sur la clé' })).focusId!;
    await h.set.settle();
    h.set.store(doc.docId)!.simulateWriteFailure = true; // the USB key is pulled out
    const out = await h.must('tree.add', { docId: doc.docId, parentId: e, title: 'Gardé en mémoire' });
    expect(out.offline).toMatch(/ne peut plus être enregistré .*Enregistrer sous/);
    await h.must('tree.update', { docId: doc.docId, id: e, patch: { tag: 'garder' } });
    expect((await h.must('doc.info', { docId: doc.docId })).offline).toMatch(/gardées en mémoire/);
    expect((await h.must('tree.get', { docId: doc.docId })).nodes.map((n) => n.title)).toEqual(['Écrit sur la clé', 'Gardé en mémoire']);
    // Undo still works in memory.
    await h.must('journal.undo', { docId: doc.docId });
    await h.must('journal.redo', { docId: doc.docId });
    const elsewhere = path.join(h.dir, 'disque-local.trame');
    const saved = await h.must('doc.saveAs', { docId: doc.docId, path: elsewhere });
    expect(saved.offline).toBeNull();
    const nodes = (await h.must('tree.get', { docId: doc.docId })).nodes;
    expect(nodes.map((n) => [n.title, n.tag])).toEqual([['Écrit sur la clé', 'garder'], ['Gardé en mémoire', null]]);
    expect((await h.must('journal.state', { docId: doc.docId })).undoLabel).toMatch(/Marquer/);
    await h.must('doc.close', { docId: doc.docId });
    // The original keeps its last committed state.
    const original = await h.must('doc.open', { path: file });
    expect((await h.must('tree.get', { docId: original.docId })).nodes.map((n) => n.title)).toEqual(['Écrit sur la clé']);
  });

  it('backups are stored in DELETE mode: listing and restoring changes no byte and leaves nothing beside them', async () => {
    const h = harness();
    const file = path.join(h.dir, 'c.trame');
    const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Un' });
    await h.set.settle();
    const dir = backupDirFor(path.join(h.dir, 'sauvegardes'), file);
    const names = listDir(dir);
    expect(names).toHaveLength(1);
    const backup = path.join(dir, names[0]);
    expect(headerMode(backup)).toEqual([1, 1]); // rollback journal, not WAL (2, 2)
    const before = hashFile(backup);
    const list = await h.must('backup.list', { docId: doc.docId });
    expect(list[0].items).not.toBeNull();
    const restored = await h.must('backup.restore', { docId: doc.docId, backupId: list[0].id, path: path.join(h.dir, 'r.trame') });
    await h.must('doc.close', { docId: restored.docId });
    await h.must('backup.list', { docId: doc.docId });
    expect(listDir(dir)).toEqual(names);
    expect(hashFile(backup)).toBe(before);
  });

  it('a backup that could not be made is told in French with its cause, and nothing is left behind', async () => {
    const h = harness();
    writeFileSync(path.join(h.dir, 'sauvegardes'), 'pas un dossier'); // the backups folder cannot be made
    const file = path.join(h.dir, 'c.trame');
    const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    await h.set.settle();
    const info = await h.must('doc.info', { docId: doc.docId });
    expect(info.backupProblem).toMatch(/^La sauvegarde automatique n'a pas pu être faite dans « .* » \(erreur d’écriture\) : vos modifications sont bien dans le contrat, mais sans copie de secours ; .*\.$/);
    await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Gardé' });
    expect(listDir(h.dir)).toEqual(['c.trame', 'c.trame-wal', 'sauvegardes', 'settings.json']);
  });

  // A full disk and a read-only folder need a real small volume: a tmpfs mounted for the test (root, as CI runs).
  it('on a full volume a backup is told and leaves no -journal; on a read-only volume backups list and restore', async () => {
    const h = harness();
    await withVolume(path.join(h.dir, 'volume'), '512k', async (mnt) => {
      const doc = await h.must('contrat.create', { path: path.join(h.dir, 'c.trame'), contrat: SAMPLE_CONTRAT });
      const store = h.set.store(doc.docId)!;
      const filler = path.join(mnt, 'remplissage');
      writeFileSync(filler, Buffer.alloc(512 * 1024 - 48 * 1024)); // 48 KiB left: less than a contrat
      const { backupNow } = await import('../../db/backup');
      const full = path.join(mnt, 'plein');
      let message = '';
      await backupNow(store, full).catch((err: Error) => (message = err.message));
      expect(message).toMatch(/^La sauvegarde automatique n'a pas pu être faite dans « .* » \(disque plein\)/);
      expect(listDir(full)).toEqual([]);
      unlinkSync(filler);

      // Read-only: a backup made while writable, then the volume remounted read-only.
      const ro = path.join(mnt, 'ro');
      const b = await backupNow(store, ro);
      expect(spawnSync('mount', ['-o', 'remount,ro', mnt]).status).toBe(0);
      const before = hashFile(b.file);
      const { openTrameFileForReading } = await import('../../db/reading');
      const { db } = openTrameFileForReading(b.file);
      expect((db.prepare('SELECT count(*) AS n FROM contrat').get() as { n: number }).n).toBe(1);
      db.close();
      // And as any reader would open it: SQLite read-only, which needs no -shm beside a file at rest.
      const raw = new Database(b.file, { readonly: true, fileMustExist: true });
      expect((raw.prepare('SELECT count(*) AS n FROM contrat').get() as { n: number }).n).toBe(1);
      raw.close();
      expect(hashFile(b.file)).toBe(before);
      expect(listDir(ro)).toEqual([b.id]);
      await h.set.settle();
      h.set.closeAll();
    });
  });
});

/** Bytes 18–19 of a SQLite header: 1, 1 in rollback-journal mode, 2, 2 in WAL mode. */
function headerMode(file: string): number[] {
  const buf = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, 2, 18);
  } finally {
    closeSync(fd);
  }
  return [buf[0], buf[1]];
}
