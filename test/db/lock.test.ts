// One writer per file (issue 21, items 1–2), on real files and real processes:
// - the lock SQLite takes is held for as long as the contrat is open (POSIX locks belong to the process, and closing
//   any descriptor of the file would drop them): /proc/locks shows it after opening and after an edit, and another
//   process — a raw SQLite connection, the real CLI — is refused at once and writes nothing;
// - a file copied over the open contrat (`cp`), of another size or of the very same size, is detected before the
//   next edit reaches the disk: the contrat moves into memory (as for a pulled-out key), and the bytes now at the path
//   stay the other program's, to the last byte;
// - a clean close leaves no -wal nor -shm beside the file.
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addNode } from '../../core/features/tree/queries';
import { Store } from '../../db/store';
import { hashFile } from '../helpers/files';
import { harness } from '../helpers/handlers';
import { newStore } from './helpers';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist', 'cli.cjs');

/** The lines of /proc/locks on `file`'s inode, and whether one is held by this process. */
function locksOn(file: string): { lines: string[]; mine: boolean } {
  const { ino } = statSync(file);
  const lines = readFileSync('/proc/locks', 'utf8').split('\n').filter((l) => new RegExp(`:${ino} `).test(l));
  return { lines, mine: lines.some((l) => l.split(/\s+/)[4] === String(process.pid)) };
}

/** A raw SQLite writer in another process: what it got. */
function otherWriter(file: string): string {
  const script = `
    const D = require(${JSON.stringify(path.join(root, 'node_modules', 'better-sqlite3'))});
    try {
      const d = new D(${JSON.stringify(file)}, { timeout: 200 });
      d.exec('BEGIN IMMEDIATE');
      d.exec("UPDATE contrat SET name = 'écrit par un autre programme'");
      d.exec('COMMIT');
      console.log('écrit');
    } catch (e) { console.log(e.code); }`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 }).stdout.trim();
}

describe('one writer per file', () => {
  it('holds its lock from the opening to the close; another process is refused and writes nothing', () => {
    const { store, file, dir } = newStore();
    expect(locksOn(file).mine).toBe(true);
    const e = addNode(store, { parentId: null, title: 'Lever les freins' }).focusId!;
    const o = addNode(store, { parentId: e, title: 'Mobilité' }).focusId!;
    addNode(store, { parentId: o, kind: 'indicateur', title: 'Personnes accompagnées' });
    expect(locksOn(file).mine).toBe(true);
    expect(otherWriter(file)).toMatch(/^SQLITE_BUSY/);

    // The real CLI: it checks the CSV on the file (a good one), then cannot open it to write.
    const csv = path.join(dir, 'mesures.csv');
    writeFileSync(csv, 'indicateur;date;valeur;perimetre\nPersonnes accompagnées;2024;12;qpv\n');
    const cmd = spawnSync(process.execPath, [cli, 'measurements', 'import', file, csv], {
      encoding: 'utf8', env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'donnees') }, timeout: 60_000,
    });
    expect(cmd.status).not.toBe(0);
    expect(cmd.stderr).toMatch(/déjà ouvert par un autre programme/);
    expect(cmd.stdout).not.toMatch(/ajoutée/);

    const tree = store.run.stmt('SELECT title FROM node').all();
    store.close();
    expect(locksOn(file).lines).toEqual([]);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
    // Nothing of the other programs reached the file; the edit did.
    const again = Store.openForReading(file);
    expect(again.run.stmt('SELECT name FROM contrat').get()).not.toEqual({ name: 'écrit par un autre programme' });
    expect(again.run.stmt('SELECT title FROM node').all()).toEqual(tree);
    again.close();
  });

  it('through the handlers: after doc.open, an edit and the backup it starts, the lock is still held', async () => {
    const { store, file } = newStore();
    store.close();
    const h = harness();
    const doc = await h.must('doc.open', { path: file });
    expect(locksOn(file).mine).toBe(true);
    await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Après ouverture' });
    await h.set.settle(); // the backup made on opening (SQLite's backup API, never a second descriptor)
    expect(locksOn(file).mine).toBe(true);
    expect(otherWriter(file)).toMatch(/^SQLITE_BUSY/);
    await h.must('doc.close', { docId: doc.docId });
    expect(locksOn(file).lines).toEqual([]);
  });

  for (const size of ['another size', 'the same size'] as const) {
    it(`a file copied over the open contrat (${size}) moves it into memory before the next edit touches the disk`, () => {
      const { store, file, dir } = newStore();
      addNode(store, { parentId: null, title: 'Avant la copie' });
      // The bytes another program copies over it: another contrat, or an earlier copy of this one (same size).
      const other = path.join(dir, 'autre.trame');
      if (size === 'the same size') {
        // A copy of this contrat as it is, page for page (VACUUM INTO may pack the pages tighter than the live file).
        store.db.pragma('wal_checkpoint(TRUNCATE)');
        copyFileSync(file, other);
      } else {
        const o = newStore('autre-contrat.trame');
        for (let i = 0; i < 300; i++) addNode(o.store, { parentId: null, title: `Élément ${i} d’un autre contrat` });
        o.store.close();
        copyFileSync(o.file, other);
      }
      copyFileSync(other, file); // cp: same inode, new bytes
      const incoming = hashFile(file);
      if (size === 'the same size') expect(statSync(file).size).toBe(statSync(other).size);

      const out = addNode(store, { parentId: null, title: 'Après la copie' });
      expect(out.offline).toMatch(/a été modifié par un autre programme/);
      expect(store.offline).toMatch(/Enregistrer sous/);
      // The edit is kept, in memory, with everything before it.
      expect(store.run.stmt('SELECT title FROM node ORDER BY title').all()).toEqual([{ title: 'Après la copie' }, { title: 'Avant la copie' }]);
      // Not a byte of the incoming file was written over.
      expect(hashFile(file)).toBe(incoming);
      store.close();
      expect(hashFile(file)).toBe(incoming);
      expect(existsSync(`${file}-wal`)).toBe(false);
    });
  }
});
