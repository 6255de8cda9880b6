// Every hostile file of the corpus is refused with a French message and left byte-for-byte unchanged.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrameJsonText } from '../../core/format/schema';
import { hashFile, listDir } from '../helpers/files';
import { harness } from '../helpers/handlers';
import { tmpDir } from '../helpers/tmp';
import { JSON_CASES } from './json-cases';
import { TRAME_CASES } from './trame-cases';

describe('hostile .trame files', () => {
  for (const c of TRAME_CASES.filter((x) => x.fullCheckOnly)) {
    it(`reports once shown, refuses to read: ${c.name}`, async () => {
      const h = harness();
      const file = c.make(tmpDir());
      const before = hashFile(file);
      const read = await h.raw('doc.inspect', { path: file });
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error.message).toMatch(c.expect);
      expect(hashFile(file)).toBe(before);
      // Opened for editing (quick_check passes), then the full check finds it, in French, for the banner.
      const doc = await h.must('doc.open', { path: file });
      const check = await h.mustJob('doc.fullCheck', { docId: doc.docId });
      expect(check.problem).toMatch(c.expect);
      expect(check.details.length).toBeGreaterThan(0);
      await h.must('doc.close', { docId: doc.docId });
    });
  }
  for (const c of TRAME_CASES.filter((x) => x.contentAfterShown)) {
    it(`refuses once shown, every write refused, the file unchanged: ${c.name}`, async () => {
      const h = harness();
      const dir = tmpDir();
      const file = c.make(dir);
      const before = hashFile(file);
      const names = listDir(dir);
      for (let round = 0; round < 2; round++) {
        // The open runs the quick check; the content checks follow the first screen (or the first write).
        const r = await h.raw('doc.open', { path: file });
        let message = '';
        if (r.ok) {
          const { docId } = r.value as { docId: string };
          const check = await h.mustJob('doc.fullCheck', { docId });
          expect(check.problem).toMatch(c.expect);
          expect(check.details.join('\n')).toMatch(c.details!);
          const write = await h.raw('tree.add', { docId, parentId: null, title: 'Emploi' });
          expect(write.ok).toBe(false);
          if (!write.ok) {
            expect(write.error.message).toBe(check.problem);
            expect(write.error.code).toBe('fichier-invalide');
          }
          message = check.problem!;
          await h.must('doc.close', { docId });
        } else {
          // What the first screen reads already fails: the content checks' refusal is given at the open.
          expect([r.error.message, ...(r.error.details ?? [])].join('\n')).toMatch(c.details!);
          message = r.error.message;
        }
        expect(message).toMatch(c.expect);
        expect(hashFile(file)).toBe(before);
        expect(listDir(dir)).toEqual(names);
      }
      const read = await h.raw('doc.inspect', { path: file });
      expect(read.ok).toBe(false);
      if (!read.ok) expect([read.error.message, ...(read.error.details ?? [])].join('\n')).toMatch(c.details!);
    });
  }
  for (const c of TRAME_CASES.filter((x) => !x.fullCheckOnly && !x.contentAfterShown)) {
    it(`refuses: ${c.name}`, async () => {
      const h = harness();
      const dir = tmpDir();
      const file = c.make(dir);
      const isDir = statSync(file).isDirectory();
      const before = isDir ? '' : hashFile(file);
      const names = listDir(dir);
      const r = await h.raw('doc.open', { path: file });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(c.expect);
        expect(r.error.code).not.toBe('interne');
        if (c.details) expect((r.error.details ?? []).join('\n')).toMatch(c.details);
      }
      if (!isDir) expect(hashFile(file)).toBe(before);
      expect(listDir(dir)).toEqual(names);
      if (c.details) {
        // Read only (CLI `show` and `export`): the same refusal, before any export could loop or overflow the stack.
        const read = await h.raw('doc.inspect', { path: file });
        expect(read.ok).toBe(false);
        if (!read.ok) expect([read.error.message, ...(read.error.details ?? [])].join('\n')).toMatch(c.details);
      }
      // Refused files are released: opening again gives the same refusal, never « déjà ouvert ».
      const again = await h.raw('doc.open', { path: file });
      expect(again.ok).toBe(false);
      if (!again.ok && !r.ok) {
        expect(again.error.code).toBe(r.error.code);
        expect(again.error.message).toBe(r.error.message);
      }
      if (!isDir) expect(hashFile(file)).toBe(before);
    });
  }
});

describe('hostile interchange documents', () => {
  for (const c of JSON_CASES) {
    it(`refuses: ${c.name}`, async () => {
      const h = harness();
      const dir = tmpDir();
      const src = path.join(dir, 'entree.json');
      writeFileSync(src, c.text());
      const before = hashFile(src);
      const target = path.join(dir, 'sortie.trame');
      let message = '';
      try {
        const doc = parseTrameJsonText(require('node:fs').readFileSync(src, 'utf8'));
        const r = await h.job('format.import', { path: target, document: doc });
        if (!r.ok) message = [r.error.message, ...(r.error.details ?? [])].join('\n');
      } catch (err) {
        message = (err as Error).message + '\n' + ((err as { details?: string[] }).details ?? []).join('\n');
      }
      expect(message).toMatch(c.expect);
      expect(existsSync(target)).toBe(false);
      expect(hashFile(src)).toBe(before);
      expect(listDir(dir)).toEqual(['entree.json']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
