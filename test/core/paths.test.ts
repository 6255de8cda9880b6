// Issue 7, item 1: a path with a NUL or another control character is refused at the contract's door, in French,
// for every channel and job that takes a path; nothing on disk changes (not even the SQLite file the NUL would
// have led SQLite to: « .coverage » for « coverage\0.trame »).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frenchSentenceProblem } from '../helpers/french-message';
import { hashFile, listDir } from '../helpers/files';
import { harness } from '../helpers/handlers';
import { SAMPLE_CONTRAT } from '../helpers/store';

function neighbour(dir: string): string {
  const file = path.join(dir, '.coverage');
  const db = new Database(file);
  db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
  db.close();
  return file;
}

const CONTROLS = ['\u0000', '\u0001', '\n', '\u001b', '\u001f', '\u007f'];

describe('paths with control characters', () => {
  it('are refused in French by every channel and job that takes a path; no file is created or changed', async () => {
    const h = harness();
    const coverage = neighbour(h.dir);
    const doc = await h.must('contrat.create', { path: path.join(h.dir, 'vrai.trame'), contrat: SAMPLE_CONTRAT });
    const trame = path.join(h.dir, 'vrai.trame');
    const before = { coverage: hashFile(coverage), trame: hashFile(trame) };
    const names = listDir(h.dir);
    for (const c of CONTROLS) {
      const bad = path.join(h.dir, `coverage${c}.trame`);
      const badJson = path.join(h.dir, `coverage${c}.json`);
      const answers = [
        await h.call('contrat.create', { path: bad, contrat: SAMPLE_CONTRAT }),
        await h.call('contrat.createDemo', { path: bad }),
        await h.call('doc.saveAs', { docId: doc.docId, path: bad }),
        await h.call('doc.open', { path: bad }),
        await h.call('doc.inspect', { path: bad }),
        await h.job('format.import', { path: bad, document: { format: 'trame', version: 1 } }),
        await h.job('format.exportToFile', { docId: doc.docId, path: badJson }),
      ];
      for (const r of answers) {
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        expect(r.error.code).toBe('entree-invalide');
        expect(r.error.message).toMatch(/caractère de contrôle \(U\+00[0-7][0-9A-F]\)/);
        expect(frenchSentenceProblem(r.error.message)).toBeNull();
      }
    }
    expect(hashFile(coverage)).toBe(before.coverage);
    expect(hashFile(trame)).toBe(before.trame);
    expect(listDir(h.dir)).toEqual(names);
    expect(existsSync(path.join(h.dir, 'coverage'))).toBe(false);
  });

  it('a lone surrogate in a path is refused too', async () => {
    const h = harness();
    const r = await h.call('contrat.create', { path: path.join(h.dir, 'a\ud800.trame'), contrat: SAMPLE_CONTRAT });
    expect(r.ok).toBe(false);
    expect(r.ok || r.error.message).toMatch(/mal formé/);
    expect(listDir(h.dir).filter((n) => n.endsWith('.trame'))).toEqual([]);
  });
});
