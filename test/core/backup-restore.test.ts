import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../core/handlers';
import { dispatch } from '../../core/api/dispatch';
import { harness } from '../helpers/handlers';
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
    await h.must('history.undo', { docId: doc.docId });
    await h.must('history.redo', { docId: doc.docId });
    const elsewhere = path.join(h.dir, 'disque-local.trame');
    const saved = await h.must('doc.saveAs', { docId: doc.docId, path: elsewhere });
    expect(saved.offline).toBeNull();
    const nodes = (await h.must('tree.get', { docId: doc.docId })).nodes;
    expect(nodes.map((n) => [n.title, n.tag])).toEqual([['Écrit sur la clé', 'garder'], ['Gardé en mémoire', null]]);
    expect((await h.must('history.state', { docId: doc.docId })).undoLabel).toMatch(/Marquer/);
    await h.must('doc.close', { docId: doc.docId });
    // The original keeps its last committed state.
    const original = await h.must('doc.open', { path: file });
    expect((await h.must('tree.get', { docId: original.docId })).nodes.map((n) => n.title)).toEqual(['Écrit sur la clé']);
  });
});
