// Adding one PAdES-style signature to any PDF as an incremental update: the bytes of the PDF as it was are kept
// unchanged at the start of the result, so every earlier signature stays valid. @cantoo/pdf-lib appends the
// signature field and its /Contents placeholder (classic xref, no object streams: the placeholder must stay
// readable in the bytes), then @signpdf/signpdf computes the ByteRange and fills in the CMS made by a new
// CadesSigner (ETSI.CAdES.detached, see cades-signer.ts) for each signature.
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFPageLeaf, PDFRef, PDFString } from '@cantoo/pdf-lib';
import signpdf from '@signpdf/signpdf';
import { TrameError } from '../../api/result';
import { CadesSigner } from './cades-signer';
import { openP12 } from './certificate';
import { checkCms } from './cms';
import { findSignatures, isPdf } from './pdf-signatures';

/** Bytes reserved for the CMS value: a certificate chain of a few certificates fits. */
export const SIGNATURE_BYTES = 16_384;
const BYTE_RANGE_PLACEHOLDER = '**********';

export interface SignOptions {
  p12: Uint8Array;
  passphrase: string;
  /** Who signs (printed in the signature's /Name). */
  name: string;
  /** Their role (« Préfet de … »), in /Reason with the name. */
  role?: string;
  location?: string;
  /** 0-based page that carries the (invisible) signature field; default the last page. */
  page?: number;
  signingTime?: Date;
}

export interface SignResult {
  pdf: Uint8Array;
  fieldName: string;
  certificate: { subject: string; issuer: string; notAfter: string };
}

/**
 * Adds `ref` to the page's annotations without pdf-lib's page normalisation (addAnnot would also wrap the page's
 * content in new streams and rewrite its resources: a content change that a verifier rightly reports).
 */
export function addAnnotation(doc: PDFDocument, node: PDFPageLeaf, ref: PDFRef): void {
  const annots = node.get(PDFName.of('Annots'));
  const array = annots ? doc.context.lookup(annots) : undefined;
  if (array instanceof PDFArray) array.push(ref);
  else node.set(PDFName.of('Annots'), doc.context.obj([ref]));
}

function sameSerial(a: string, b: string): boolean {
  const norm = (x: string) => x.toLowerCase().replace(/^0+/, '');
  return norm(a) === norm(b);
}

function tooManyBytesMessage(): string {
  return 'La signature ne tient pas dans la place réservée (chaîne de certificats trop longue).';
}

export async function signPdf(input: Uint8Array, o: SignOptions): Promise<SignResult> {
  const original = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isPdf(original)) throw new TrameError('entree-invalide', 'Ce fichier n’est pas un PDF : seul un PDF peut être signé.');
  const name = o.name.trim();
  if (!name) throw new TrameError('entree-invalide', 'Indiquez le nom du signataire.');
  const cert = openP12(o.p12, o.passphrase, o.signingTime ?? new Date());
  // Earlier signatures: every one must still hold, and this certificate must not have signed already.
  for (const s of findSignatures(original)) {
    const [, b, c, d] = s.byteRange;
    if (s.malformed) throw new TrameError('entree-invalide', `Une signature déjà présente dans ce PDF est mal formée (${s.malformed}) : il ne peut pas être signé de nouveau.`);
    const check = checkCms(s.contents, [original.subarray(0, b), original.subarray(c, c + d)]);
    if (!check.digestOk || !check.signatureOk) {
      throw new TrameError('entree-invalide', 'Une signature déjà présente dans ce PDF n’est plus valide (le document a été altéré) : il ne peut pas être signé de nouveau.');
    }
    if (check.certificate && sameSerial(check.certificate.serial, cert.serial) && check.certificate.subject.includes(cert.subject.split(', ')[0] ?? '')) {
      throw new TrameError('entree-invalide', `Ce certificat (${check.certificate.commonName ?? name}) a déjà signé ce document : chaque signataire ne signe qu’une fois.`);
    }
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(original, { forIncrementalUpdate: true, updateMetadata: false, ignoreEncryption: false });
  } catch {
    throw new TrameError('entree-invalide', 'Ce PDF est abîmé ou chiffré : Trame ne peut pas le relire pour le signer.');
  }
  const pages = doc.getPages();
  if (!pages.length) throw new TrameError('entree-invalide', 'Ce PDF n’a aucune page : il ne peut pas être signé.');
  const page = pages[Math.min(Math.max(o.page ?? pages.length - 1, 0), pages.length - 1)];
  const ctx = doc.context;
  const existing = new Set(
    (doc.catalog.getAcroForm()?.getAllFields() ?? []).map(([f]) => f.getPartialName() ?? ''),
  );
  let n = existing.size + 1;
  while (existing.has(`Signature${n}`)) n++;
  const fieldName = `Signature${n}`;
  const when = o.signingTime ?? new Date();
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  // Name, Reason and Location as hex strings: any accent or apostrophe survives, whatever the reader.
  const sig = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(SIGNATURE_BYTES * 2)),
    Name: PDFHexString.fromText(name),
    Reason: PDFHexString.fromText(o.role?.trim() ? `Signé par ${name}, ${o.role.trim()}` : `Signé par ${name}`),
    ...(o.location?.trim() ? { Location: PDFHexString.fromText(o.location.trim()) } : {}),
    M: PDFString.fromDate(when),
  });
  const sigRef = ctx.register(sig);
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: sigRef,
    T: PDFHexString.fromText(fieldName),
    F: 132, // print + locked
    P: page.ref,
  });
  const widgetRef = ctx.register(widget);
  addAnnotation(doc, page.node, widgetRef);
  const form = doc.catalog.getOrCreateAcroForm();
  form.addField(widgetRef);
  form.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  const withPlaceholder = Buffer.from(await doc.commit({ useObjectStreams: false }));
  if (!withPlaceholder.subarray(0, original.length).equals(original)) {
    throw new TrameError('interne', 'La mise à jour incrémentale a changé des octets du PDF : signature refusée pour ne pas casser les signatures existantes.');
  }
  let signed: Buffer;
  try {
    signed = await signpdf.sign(withPlaceholder, new CadesSigner(cert), when);
  } catch (err) {
    const msg = String((err as Error)?.message ?? '');
    if (/exceeds placeholder/i.test(msg)) throw new TrameError('entree-invalide', tooManyBytesMessage());
    throw new TrameError('entree-invalide', 'La signature n’a pas pu être calculée avec ce certificat.', [msg.slice(0, 200)]);
  }
  return {
    pdf: new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength),
    fieldName,
    certificate: { subject: cert.subject, issuer: cert.issuer, notAfter: cert.notAfter.toISOString() },
  };
}
