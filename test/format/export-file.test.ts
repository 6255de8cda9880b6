// Issue 7, item 5: the job format.exportToFile never replaces an existing file unless its input says replace: true
// (the app sets it once the user chose to, in the native dialog or the export dialog's box).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frenchSentenceProblem } from '../helpers/french-message';
import { hashFile, listDir } from '../helpers/files';
import { harness } from '../helpers/handlers';
import { SAMPLE_CONTRAT } from '../helpers/store';

describe('format.exportToFile and an existing file', () => {
  it('is refused in French without replace, the file unchanged; replaced with replace: true', async () => {
    const h = harness();
    const doc = await h.must('contrat.create', { path: path.join(h.dir, 'c.trame'), contrat: SAMPLE_CONTRAT });
    const out = path.join(h.dir, 'settings-like.json');
    writeFileSync(out, '{"ne pas écraser": true}\n', { mode: 0o600 });
    const before = hashFile(out);
    const names = listDir(h.dir);
    for (const input of [{ docId: doc.docId, path: out }, { docId: doc.docId, path: out, replace: false }]) {
      const r = await h.job('format.exportToFile', input);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('fichier-existe');
      expect(r.error.message).toBe("Le fichier « settings-like.json » existe déjà : il n'a pas été remplacé. Choisissez un autre nom ou demandez à le remplacer.");
      expect(frenchSentenceProblem(r.error.message)).toBeNull();
    }
    expect(hashFile(out)).toBe(before);
    expect(listDir(h.dir)).toEqual(names);

    await h.mustJob('format.exportToFile', { docId: doc.docId, path: out, replace: true });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(await h.must('format.export', { docId: doc.docId }));
    expect(listDir(h.dir)).toEqual(names);
  });

  it('a new file is written without replace', async () => {
    const h = harness();
    const doc = await h.must('contrat.create', { path: path.join(h.dir, 'c.trame'), contrat: SAMPLE_CONTRAT });
    const out = path.join(h.dir, 'nouveau.json');
    expect(await h.mustJob('format.exportToFile', { docId: doc.docId, path: out })).toEqual({ path: out });
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('trame');
  });

  it('a name over 255 bytes is refused as too long', async () => {
    const h = harness();
    const doc = await h.must('contrat.create', { path: path.join(h.dir, 'c.trame'), contrat: SAMPLE_CONTRAT });
    const names = listDir(h.dir);
    const r = await h.job('format.exportToFile', { docId: doc.docId, path: path.join(h.dir, `${'n'.repeat(260)}.json`) });
    expect(r.ok || r.error.message).toMatch(/^Nom de fichier trop long : « n+… » compte 265 octets, au plus 255 sont possibles\./);
    const c = await h.call('contrat.create', { path: path.join(h.dir, `${'n'.repeat(250)}.trame`), contrat: SAMPLE_CONTRAT });
    expect(c.ok || c.error.message).toMatch(/^Nom de fichier trop long : .* au plus 247 sont possibles pour un contrat/);
    expect(listDir(h.dir)).toEqual(names);
  });
});
