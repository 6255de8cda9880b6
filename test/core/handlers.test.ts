import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness } from '../helpers/handlers';
import { hashFile, listDir } from '../helpers/files';
import { SAMPLE_CONTRAT } from '../helpers/store';

describe('handlers through dispatch', () => {
  it('asks the user name once and journals edits under it', async () => {
    const h = harness();
    expect((await h.must('app.info', {})).userName).toBeNull();
    await h.must('settings.setUserName', { name: '  Nadia Benali ' });
    expect((await h.must('app.info', {})).userName).toBe('Nadia Benali');
    const doc = await h.must('contrat.create', { path: path.join(h.dir, 'c.trame'), contrat: SAMPLE_CONTRAT });
    await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Emploi des jeunes' });
    const [entry] = await h.must('journal.list', { docId: doc.docId });
    expect(entry).toMatchObject({ author: 'Nadia Benali', label: 'Ajouter enjeu « Emploi des jeunes »', undone: false });
  });

  it('creates a contrat file, lists it in recent files, reopens it after close', async () => {
    const h = harness();
    const file = path.join(h.dir, 'val.trame');
    const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    expect(existsSync(file)).toBe(true);
    expect(doc.contrat).toMatchObject({ name: SAMPLE_CONTRAT.name, period: { start: 2024, end: 2030 } });
    const e = await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Accès à l’emploi' });
    await h.must('tree.update', { docId: doc.docId, id: e.focusId!, patch: { tag: 'renouveler', tagNote: 'Toujours prioritaire' } });
    await h.must('doc.close', { docId: doc.docId });
    expect((await h.must('recent.list', {}))[0]).toMatchObject({ path: file, name: SAMPLE_CONTRAT.name, exists: true });
    const again = await h.must('doc.open', { path: file });
    const tree = await h.must('tree.get', { docId: again.docId });
    expect(tree.nodes).toMatchObject([{ title: 'Accès à l’emploi', tag: 'renouveler', tagNote: 'Toujours prioritaire' }]);
  });

  it('refuses to open the same file twice and names the document that has it', async () => {
    const h = harness();
    const file = path.join(h.dir, 'c.trame');
    const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    const r = await h.call('doc.open', { path: file });
    expect(r).toMatchObject({ ok: false, error: { code: 'deja-ouvert', docId: doc.docId } });
    expect(r.ok || r.error.message).toMatch(/déjà ouvert/);
  });

  it('never overwrites an existing file and leaves no partial file', async () => {
    const h = harness();
    const file = path.join(h.dir, 'existe.trame');
    writeFileSync(file, 'précieux');
    const before = hashFile(file);
    const names = listDir(h.dir);
    const r = await h.call('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    expect(r).toMatchObject({ ok: false, error: { code: 'fichier-existe' } });
    expect(hashFile(file)).toBe(before);
    expect(listDir(h.dir)).toEqual(names);
    const r2 = await h.call('contrat.create', { path: path.join(h.dir, 'absent', 'x.trame'), contrat: SAMPLE_CONTRAT });
    expect(r2).toMatchObject({ ok: false, error: { code: 'introuvable' } });
    const r3 = await h.call('contrat.create', { path: path.join(h.dir, 'x.txt'), contrat: SAMPLE_CONTRAT });
    expect(r3.ok || r3.error.message).toMatch(/doit se terminer par « \.trame »/);
  });

  it('validates every argument with French messages', async () => {
    const h = harness();
    expect(await h.raw('tree.drop', {})).toMatchObject({ ok: false, error: { code: 'canal-inconnu' } });
    const r = await h.raw('contrat.create', { path: 'x.trame', contrat: { ...SAMPLE_CONTRAT, name: '', extra: 1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('entree-invalide');
      expect(r.error.details).toEqual(expect.arrayContaining([
        'contrat.name : Le nom du contrat est obligatoire.',
        'contrat : clé inconnue « extra »',
      ]));
    }
    const p = await h.raw('contrat.create', { path: 'x.trame', contrat: { ...SAMPLE_CONTRAT, period: { start: 2030, end: 2024 } } });
    expect(p.ok || p.error.details?.join()).toMatch(/L'année de fin doit suivre l'année de début/);
    expect(await h.raw('tree.get', { docId: 'inconnu' })).toMatchObject({ ok: false, error: { code: 'introuvable' } });
    expect(await h.raw('tree.get', null)).toMatchObject({ ok: false, error: { code: 'entree-invalide' } });
  });

  it('undo/redo over the API return the item to focus and the labels', async () => {
    const h = harness();
    const doc = await h.must('contrat.create', { path: path.join(h.dir, 'c.trame'), contrat: SAMPLE_CONTRAT });
    const e = (await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'E' })).focusId!;
    const o = (await h.must('tree.add', { docId: doc.docId, parentId: e, title: 'O' })).focusId!;
    const removed = await h.must('tree.remove', { docId: doc.docId, id: o });
    expect(removed.history.undoLabel).toBe('Supprimer « O »');
    const undone = await h.must('journal.undo', { docId: doc.docId });
    expect(undone.focusId).toBe(o);
    expect(undone.history).toMatchObject({ canRedo: true, redoLabel: 'Supprimer « O »' });
    expect((await h.must('tree.get', { docId: doc.docId })).nodes.map((n) => n.title)).toEqual(['E', 'O']);
    const nothing = await h.call('journal.redo', { docId: doc.docId });
    expect(nothing.ok).toBe(true);
    expect(await h.call('journal.redo', { docId: doc.docId })).toMatchObject({ ok: false, error: { message: 'Rien à rétablir.' } });
  });

  it('« Enregistrer sous » goes on editing the copy and leaves the original as it was', async () => {
    const h = harness();
    const file = path.join(h.dir, 'a.trame');
    const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Avant la copie' });
    const copy = path.join(h.dir, 'b.trame');
    const moved = await h.must('doc.saveAs', { docId: doc.docId, path: copy });
    expect(moved).toMatchObject({ docId: doc.docId, path: copy });
    await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Après la copie' });
    expect((await h.must('tree.get', { docId: doc.docId })).nodes.map((n) => n.title)).toEqual(['Avant la copie', 'Après la copie']);
    const original = await h.must('doc.open', { path: file });
    expect((await h.must('tree.get', { docId: original.docId })).nodes.map((n) => n.title)).toEqual(['Avant la copie']);
    expect(await h.call('doc.saveAs', { docId: doc.docId, path: file })).toMatchObject({ ok: false });
  });

  it('the demo contrat holds a full tree, every tag family, indicators, partners and commitments', async () => {
    const h = harness();
    const doc = await h.must('contrat.createDemo', { path: path.join(h.dir, 'demo.trame') });
    const { nodes } = await h.must('tree.get', { docId: doc.docId });
    expect(new Set(nodes.map((n) => n.kind))).toEqual(new Set(['enjeu', 'objectif', 'action', 'indicateur']));
    expect(new Set(nodes.map((n) => n.tag).filter(Boolean))).toEqual(
      new Set(['ajouter', 'garder', 'repenser', 'renouveler', 'jeter', 'mettre-en-veille']),
    );
    expect(nodes.some((n) => n.indicator?.referenceValue != null && n.indicator.baselineValue != null)).toBe(true);
    const exported = await h.must('format.export', { docId: doc.docId });
    expect(exported.partners!.length).toBeGreaterThan(3);
    expect(exported.commitments!.length).toBeGreaterThan(3);
  });

  it('export → import → export gives the same document', async () => {
    const h = harness();
    const doc = await h.must('contrat.createDemo', { path: path.join(h.dir, 'demo.trame') });
    const first = await h.must('format.export', { docId: doc.docId });
    const copy = await h.mustJob('format.import', { path: path.join(h.dir, 'copie.trame'), document: first });
    const second = await h.must('format.export', { docId: copy.docId });
    expect(second).toEqual(first);
  });

  it('exports the JSON to a file atomically and refuses a .trame target', async () => {
    const h = harness();
    const doc = await h.must('contrat.createDemo', { path: path.join(h.dir, 'demo.trame') });
    const out = path.join(h.dir, 'export.json');
    expect(await h.mustJob('format.exportToFile', { docId: doc.docId, path: out })).toEqual({ path: out });
    expect(JSON.parse(require('node:fs').readFileSync(out, 'utf8'))).toEqual(await h.must('format.export', { docId: doc.docId }));
    const names = listDir(h.dir);
    const r = await h.job('format.exportToFile', { docId: doc.docId, path: path.join(h.dir, 'demo.trame') });
    expect(r.ok || r.error.message).toMatch(/« \.json »/);
    const r2 = await h.job('format.exportToFile', { docId: doc.docId, path: path.join(h.dir, 'absent', 'x.json') });
    expect(r2.ok || r2.error.message).toMatch(/n'existe pas/);
    expect(listDir(h.dir)).toEqual(names);
  });

  it('an invalid document is refused with every problem and no file is created', async () => {
    const h = harness();
    const names = listDir(h.dir);
    const r = await h.job('format.import', {
      path: path.join(h.dir, 'x.trame'),
      document: { format: 'trame', version: 1, contrat: { name: 'X', epci: 'Y' }, tree: [{ kind: 'action', title: 'A' }] },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'format-invalide' } });
    expect(listDir(h.dir)).toEqual(names);
  });
});
