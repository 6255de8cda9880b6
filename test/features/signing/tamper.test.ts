// Attacking Trame's verification as a hostile sender would: five files whose visible content was changed after
// two valid signatures (issue 16), plus the plain changes (a content stream, a page, appended bytes). Each one must
// fail `verifyPdf` naming the change for every earlier signature and be refused by `signPdf`; poppler's pdfsig
// still says each signature's bytes are intact (that is the point: only the analysis after signing catches them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAnnotation, signPdf } from '../../../core/features/signing/sign';
import { verifyPdf } from '../../../core/features/signing/verify';
import { appendUpdate, makeBoxedPdf, makeP12, pdfsig, readBytes } from './fixtures';

let dir: string;
let alice: string;
let bob: string;
let carol: string;
let signed: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'trame-tamper-'));
  alice = makeP12(dir, 'alice.p12', { cn: 'Préfète Élise Dupré' });
  bob = makeP12(dir, 'bob.p12', { cn: 'Bob L’Hôte' });
  carol = makeP12(dir, 'carol.p12', { cn: 'Carole Maire' });
  const pdf = await makeBoxedPdf(['Élise Dupré', 'Bob L’Hôte', 'Carole Maire']);
  const one = await signPdf(pdf, { p12: readBytes(alice), passphrase: 'secret', name: 'Élise Dupré', role: 'Préfète' });
  signed = (await signPdf(one.pdf, { p12: readBytes(bob), passphrase: 'secret', name: 'Bob L’Hôte', role: 'Président' })).pdf;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function contentsRef(pdf: Uint8Array, page = 0): Promise<{ num: number; doc: PDFDocument; fake: string }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const c0 = doc.getPage(page).node.get(PDFName.of('Contents'));
  const c = c0 instanceof PDFRef ? c0 : doc.context.lookup(c0, PDFArray).get(0);
  if (!(c instanceof PDFRef)) throw new Error('contenu de page attendu en référence');
  const fonts = doc.getPage(page).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
  const font = fonts.keys()[0].toString();
  return { num: c.objectNumber, doc, fake: `BT ${font} 30 Tf 50 400 Td (92 000 EUR) Tj ET` };
}

const stream = (s: string) => `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;

async function expectRejected(name: string, pdf: Uint8Array, change: RegExp): Promise<void> {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  // pdfsig: the signed bytes are intact, each signature still « valid ».
  expect(pdfsig(file).slice(0, 2).map((s) => s.valid)).toEqual([true, true]);
  const r = await verifyPdf(pdf);
  expect(r.ok).toBe(false);
  expect(r.complete).toBe(false);
  expect(r.signatures.slice(0, 2).map((s) => s.valid)).toEqual([true, true]);
  for (const s of r.signatures.slice(0, 2)) {
    expect(['modifie', 'indetermine']).toContain(s.after);
    expect(s.afterDetails.join(' ')).toMatch(change);
  }
  await expect(signPdf(pdf, { p12: readBytes(carol), passphrase: 'secret', name: 'Carole Maire' })).rejects.toThrow(/ne peut pas être signé/);
}

describe('hostile files made after two signatures', () => {
  it('the legitimate file: pdfsig valid for both, verify ok, 2 signatures sur 3 attendues, the first certifies', async () => {
    const file = path.join(dir, 'legitime.pdf');
    writeFileSync(file, signed);
    expect(pdfsig(file).map((s) => s.valid)).toEqual([true, true]);
    const r = await verifyPdf(signed);
    expect(r.ok).toBe(true);
    expect(r.expected).toBe(3);
    expect(r.complete).toBe(false);
    expect(r.summary).toContain('2 signatures sur 3 attendues');
    expect(r.summary).not.toContain('entièrement signé');
    expect(r.signatures[0].after).toBe('signatures');
    expect(r.signatures[0].afterDetails).toEqual(['Signature ajoutée ensuite, page 2.']);
    expect(r.signatures[0].docMdp).toBe(2);
    expect(Buffer.from(signed).toString('latin1')).toMatch(/\/TransformMethod \/DocMDP/);
    const three = await signPdf(signed, { p12: readBytes(carol), passphrase: 'secret', name: 'Carole Maire' });
    const full = await verifyPdf(three.pdf);
    expect(full.complete).toBe(true);
    expect(full.summary).toContain('3 signatures sur 3 attendues : document entièrement signé');
  });

  it('1. a FreeText annotation in a third revision', async () => {
    const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true, updateMetadata: false });
    const page = doc.getPage(0);
    const ref = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'FreeText', Rect: [50, 380, 300, 420], Contents: '92 000 €', DA: '/Helv 20 Tf 0 g' }));
    addAnnotation(doc, page.node, ref);
    await expectRejected('freetext', await doc.commit({ useObjectStreams: false }), /Page 1 : annotation ajoutée \(FreeText\)/);
  });

  it('2. an object redefined inside another object’s stream (the cross-reference points into it)', async () => {
    const { num, doc, fake } = await contentsRef(signed);
    const carrier = doc.context.largestObjectNumber + 1;
    const inner = `${num} 0 obj\n${stream(fake)}\nendobj`;
    const outer = `${carrier} 0 obj\n<< /Length ${inner.length + 2} >>\nstream\n@${inner}\n\nendstream\nendobj`;
    // « @ » marks where the cross-reference of object `num` points: inside the carrier's stream (the carrier itself
    // is in no cross-reference: only a parser reading objects one after another sees it).
    const pdf = Buffer.from(await appendUpdate(signed, { [num]: outer }));
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', '-', '-'], { input: pdf }).toString()).toContain('92 000');
    await expectRejected('dans-un-flux', pdf, /Page 1 : contenu modifié/);
  });

  it('3. a NUL byte before « N 0 obj »', async () => {
    const { num, fake } = await contentsRef(signed);
    const pdf = await appendUpdate(signed, { [num]: `@\0${num} 0 obj\n${stream(fake)}\nendobj` });
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', '-', '-'], { input: Buffer.from(pdf) }).toString()).toContain('92 000');
    await expectRejected('nul', pdf, /Page 1 : contenu modifié/);
  });

  it('4. an overlay drawn by a new widget', async () => {
    const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true, updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const ap = doc.context.register(doc.context.stream(`1 g 0 0 250 40 re f BT /F1 20 Tf 0 g 5 12 Td (92 000 EUR) Tj ET`, {
      Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 250, 40], Resources: { Font: { F1: font.ref } },
    }));
    const w = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Tx', T: 'x', Rect: [50, 380, 300, 420], F: 4, AP: { N: ap } }));
    addAnnotation(doc, doc.getPage(0).node, w);
    await expectRejected('widget', await doc.commit({ useObjectStreams: false }), /Page 1 : annotation ajoutée \(Widget, hors signature valide\)/);
  });

  it('4b. an overlay widget that claims an existing signature (same dictionary, or its /ByteRange copied)', async () => {
    for (const variant of ['meme-dictionnaire', 'plage-copiee'] as const) {
      const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true, updateMetadata: false });
      const fields = doc.catalog.getAcroForm()!.getAllFields();
      const sigRef = fields[fields.length - 1][0].dict.get(PDFName.of('V')) as PDFRef;
      let v: PDFRef = sigRef;
      if (variant === 'plage-copiee') {
        const copy = (doc.context.lookup(sigRef, PDFDict)).clone();
        copy.set(PDFName.of('Contents'), PDFHexString.of('00'.repeat(64)));
        v = doc.context.register(copy);
      }
      const font = await doc.embedFont(StandardFonts.Helvetica);
      const ap = doc.context.register(doc.context.stream('1 g 0 0 250 40 re f BT /F1 20 Tf 0 g 5 12 Td (92 000 EUR) Tj ET', {
        Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 250, 40], Resources: { Font: { F1: font.ref } },
      }));
      const w = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', T: 'x', V: v, Rect: [50, 380, 300, 420], F: 4, AP: { N: ap } }));
      addAnnotation(doc, doc.getPage(0).node, w);
      await expectRejected(`reutilise-${variant}`, await doc.commit({ useObjectStreams: false }), /Pages [12] et [12] : deux champs se réclament de la même signature|Page 1 : annotation ajoutée \(Widget, hors signature valide\)/);
    }
  });

  it('the font file of the first signature’s appearance swapped, five objects deep under unchanged ones', async () => {
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    const widget = doc.catalog.getAcroForm()!.getAllFields()[0][0]; // field and widget in one dictionary
    const ap = doc.context.lookup(widget.dict.lookup(PDFName.of('AP'), PDFDict).get(PDFName.of('N'))) as PDFRawStream;
    const font = ap.dict.lookup(PDFName.of('Resources'), PDFDict).lookup(PDFName.of('Font'), PDFDict).lookup(PDFName.of('R'), PDFDict);
    const cid = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const file = cid.lookup(PDFName.of('FontDescriptor'), PDFDict).get(PDFName.of('FontFile2'));
    if (!(file instanceof PDFRef)) throw new Error('fichier de police attendu en référence');
    const pdf = await appendUpdate(signed, { [file.objectNumber]: `${file.objectNumber} 0 obj\n${stream('pas une police')}\nendobj` });
    await expectRejected('police', pdf, /Page 2 : annotation modifiée \(Widget\)/);
  });

  it('5. 10 000 fake /ByteRange entries: a quick « cannot conclude »', async () => {
    const { doc } = await contentsRef(signed);
    const junk = Array.from({ length: 10_000 }, (_, i) => `/ByteRange [0 ${i + 10} ${i + 20} 5]`).join('\n');
    const pdf = await appendUpdate(signed, { [doc.context.largestObjectNumber + 1]: `${doc.context.largestObjectNumber + 1} 0 obj\n${stream(junk)}\nendobj` });
    expect(pdf.length).toBeGreaterThan(300_000);
    const t0 = Date.now();
    const r = await verifyPdf(pdf);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(r.ok).toBe(false);
    expect(r.summary).toMatch(/Analyse impossible/);
    await expect(signPdf(pdf, { p12: readBytes(carol), passphrase: 'secret', name: 'Carole Maire' })).rejects.toThrow(/ne peut pas être signé/);
  });

  it('plain changes: a content stream added to a page, a page added, appended bytes', async () => {
    const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true, updateMetadata: false });
    doc.getPage(1).drawText('92 000 €', { x: 50, y: 60, size: 10, font: await doc.embedFont(StandardFonts.Helvetica) });
    await expectRejected('contenu', await doc.commit({ useObjectStreams: false }), /Page 2 : (contenu|ressources) modifié/);
    const doc2 = await PDFDocument.load(signed, { forIncrementalUpdate: true, updateMetadata: false });
    doc2.addPage([595, 842]);
    await expectRejected('page', await doc2.commit({ useObjectStreams: false }), /Nombre de pages changé : 2 → 3/);
    const raw = Buffer.concat([Buffer.from(signed), Buffer.from('\n% ajout hors signature\n')]);
    await expectRejected('octets', raw, /octet\(s\) ajouté\(s\) après la fin du document/);
  });

  it('a later valid signature whose appearance draws outside the signatories’ boxes (over the text)', async () => {
    const over = await signPdf(signed, {
      p12: readBytes(carol), passphrase: 'secret', name: 'Intrus', acceptNameMismatch: true, box: { page: 0, rect: [50, 380, 300, 460] },
    });
    expect(over.visible).toBe(true);
    const file = path.join(dir, 'par-dessus.pdf');
    writeFileSync(file, over.pdf);
    expect(pdfsig(file).map((x) => x.valid)).toEqual([true, true, true]);
    const r = await verifyPdf(over.pdf);
    expect(r.ok).toBe(false);
    for (const x of r.signatures.slice(0, 2)) expect(x.afterDetails.join(' ')).toContain('Page 1 : une signature ajoutée ensuite dessine hors des cadres de signature');
  });

  it('cross-reference streams and object streams: read as a viewer does, legitimate or hostile', async () => {
    const doc0 = await PDFDocument.load(await makeBoxedPdf(['Élise Dupré', 'Bob L’Hôte']), { updateMetadata: false });
    const compact = await doc0.save({ useObjectStreams: true });
    expect(Buffer.from(compact).toString('latin1')).toContain('/ObjStm');
    const one = await signPdf(compact, { p12: readBytes(alice), passphrase: 'secret', name: 'Élise Dupré' });
    const two = await signPdf(one.pdf, { p12: readBytes(bob), passphrase: 'secret', name: 'Bob L’Hôte' });
    const file = path.join(dir, 'compact.pdf');
    writeFileSync(file, two.pdf);
    expect(pdfsig(file).map((x) => x.valid)).toEqual([true, true]);
    const r = await verifyPdf(two.pdf);
    expect(r.ok).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.summary).toContain('2 signatures sur 2 attendues : document entièrement signé');
    // The same FreeText attack, written with a cross-reference stream and an object stream.
    const doc = await PDFDocument.load(two.pdf, { forIncrementalUpdate: true, updateMetadata: false });
    addAnnotation(doc, doc.getPage(0).node, doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'FreeText', Rect: [50, 380, 300, 420], Contents: '92 000 €' })));
    const hostile = await doc.commit({ useObjectStreams: true });
    expect(Buffer.from(hostile.subarray(two.pdf.length)).toString('latin1')).toContain('/XRef');
    await expectRejected('compact-annote', hostile, /Page 1 : annotation ajoutée \(FreeText\)/);
  });

  it('a chain of 100 000 objects hung on the catalog: a quick « cannot conclude », no crash', async () => {
    const { doc } = await contentsRef(signed);
    const first = doc.context.largestObjectNumber + 1;
    const root = doc.context.trailerInfo.Root as PDFRef;
    const objects: Record<number, string> = {};
    const n = 100_000;
    for (let i = 0; i < n; i++) objects[first + i] = `${first + i} 0 obj\n<< /Next ${i + 1 < n ? `${first + i + 1} 0 R` : 'null'} >>\nendobj`;
    const catalog = doc.catalog.clone();
    catalog.set(PDFName.of('Outlines'), PDFRef.of(first));
    objects[root.objectNumber] = `${root.objectNumber} 0 obj\n${catalog.toString()}\nendobj`;
    const pdf = await appendUpdate(signed, objects);
    const t0 = Date.now();
    const r = await verifyPdf(pdf);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(r.ok).toBe(false);
    expect(r.signatures[0].after).toMatch(/indetermine|modifie/);
  });

  it('the analysis stops when cancelled', async () => {
    let calls = 0;
    await expect(verifyPdf(signed, { tick: () => { if (++calls > 3) throw new Error('annulé'); } })).rejects.toThrow('annulé');
  });
});
