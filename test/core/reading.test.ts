// Reading changes nothing: inspecting a contrat (doc.inspect, `trame show`, `trame export`) leaves every byte of
// the file as it was, writes no backup and no recent-files entry. Only opening to edit may bring an older file up
// to date, after keeping a copy of it, and the user is told so in French.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile, listDir } from '../helpers/files';
import { harness } from '../helpers/handlers';
import { tmpDir } from '../helpers/tmp';

const GOLDEN = path.resolve(__dirname, '../fixtures/golden-v1.trame');
const CLI = path.resolve(__dirname, '../../dist/cli.cjs');

/** A contrat made and closed by Trame, and its SHA-256. */
async function closedDemo(): Promise<{ file: string; dir: string }> {
  const h = harness();
  const file = path.join(h.dir, 'demo.trame');
  const doc = await h.must('contrat.createDemo', { path: file });
  await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Un enjeu de plus' });
  await h.must('doc.close', { docId: doc.docId });
  await h.set.settle();
  return { file, dir: h.dir };
}

describe('reading changes nothing', () => {
  it('doc.inspect: same bytes, no backup, no recent file, edits refused', async () => {
    const { file } = await closedDemo();
    const before = hashFile(file);
    const neighbours = listDir(path.dirname(file));
    const h = harness();
    const info = await h.must('doc.inspect', { path: file });
    expect(info).toMatchObject({ readOnly: true, notice: null });
    expect(info.readOnlyReason).toMatch(/^[A-ZÀ-Ý].*\.$/);
    const tree = await h.must('tree.get', { docId: info.docId });
    expect(tree.nodes.some((n) => n.title === 'Un enjeu de plus')).toBe(true);
    const refused = await h.call('tree.add', { docId: info.docId, parentId: null, title: 'Interdit' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'lecture-seule' } });
    await h.must('doc.close', { docId: info.docId });
    await h.set.settle();
    expect(hashFile(file)).toBe(before);
    expect(listDir(path.dirname(file))).toEqual(neighbours);
    expect(existsSync(path.join(h.dir, 'sauvegardes'))).toBe(false);
    expect(await h.must('recent.list', {})).toEqual([]);
  });

  it('doc.inspect of a schema-1 file reads it brought up to date in memory, the file untouched', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'ancien.trame');
    copyFileSync(GOLDEN, file);
    const before = hashFile(file);
    const h = harness();
    const info = await h.must('doc.inspect', { path: file });
    expect(info.readOnly).toBe(true);
    expect((await h.must('tree.get', { docId: info.docId })).nodes.length).toBe(42);
    expect((await h.must('journal.list', { docId: info.docId })).map((j) => j.label)).toContain('Modifier le contrat');
    await h.must('doc.close', { docId: info.docId });
    expect(hashFile(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['ancien.trame']);
    expect(existsSync(path.join(h.dir, 'sauvegardes'))).toBe(false);
  });

  it('doc.open of a schema-1 file keeps a copy beside the backups, migrates, and says so in French', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'ancien.trame');
    copyFileSync(GOLDEN, file);
    const original = readFileSync(file);
    const h = harness();
    const info = await h.must('doc.open', { path: file });
    expect(info.readOnly).toBe(false);
    expect(info.notice).toMatch(/^Ce contrat venait d'une version plus ancienne de Trame \(schéma 1\).*une copie de l'original est gardée dans « (.+) »\.$/);
    const copy = /« (.+) »\.$/.exec(info.notice!)![1];
    expect(copy.startsWith(path.join(h.dir, 'sauvegardes'))).toBe(true);
    expect(readFileSync(copy).equals(original)).toBe(true);
    // Opened again, it is up to date: nothing more to say.
    await h.must('doc.close', { docId: info.docId });
    const again = await h.must('doc.open', { path: file });
    expect(again.notice).toBeNull();
    expect((await h.must('tree.get', { docId: again.docId })).nodes.length).toBe(42);
  });

  it('`trame show` and `trame export` leave the file, its folder and the app data as they were', async () => {
    const { file } = await closedDemo();
    const dataDir = path.join(tmpDir(), 'donnees');
    const before = hashFile(file);
    const neighbours = listDir(path.dirname(file));
    for (const args of [['show', file], ['export', file], ['export', file, '--format', 'json']]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TRAME_DATA_DIR: dataDir } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(100);
      expect(hashFile(file)).toBe(before);
      expect(listDir(path.dirname(file))).toEqual(neighbours);
      expect(existsSync(dataDir)).toBe(false);
    }
    const old = path.join(tmpDir(), 'ancien.trame');
    copyFileSync(GOLDEN, old);
    const r = spawnSync(process.execPath, [CLI, 'show', old], { encoding: 'utf8', env: { ...process.env, TRAME_DATA_DIR: dataDir } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Objectif ajouté en atelier');
    expect(hashFile(old)).toBe(hashFile(GOLDEN));
  });
});
