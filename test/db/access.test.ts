// Every file Trame must refuse is refused with a French message and left byte-for-byte unchanged.
import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { Store } from '../../db/store';
import { addNode, loadTree } from '../../db/tree';
import { hashFile, siblings } from '../helpers/files';
import { newStore } from '../helpers/store';
import { tmpDir } from '../helpers/tmp';

let probe = '';
beforeAll(() => {
  // Bundle the probe so that an unprivileged user can run it with plain node.
  const dir = tmpDirOnce();
  probe = path.join(dir, 'probe.cjs');
  buildSync({
    entryPoints: [path.join(__dirname, '../helpers/readonly-probe.ts')],
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

  it('an older-schema check refuses nothing valid: a fresh file reopens', () => {
    const f = validFile();
    expect(() => Store.open(f, 'x').close()).not.toThrow();
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
