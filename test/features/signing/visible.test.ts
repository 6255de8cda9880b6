// Visible signatures on the real protocole (the demo contrat frozen through the handlers): a PAdES signature is
// drawn in its signatory's box — the page's pixels change there and only there (pdftoppm) —, « Fait à …, le … »
// gets the signing date, a certificate held by someone else needs a confirmation, and importing a PDF changed
// after its signatures is refused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../helpers/handlers';
import { signatureBoxes } from '../../../core/features/signing/boxes';
import { budget, readRevision } from '../../../core/features/signing/pdf-reader';
import { addAnnotation } from '../../../core/features/signing/sign';
import { makeP12, pdfsig } from './fixtures';

let certs: string;
beforeAll(() => {
  certs = mkdtempSync(path.join(os.tmpdir(), 'trame-visible-'));
  makeP12(certs, 'test.p12', { cn: 'Préfète de Test' });
  makeP12(certs, 'agglo.p12', { cn: 'Jean-Marc Delattre' });
});
afterAll(() => rmSync(certs, { recursive: true, force: true }));

/** Page `page` (1-based) as grey pixels at 40 dpi. */
function pixels(file: string, page: number): { w: number; h: number; data: Buffer } {
  const out = path.join(certs, `px-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync('pdftoppm', ['-r', '40', '-gray', '-f', String(page), '-l', String(page), '-singlefile', file, out]);
  if (r.status !== 0) throw new Error(`pdftoppm : ${r.stderr}`);
  const pgm = readFileSync(`${out}.pgm`);
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  return { w: Number(m[1]), h: Number(m[2]), data: pgm.subarray(m[0].length) };
}

describe('visible PAdES signatures in the protocole', () => {
  it('draws in the box only, fills the date, asks before a certificate of someone else, refuses a tampered import', async () => {
    const h = harness();
    const { docId } = await h.must('contrat.createDemo', { path: path.join(h.dir, 'demo.trame') });
    const v1 = await h.mustJob('versions.freeze', { docId });
    const frozen = path.join(h.dir, 'fige.pdf');
    await h.must('versions.exportPdf', { docId, versionId: v1.id, path: frozen });
    const b = budget();
    const boxes = signatureBoxes(readRevision(readFileSync(frozen), readFileSync(frozen).length, b), b);
    expect(boxes.map((x) => x.name)).toEqual(v1.signatories.map((s) => s.name));
    expect(boxes.every((x) => x.dateRect)).toBe(true);

    // « Préfète de Test » for Claire Morvan: refused, naming both, until confirmed.
    const p12Path = path.join(certs, 'test.p12');
    const refused = await h.job('versions.signPades', { docId, versionId: v1.id, signatoryId: 's-prefecture', p12Path, passphrase: 'secret' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.message).toContain('« Préfète de Test », pas de « Claire Morvan »');
      expect(refused.error.details).toEqual(['nom-different', 'Claire Morvan', 'Préfète de Test']);
    }
    const one = await h.mustJob('versions.signPades', { docId, versionId: v1.id, signatoryId: 's-prefecture', p12Path, passphrase: 'secret', acceptNameMismatch: true });
    expect(one.statusLabel).toBe('Signé par 1 sur 6');
    const signed = path.join(h.dir, 'signe.pdf');
    await h.must('versions.exportPdf', { docId, versionId: v1.id, path: signed });

    // Pixels: only the signature page changes, and only inside Claire Morvan's box (and its date line).
    const pages = (await PDFDocument.load(readFileSync(frozen))).getPageCount();
    const box = boxes[0];
    for (let p = 1; p <= pages; p++) {
      const [a, c] = [pixels(frozen, p), pixels(signed, p)];
      let changed = 0;
      let outside = 0;
      for (let y = 0; y < a.h; y++) {
        for (let x = 0; x < a.w; x++) {
          if (a.data[y * a.w + x] === c.data[y * a.w + x]) continue;
          changed++;
          const [px, py] = [(x / a.w) * 595.28, (1 - y / a.h) * 841.89];
          const inBox = (r: number[]) => px >= r[0] - 2 && px <= r[2] + 2 && py >= r[1] - 2 && py <= r[3] + 2;
          if (!inBox(box.rect) && !inBox(box.dateRect!)) outside++;
        }
      }
      expect(outside).toBe(0);
      if (p === box.page + 1) expect(changed).toBeGreaterThan(50);
      else expect(changed).toBe(0);
    }
    const text = spawnSync('pdftotext', ['-f', String(box.page + 1), '-l', String(box.page + 1), signed, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/Signé électroniquement le \d{1,2}(er)? \S+ \d{4} à \d{1,2} h \d\d \(heure de Paris\)/);
    expect(text).toContain('Certificat de Préfète de Test');
    const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());
    expect(text).toContain(day.replace(/^1 /, '1er '));

    const two = await h.mustJob('versions.signPades', { docId, versionId: v1.id, signatoryId: 's-agglo', p12Path: path.join(certs, 'agglo.p12'), passphrase: 'secret' });
    expect(two.statusLabel).toBe('Signé par 2 sur 6');
    await h.must('versions.exportPdf', { docId, versionId: v1.id, path: path.join(h.dir, 'deux.pdf') });
    expect(pdfsig(path.join(h.dir, 'deux.pdf')).map((s) => s.valid)).toEqual([true, true]);
    const report = await h.must('versions.verify', { docId, versionId: v1.id });
    expect(report.ok).toBe(true);
    expect(report.summary).toContain('2 signatures sur 6 attendues');
    expect(report.summary).not.toContain('entièrement signé');

    // A FreeText annotation added outside Trame, then brought back: refused, nothing recorded.
    const doc = await PDFDocument.load(readFileSync(path.join(h.dir, 'deux.pdf')), { forIncrementalUpdate: true, updateMetadata: false });
    addAnnotation(doc, doc.getPage(0).node, doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'FreeText', Rect: [50, 380, 300, 420], Contents: '92 000 €' })));
    writeFileSync(path.join(h.dir, 'annote.pdf'), await doc.commit({ useObjectStreams: false }));
    const back = await h.call('versions.importSigned', { docId, versionId: v1.id, path: path.join(h.dir, 'annote.pdf') });
    expect(back.ok).toBe(false);
    if (!back.ok) {
      expect(back.error.message).toContain('modifié après une signature');
      expect(back.error.details?.join(' ')).toContain('Page 1 : annotation ajoutée (FreeText)');
    }
    expect((await h.must('versions.list', { docId })).versions[0].statusLabel).toBe('Signé par 2 sur 6');
  });
});
