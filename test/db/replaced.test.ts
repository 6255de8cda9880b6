// A file replaced (rename over it, as sync clients and `git pull` do) or cut (`truncate`) under an open contrat: the
// edits are never acknowledged into a file that is gone; the contrat moves into memory (offline, French), « Enregistrer
// sous » writes every edit elsewhere, and the file now at the path keeps every byte.
import { existsSync, renameSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmpty } from '../../core/features/contrat/queries';
import { hashFile, siblings } from '../helpers/files';
import { harness } from '../helpers/handlers';
import { SAMPLE_CONTRAT } from '../helpers/store';

type Disturb = (file: string, dir: string) => void;

const CASES: [string, Disturb, RegExp][] = [
  [
    'un autre fichier renommé par-dessus',
    (file, dir) => {
      const other = path.join(dir, 'autre.trame');
      createEmpty(other, { ...SAMPLE_CONTRAT, name: 'Autre contrat' });
      renameSync(other, file);
    },
    /remplacé par un autre/,
  ],
  ['le fichier tronqué à 4 096 octets', (file) => truncateSync(file, 4096), /raccourci|endommagé/],
];

describe('a file replaced or cut under an open contrat', () => {
  for (const [name, disturb, cause] of CASES) {
    it(`${name} : les modifications restent en mémoire et « Enregistrer sous » les écrit toutes`, async () => {
      const h = harness();
      const file = path.join(h.dir, 'ouvert.trame');
      const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
      const e = (await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Avant' })).focusId!;
      await h.set.settle();
      disturb(file, h.dir);
      const replacing = hashFile(file);
      const size = statSync(file).size;
      const first = await h.must('tree.add', { docId: doc.docId, parentId: e, title: 'Après 1' });
      expect(first.offline).toMatch(cause);
      expect(first.offline).toMatch(/^Le fichier « ouvert\.trame » ne peut plus être enregistré .*« Enregistrer sous ».*\.$/);
      await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Après 2' });
      await h.must('tree.update', { docId: doc.docId, id: e, patch: { tag: 'garder' } });
      expect((await h.must('doc.info', { docId: doc.docId })).offline).toMatch(/gardées en mémoire/);
      expect(hashFile(file)).toBe(replacing);
      const elsewhere = path.join(h.dir, 'sauve.trame');
      const saved = await h.must('doc.saveAs', { docId: doc.docId, path: elsewhere });
      expect(saved.offline).toBeNull();
      await h.must('doc.close', { docId: doc.docId });
      const again = await h.must('doc.open', { path: elsewhere });
      const nodes = (await h.must('tree.get', { docId: again.docId })).nodes;
      expect(nodes.map((n) => [n.title, n.tag])).toEqual([['Avant', 'garder'], ['Après 1', null], ['Après 2', null]]);
      await h.must('doc.close', { docId: again.docId });
      await h.set.settle();
      expect(hashFile(file)).toBe(replacing);
      expect(statSync(file).size).toBe(size);
      expect(siblings(file).filter((n) => n.startsWith('ouvert.trame'))).toEqual(['ouvert.trame']);
    });
  }

  it('replaced after the last edit: the close refuses in French, keeps the edits, and writes nothing into the new file', async () => {
    const h = harness();
    const file = path.join(h.dir, 'ouvert.trame');
    const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Gardé' });
    await h.set.settle();
    const other = path.join(h.dir, 'autre.trame');
    createEmpty(other, { ...SAMPLE_CONTRAT, name: 'Autre contrat' });
    renameSync(other, file);
    const replacing = hashFile(file);
    const closed = await h.call('doc.close', { docId: doc.docId });
    expect(closed.ok).toBe(false);
    if (!closed.ok) expect(closed.error.message).toMatch(/remplacé par un autre .*Enregistrer sous/);
    const elsewhere = path.join(h.dir, 'sauve.trame');
    await h.must('doc.saveAs', { docId: doc.docId, path: elsewhere });
    expect((await h.must('tree.get', { docId: doc.docId })).nodes.map((n) => n.title)).toEqual(['Gardé']);
    await h.must('doc.close', { docId: doc.docId });
    await h.set.settle();
    expect(hashFile(file)).toBe(replacing);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(siblings(file).filter((n) => n.startsWith('ouvert.trame'))).toEqual(['ouvert.trame']);
  });
});
