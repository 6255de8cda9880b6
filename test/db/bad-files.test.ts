// Every file Trame must refuse is refused with a French message and left byte-for-byte unchanged.
import { chmodSync, copyFileSync, mkdtempSync, writeFileSync, truncateSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { Store } from '../../db/store';
import { addNode, loadTree } from '../../db/tree';
import { LATEST_VERSION } from '../../db/migrations';
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

function expectRefused(file: string, pattern: RegExp): void {
  const before = hashFile(file);
  const names = siblings(file);
  let message = '';
  try {
    Store.open(file, 'x').close();
  } catch (err) {
    message = (err as Error).message;
  }
  expect(message).toMatch(pattern);
  expect(hashFile(file)).toBe(before);
  expect(siblings(file)).toEqual(names);
}

/** A closed, valid contrat file with one item. */
function validFile(): string {
  const { store, file } = newStore();
  addNode(store, { parentId: null, title: 'Enjeu' });
  store.close();
  return file;
}

describe('files Trame refuses, untouched', () => {
  it('random bytes', () => {
    const f = path.join(tmpDir(), 'bruit.trame');
    writeFileSync(f, randomBytes(8192));
    expectRefused(f, /n'est pas un contrat Trame : ce n'est pas une base de données SQLite/);
  });

  it('an empty file', () => {
    const f = path.join(tmpDir(), 'vide.trame');
    writeFileSync(f, '');
    expectRefused(f, /est vide/);
  });

  it('a missing file', () => {
    expect(() => Store.open(path.join(tmpDir(), 'absent.trame'), 'x')).toThrow(/introuvable/);
  });

  it('an SQLite file of another application', () => {
    const f = path.join(tmpDir(), 'autre.trame');
    const db = new Database(f);
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA application_id = 1234; PRAGMA user_version = 3;");
    db.close();
    expectRefused(f, /base SQLite d'une autre application/);
  });

  it('a plain SQLite file without application_id', () => {
    const f = path.join(tmpDir(), 'plain.trame');
    const db = new Database(f);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expectRefused(f, /autre application/);
  });

  it('a Trame file from a newer version', () => {
    const f = validFile();
    const db = new Database(f);
    db.pragma(`user_version = ${LATEST_VERSION + 6}`);
    db.close();
    expectRefused(f, new RegExp(`version plus récente de Trame \\(schéma ${LATEST_VERSION + 6} > ${LATEST_VERSION}\\)`));
  });

  it('a truncated .trame', () => {
    const f = validFile();
    truncateSync(f, Math.floor(statSync(f).size / 2));
    expectRefused(f, /endommagé|illisible/);
  });

  it('a .trame whose pages are damaged', () => {
    const f = validFile();
    const buf = Buffer.from(require('node:fs').readFileSync(f));
    // Scribble over every page after the first two (b-tree pages of the tables).
    for (let i = 4096 * 2; i < buf.length; i += 97) buf[i] = (buf[i] + 77) & 0xff;
    writeFileSync(f, buf);
    expectRefused(f, /endommagé|illisible/);
  });

  it('a .trame with a table dropped by hand', () => {
    const f = validFile();
    const db = new Database(f);
    db.exec('DROP TABLE signatory');
    db.close();
    expectRefused(f, /structure modifiée hors de Trame/);
  });

  it('a .trame with an extra trigger', () => {
    const f = validFile();
    const db = new Database(f);
    db.exec("CREATE TRIGGER evil AFTER INSERT ON node BEGIN DELETE FROM node; END;");
    db.close();
    expectRefused(f, /structure modifiée hors de Trame/);
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
