// PAdES signing of any PDF and its verification, checked against poppler's pdfsig on real files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../core/features/signing/sign';
import { verifyPdf } from '../../../core/features/signing/verify';
import { makePdf, makeP12, pdfsig, readBytes, signWithPdfsig } from './fixtures';

let dir: string;
let alice: string;
let bob: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'trame-signing-'));
  alice = makeP12(dir, 'alice.p12', { cn: 'Préfète Élise Dupré' });
  bob = makeP12(dir, 'bob.p12', { cn: 'Président Bob L’Hôte', passphrase: 'autre phrase' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PAdES signatures in turn', () => {
  it('two signatures in turn: pdfsig and verify both say valid, the last one covers the whole document', async () => {
    const pdf = await makePdf(3);
    const one = await signPdf(pdf, { p12: readBytes(alice), passphrase: 'secret', name: 'Élise Dupré', role: 'Préfète' });
    const two = await signPdf(one.pdf, { p12: readBytes(bob), passphrase: 'autre phrase', name: 'Bob L’Hôte', role: 'Président de l’EPCI' });
    expect(Buffer.from(two.pdf.subarray(0, one.pdf.length)).equals(Buffer.from(one.pdf))).toBe(true);
    const file = path.join(dir, 'deux.pdf');
    writeFileSync(file, two.pdf);
    const poppler = pdfsig(file);
    expect(poppler).toHaveLength(2);
    expect(poppler.every((s) => s.valid)).toBe(true);
    expect(poppler[1].total).toBe(true);
    const r = await verifyPdf(two.pdf);
    expect(r.ok).toBe(true);
    expect(r.signatures.map((s) => s.valid)).toEqual([true, true]);
    expect(r.signatures[0].after).toBe('signatures');
    expect(r.signatures[1].coversWholeDocument).toBe(true);
    expect(r.signatures[1].verdict).toContain('couvre tout le document');
    expect(r.summary).toContain('n’est pas une version de Trame');
    expect(r.signatures[0].docMdp).toBe(2);
    expect(r.signatures[0].signer).toBe('Préfète Élise Dupré');
    expect(r.signatures[1].name).toBe('Bob L’Hôte');
    expect(r.signatures[1].reason).toBe('Signé par Bob L’Hôte, Président de l’EPCI');
    expect(r.signatures[0].certificate?.selfSigned).toBe(true);
    expect(r.signatures[0].notes.join(' ')).toContain('auto-signé');
  });

  it('a PDF signed first by pdfsig (an outside tool), then by Trame: both valid', async () => {
    const src = path.join(dir, 'source.pdf');
    writeFileSync(src, await makePdf(2));
    const first = path.join(dir, 'parapheur.pdf');
    signWithPdfsig(dir, bob, 'autre phrase', src, first);
    const out = await signPdf(readBytes(first), { p12: readBytes(alice), passphrase: 'secret', name: 'Élise Dupré', role: 'Préfète' });
    const file = path.join(dir, 'parapheur-trame.pdf');
    writeFileSync(file, out.pdf);
    const poppler = pdfsig(file);
    expect(poppler.map((s) => s.valid)).toEqual([true, true]);
    const r = await verifyPdf(out.pdf);
    expect(r.signatures.map((s) => [s.valid, s.after])).toEqual([[true, 'signatures'], [true, 'rien']]);
    expect(r.ok).toBe(true);
  });

  it('a form held in the catalog itself and annotations in an array of their own: kept, the signature added to both', async () => {
    const { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString } = await import('@cantoo/pdf-lib');
    const doc = await PDFDocument.load(await makePdf(1), { updateMetadata: false });
    const page = doc.getPage(0);
    const field = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Tx', T: PDFString.of('Commune'), Rect: [50, 50, 200, 70], F: 4, P: page.ref }));
    page.node.set(PDFName.of('Annots'), doc.context.register(doc.context.obj([field])));
    doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [field] }));
    const one = await signPdf(await doc.save({ useObjectStreams: false }), { p12: readBytes(alice), passphrase: 'secret', name: 'Élise Dupré' });
    const file = path.join(dir, 'formulaire.pdf');
    writeFileSync(file, one.pdf);
    expect(pdfsig(file).map((s) => s.valid)).toEqual([true]);
    expect(one.fieldName).toBe('Signature2');
    const back = await PDFDocument.load(one.pdf, { updateMetadata: false });
    const names = back.catalog.getAcroForm()!.getAllFields().map(([f]) => f.getPartialName());
    expect(names).toEqual(['Commune', 'Signature2']);
    const annots = back.getPage(0).node.get(PDFName.of('Annots'));
    expect(annots).toBeInstanceOf(PDFRef); // the array object was written anew, the page left as it was
    expect(back.context.lookup(annots, PDFArray).size()).toBe(2);
    expect(back.catalog.lookup(PDFName.of('Perms'), PDFDict).get(PDFName.of('DocMDP'))).toBeInstanceOf(PDFRef);
    const r = await verifyPdf(one.pdf);
    expect(r.ok).toBe(true);
    expect(r.signatures[0].docMdp).toBe(2);
  });

  it('one byte changed in the first revision breaks both signatures, for pdfsig and for verify', async () => {
    const one = await signPdf(await makePdf(2), { p12: readBytes(alice), passphrase: 'secret', name: 'Élise Dupré' });
    const two = Buffer.from((await signPdf(one.pdf, { p12: readBytes(bob), passphrase: 'autre phrase', name: 'Bob' })).pdf);
    const at = two.indexOf('595'); // the first page's MediaBox, in the first revision
    expect(at).toBeGreaterThan(0);
    two[at + 2] = '6'.charCodeAt(0);
    const file = path.join(dir, 'altere.pdf');
    writeFileSync(file, two);
    expect(pdfsig(file).map((s) => s.valid)).toEqual([false, false]);
    expect(pdfsig(file)[0].text).toContain('Digest Mismatch');
    const r = await verifyPdf(two);
    expect(r.ok).toBe(false);
    expect(r.signatures.map((s) => s.valid)).toEqual([false, false]);
    expect(r.signatures[0].digestOk).toBe(false);
    expect(r.summary).toContain('2 signature(s) sur 2 invalide(s)');
  });

  it('one byte changed in the last revision breaks only the last signature', async () => {
    const one = await signPdf(await makePdf(1), { p12: readBytes(alice), passphrase: 'secret', name: 'Élise Dupré' });
    const two = Buffer.from((await signPdf(one.pdf, { p12: readBytes(bob), passphrase: 'autre phrase', name: 'Bob' })).pdf);
    const at = two.indexOf('/SigFlags', one.pdf.length);
    two[at + 1] = 'Z'.charCodeAt(0);
    const file = path.join(dir, 'altere-fin.pdf');
    writeFileSync(file, two);
    expect(pdfsig(file).map((s) => s.valid)).toEqual([true, false]);
    const r = await verifyPdf(two);
    expect(r.signatures.map((s) => s.valid)).toEqual([true, false]);
    expect(r.ok).toBe(false);
  });

  it('content appended after a signature is reported: signatures intact, document no longer wholly signed', async () => {
    const one = await signPdf(await makePdf(2), { p12: readBytes(alice), passphrase: 'secret', name: 'Élise Dupré' });
    // A real content change as an incremental update: a new line drawn on page 1.
    const { PDFDocument, StandardFonts } = await import('@cantoo/pdf-lib');
    const doc = await PDFDocument.load(one.pdf, { forIncrementalUpdate: true });
    doc.getPage(0).drawText('Engagement ajouté après la signature', { x: 50, y: 60, size: 10, font: await doc.embedFont(StandardFonts.Helvetica) });
    const changed = await doc.commit({ useObjectStreams: false });
    const file = path.join(dir, 'ajoute.pdf');
    writeFileSync(file, changed);
    const poppler = pdfsig(file);
    expect(poppler[0].valid).toBe(true);
    expect(poppler[0].total).toBe(false);
    const r = await verifyPdf(changed);
    expect(r.signatures[0].valid).toBe(true);
    expect(r.signatures[0].after).toBe('modifie');
    expect(r.signatures[0].afterDetails.join(' ')).toMatch(/Page 1 modifiée|modifié/);
    expect(r.ok).toBe(false);
    expect(r.summary).toContain('modifié après une signature');
    // Raw bytes appended (not even a PDF update) are reported too.
    const raw = Buffer.concat([Buffer.from(one.pdf), Buffer.from('\n% ajout hors signature\n')]);
    const r2 = await verifyPdf(raw);
    expect(r2.signatures[0].valid).toBe(true);
    expect(r2.signatures[0].after).toBe('modifie');
    expect(r2.ok).toBe(false);
  });
});

describe('bad inputs: a French message, nothing produced', () => {
  it('refuses a wrong passphrase, a corrupted .p12, an expired or encryption-only certificate, a non-PDF, a second signature by the same certificate', async () => {
    const pdf = await makePdf(1);
    const expired = makeP12(dir, 'expire.p12', { cn: 'Ancien Maire', expired: true });
    const encOnly = makeP12(dir, 'chiffrement.p12', { cn: 'Chiffrement Seul', keyUsage: 'keyEncipherment' });
    const p12 = readBytes(alice);
    await expect(signPdf(pdf, { p12, passphrase: 'mauvaise', name: 'X' })).rejects.toThrow(/Phrase de passe incorrecte/);
    const corrupted = Buffer.from(p12);
    corrupted.fill(0x41, 20, 200);
    await expect(signPdf(pdf, { p12: corrupted, passphrase: 'secret', name: 'X' })).rejects.toThrow(/n’est pas un certificat .p12 ou .pfx lisible|Phrase de passe incorrecte/);
    await expect(signPdf(pdf, { p12: Buffer.from('pas un certificat'), passphrase: 'secret', name: 'X' })).rejects.toThrow(/n’est pas un certificat .p12 ou .pfx lisible/);
    await expect(signPdf(pdf, { p12: new Uint8Array(0), passphrase: 'secret', name: 'X' })).rejects.toThrow(/vide/);
    await expect(signPdf(pdf, { p12: readBytes(expired), passphrase: 'secret', name: 'X' })).rejects.toThrow(/a expiré le 1 janvier 2021/);
    await expect(signPdf(pdf, { p12: readBytes(encOnly), passphrase: 'secret', name: 'X' })).rejects.toThrow(/n’est pas un certificat de signature/);
    await expect(signPdf(Buffer.from('Bonjour, ceci est un texte.'), { p12, passphrase: 'secret', name: 'X' })).rejects.toThrow(/n’est pas un PDF/);
    await expect(verifyPdf(Buffer.from('Bonjour'))).rejects.toThrow(/n’est pas un PDF/);
    await expect(signPdf(pdf, { p12, passphrase: 'secret', name: '  ' })).rejects.toThrow(/nom du signataire/);
    const once = await signPdf(pdf, { p12, passphrase: 'secret', name: 'Élise Dupré' });
    await expect(signPdf(once.pdf, { p12, passphrase: 'secret', name: 'Élise Dupré' })).rejects.toThrow(/a déjà signé ce document/);
    const unsigned = await verifyPdf(pdf);
    expect(unsigned.signatures).toHaveLength(0);
    expect(unsigned.ok).toBe(false);
    expect(unsigned.summary).toContain('aucune signature');
  });
});
