// Reading changes nothing: a file opened for reading keeps every byte, and nothing appears beside it — also an older
// file (migrated in memory only), one left with an interrupted transaction, one left in WAL mode by a crash.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addNode, loadTree } from '../../core/features/tree/queries';
import { LATEST_VERSION } from '../../db/migrations';
import { READING_ONLY, Store } from '../../db/store';
import { hashFile, siblings } from '../helpers/files';
import { tmpDir } from '../helpers/tmp';
import { newStore, rawRows } from './helpers';

const GOLDEN = path.join(__dirname, '../fixtures/golden-v1.trame');

/** SHA-256 of the file and of every file beside it, and their names. */
function snapshot(file: string): Record<string, string> {
  const dir = path.dirname(file);
  return Object.fromEntries(readdirSync(dir).sort().map((n) => [n, hashFile(path.join(dir, n))]));
}

function closedFile(titles: string[]): string {
  const { store, file } = newStore();
  for (const t of titles) addNode(store, { parentId: null, title: t });
  store.close();
  return file;
}

/** Runs `script` in a child process on `file`; it ends by killing itself, as a crash would. */
function crashAfter(file: string, script: string): void {
  const r = spawnSync(process.execPath, ['-e', `const Database = require('better-sqlite3'); const db = new Database(process.argv[1]); ${script}; process.kill(process.pid, 'SIGKILL');`, file], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') },
  });
  expect(r.signal, r.stderr).toBe('SIGKILL');
}

describe('opening for reading', () => {
  it('an up-to-date file: every byte kept, nothing beside it, edits refused in French', () => {
    const file = closedFile(['Un', 'Deux']);
    const before = snapshot(file);
    const s = Store.openForReading(file);
    expect(loadTree(s).map((n) => n.title)).toEqual(['Un', 'Deux']);
    expect(s.readOnly).toBe(true);
    expect(() => addNode(s, { parentId: null, title: 'interdit' })).toThrow(READING_ONLY);
    expect(s.identity().documentId).toMatch(/^[0-9a-f-]{36}$/);
    s.close();
    expect(snapshot(file)).toEqual(before);
  });

  it('a schema-1 file is migrated in memory only: every row there, the file unchanged', () => {
    const file = path.join(tmpDir(), 'ancien.trame');
    copyFileSync(GOLDEN, file);
    const rows = rawRows(file);
    const before = snapshot(file);
    const s = Store.openForReading(file);
    expect(s.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(loadTree(s).length).toBe(rows.node.length);
    expect(s.journal(100).length).toBe(rows.journal_group.length);
    const doc = s.identity().documentId;
    expect(() => s.undo()).toThrow(READING_ONLY);
    s.close();
    expect(snapshot(file)).toEqual(before);
    // The same document id as the file gets when it is migrated for editing (it is derived, not drawn).
    const again = Store.openForReading(file);
    expect(again.identity().documentId).toBe(doc);
    again.close();
    const edited = Store.open(file, 'x', { migrationCopyDir: path.join(tmpDir(), 'copies') });
    expect(edited.identity().documentId).toBe(doc);
    edited.close();
  });

  it('a schema-1 file opened for editing without a folder for its copy is refused, unchanged', () => {
    const file = path.join(tmpDir(), 'ancien.trame');
    copyFileSync(GOLDEN, file);
    const before = snapshot(file);
    expect(() => Store.open(file, 'x')).toThrow(/version plus ancienne de Trame \(schéma 1\).*aucun dossier.*Il n'a pas été modifié/);
    expect(snapshot(file)).toEqual(before);
  });

  it('a file with an interrupted transaction: finished on a copy, the file and its journal unchanged', () => {
    const file = closedFile(['Validé']);
    crashAfter(file, `db.pragma('cache_size = 2'); db.exec('BEGIN'); db.prepare("UPDATE contrat SET name = 'jamais validé'").run();
      const ins = db.prepare("INSERT INTO node (id, parent_id, order_key, kind, title) VALUES (?, NULL, ?, 'enjeu', ?)");
      for (let i = 0; i < 300; i++) ins.run('n' + i, i + 1, 'x'.repeat(2000))`);
    expect(siblings(file)).toContain(`${path.basename(file)}-journal`);
    const before = snapshot(file);
    const s = Store.openForReading(file);
    expect(loadTree(s).map((n) => n.title)).toEqual(['Validé']);
    expect((s.db.prepare('SELECT name FROM contrat').get() as { name: string }).name).not.toBe('jamais validé');
    s.close();
    expect(snapshot(file)).toEqual(before);
  });

  it('a file left in WAL mode by a crash: its committed edits read, the file and its WAL unchanged', () => {
    const file = closedFile(['Premier']);
    crashAfter(file, `db.pragma('journal_mode = WAL'); db.pragma('wal_autocheckpoint = 0');
      db.prepare("INSERT INTO node (id, parent_id, order_key, kind, title) VALUES ('w1', NULL, 'a9', 'enjeu', 'Dans le WAL')").run()`);
    expect(siblings(file)).toContain(`${path.basename(file)}-wal`);
    const before = snapshot(file);
    const s = Store.openForReading(file);
    expect(loadTree(s).map((n) => n.title)).toEqual(['Premier', 'Dans le WAL']);
    s.close();
    expect(snapshot(file)).toEqual(before);
  });

  it('a file open for editing elsewhere in Trame is read as last committed', () => {
    const { store, file } = newStore();
    addNode(store, { parentId: null, title: 'Pendant' });
    const s = Store.openForReading(file);
    expect(loadTree(s).map((n) => n.title)).toEqual(['Pendant']);
    s.close();
    addNode(store, { parentId: null, title: 'Après' });
    store.close();
  });
});
