// Every file Trame must refuse is refused with a French message and left byte-for-byte unchanged.
import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { Store } from '../../db/store';
import { addNode, loadTree } from '../../core/features/tree/queries';
import { hashFile, siblings } from '../helpers/files';
import { newStore } from './helpers';
import { tmpDir } from '../helpers/tmp';

let probe = '';
beforeAll(() => {
  // Bundle the probe so that an unprivileged user can run it with plain node.
  const dir = tmpDirOnce();
  probe = path.join(dir, 'probe.cjs');
  buildSync({
    entryPoints: [path.join(__dirname, '..', 'helpers', 'readonly-probe.ts')],
    bundle: true, platform: 'node', format: 'cjs', outfile: probe, external: ['better-sqlite3'], logLevel: 'silent',
  });
  chmodSync(dir, 0o755);
});

function tmpDirOnce(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'trame-probe-'));
}

/** Root ignores permissions: run the probe as `nobody` then, so that read-only really is read-only. */
function runProbe(file: string): Record<string, unknown> {
  const asNobody = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [probe, file], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') },
    ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
  });
  if (r.status !== 0) throw new Error(`sonde en échec : ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

/** A closed, valid contrat file with one item. */
function validFile(): string {
  const { store, file } = newStore();
  addNode(store, { parentId: null, title: 'Enjeu' });
  store.close();
  return file;
}

describe('missing, locked and read-only files', () => {
  // Hostile files (random bytes, other apps, future versions, damaged or altered files) are in test/corpus.

  it('a missing file', () => {
    expect(() => Store.open(path.join(tmpDir(), 'absent.trame'), 'x')).toThrow(/introuvable/);
  });

  it('an older-schema check refuses nothing valid: a fresh file reopens for editing, with its item', () => {
    const f = validFile();
    const store = Store.open(f, 'x');
    try {
      expect(store.readOnly).toBe(false);
      expect(store.readOnlyReason).toBeNull();
      expect(store.integrity()).toBe('ok');
      expect(loadTree(store).map((n) => [n.kind, n.title])).toEqual([['enjeu', 'Enjeu']]);
    } finally {
      store.close();
    }
    // Closed, it leaves nothing beside it (no -wal, -shm or -journal).
    expect(siblings(f)).toEqual([path.basename(f)]);
  });

  it('a file already open elsewhere', () => {
    const { store, file } = newStore();
    expect(() => Store.open(file, 'x')).toThrow(/déjà ouvert/);
    store.close();
  });

  for (const where of ['file', 'folder'] as const) {
    it(`a read-only ${where} opens read-only, refuses edits, and stays unchanged`, () => {
      const f = validFile();
      const dir = path.dirname(f);
      chmodSync(dir, 0o755);
      chmodSync(f, where === 'file' ? 0o444 : 0o666);
      if (where === 'folder') chmodSync(dir, 0o555);
      const before = hashFile(f);
      const names = siblings(f);
      const result = runProbe(f);
      chmodSync(dir, 0o755);
      expect(result.openError).toBeUndefined();
      expect(result.readOnly).toBe(true);
      expect(String(result.reason)).toMatch(where === 'file' ? /fichier est en lecture seule/ : /dossier du fichier est protégé/);
      expect(result.count).toBe(1);
      expect(String(result.edit)).toMatch(/lecture seule|protégé/);
      expect(hashFile(f)).toBe(before);
      expect(siblings(f)).toEqual(names);
    });
  }

  it('a read-only copy (root ignores chmod, so we test the read-only connection path too)', () => {
    const f = validFile();
    const copy = path.join(tmpDir(), 'copie.trame');
    copyFileSync(f, copy);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM node').get()).toEqual({ n: 1 });
    db.close();
  });
});

/**
 * A transaction cut off in the middle (power loss, key pulled out) leaves a hot rollback journal beside the file:
 * a child process writes, in DELETE mode as the file is at rest, more than its page cache holds, then kills itself
 * before COMMIT.
 */
function interruptedFile(): string {
  const f = validFile();
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('cache_size = 2');
    db.exec('BEGIN');
    db.prepare("UPDATE contrat SET name = 'jamais validé'").run();
    const ins = db.prepare("INSERT INTO node (id, parent_id, order_key, kind, title) VALUES (?, NULL, ?, 'enjeu', ?)");
    for (let i = 0; i < 300; i++) ins.run('n' + i, i + 1, 'x'.repeat(2000));
    process.kill(process.pid, 'SIGKILL');`;
  const r = spawnSync(process.execPath, ['-e', script, f], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') },
  });
  expect(r.signal, r.stderr).toBe('SIGKILL');
  expect(siblings(f)).toContain(`${path.basename(f)}-journal`);
  return f;
}

describe('a transaction cut off in the middle', () => {
  it('SQLite finishes it on open (rolls it back), then every check runs and the contrat is as last committed', () => {
    const f = interruptedFile();
    // The read-only inspector alone could not finish it.
    const ro = new Database(f, { readonly: true });
    expect(() => ro.pragma('integrity_check')).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY_ROLLBACK' }));
    ro.close();
    const store = Store.open(f, 'x');
    expect(store.integrity()).toBe('ok');
    expect(loadTree(store).map((n) => n.title)).toEqual(['Enjeu']);
    expect((store.db.prepare('SELECT name FROM contrat').get() as { name: string }).name).not.toBe('jamais validé');
    store.close();
    expect(siblings(f)).toEqual([path.basename(f)]);
  });

  it('in a read-only folder: refused with a French message saying what to do, nothing changed', () => {
    const f = interruptedFile();
    const dir = path.dirname(f);
    chmodSync(dir, 0o555);
    const before = hashFile(f);
    const names = siblings(f);
    const result = runProbe(f);
    chmodSync(dir, 0o755);
    expect(String(result.openError)).toMatch(/modification interrompue .* lecture seule\. Copiez le fichier et son voisin/);
    expect(hashFile(f)).toBe(before);
    expect(siblings(f)).toEqual(names);
  });
});
