// Adding one PAdES-style signature to any PDF as an incremental update: the bytes of the PDF as it was are kept
// unchanged at the start of the result, so every earlier signature stays valid. @cantoo/pdf-lib appends the
// signature field and its /Contents placeholder (classic xref, no object streams: the placeholder must stay
// readable in the bytes), then @signpdf/signpdf computes the ByteRange and fills in the CMS made by a new
// CadesSigner (ETSI.CAdES.detached, see cades-signer.ts) for each signature. The first signature certifies the
// document (DocMDP P = 2); each one is drawn in its signatory's box (appearance.ts) when the PDF names it (boxes.ts);
// a PDF whose earlier signatures are broken, or changed after one, is refused (verify.ts).
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFPageLeaf, PDFRef, PDFString } from '@cantoo/pdf-lib';
import signpdf from '@signpdf/signpdf';
import { TrameError } from '../../api/result';
import { CadesSigner } from './cades-signer';
import { openP12 } from './certificate';
import { signatureAppearance } from './appearance';
import { sameHolder, signatureBoxes, type SignatureBox } from './boxes';
import { findSignatures, isPdf } from './pdf-signatures';
import { budget, readRevision, Unreadable } from './pdf-reader';
import { verifyPdf } from './verify';

/** Bytes reserved for the CMS value: a certificate chain of a few certificates fits. */
export const SIGNATURE_BYTES = 16_384;
const BYTE_RANGE_PLACEHOLDER = '**********';

export interface SignOptions {
  p12: Uint8Array;
  passphrase: string;
  /** Who signs (printed in the signature's /Name and its appearance). */
  name: string;
  /** Their role (« Préfet de … »), in /Reason with the name. */
  role?: string;
  location?: string;
  /** 1-based place of the signatory in the PDF's signature boxes (the app knows it); else found by name. */
  signatoryIndex?: number;
  /** The certificate's holder is not the signatory, and the user confirmed it. */
  acceptNameMismatch?: boolean;
  /** The signatory's box when the PDF does not name it (a version frozen before the boxes were named). */
  box?: { page: number; rect: [number, number, number, number] };
  /** 0-based page that carries the field when the PDF has no box for this signatory; default the last page. */
  page?: number;
  signingTime?: Date;
  /** Called often while earlier signatures are analysed; throws to stop (a cancelled job). */
  tick?: () => void;
}

export interface SignResult {
  pdf: Uint8Array;
  fieldName: string;
  certificate: { subject: string; issuer: string; notAfter: string; holder: string };
  /** The signature is drawn in its signatory's box (false: no box for this signatory in the PDF). */
  visible: boolean;
  /** The first signature certifies the document (DocMDP, P = 2). */
  certified: boolean;
}

/** Marks the refusal of a certificate held by someone else than the signatory (details: marker, signatory, holder). */
export const NAME_MISMATCH = 'nom-different';

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

function commonName(subject: string): string {
  return /(?:^|, )CN=([^,]*)/.exec(subject)?.[1]?.trim() || subject;
}

/** The signatory's box in the PDF, if it has one (a Trame version). */
function boxFor(pdf: Buffer, name: string, index: number | undefined, tick?: () => void): SignatureBox | null {
  try {
    const b = budget(tick, 10_000);
    const boxes = signatureBoxes(readRevision(pdf, pdf.length, b), b);
    return boxes.find((x) => x.index === index) ?? boxes.find((x) => sameHolder(name, x.name)) ?? null;
  } catch (err) {
    if (err instanceof Unreadable) return null;
    throw err;
  }
}

export async function signPdf(input: Uint8Array, o: SignOptions): Promise<SignResult> {
  const original = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isPdf(original)) throw new TrameError('entree-invalide', 'Ce fichier n’est pas un PDF : seul un PDF peut être signé.');
  const name = o.name.trim();
  if (!name) throw new TrameError('entree-invalide', 'Indiquez le nom du signataire.');
  const when = o.signingTime ?? new Date();
  const cert = openP12(o.p12, o.passphrase, when);
  const holder = commonName(cert.subject);
  if (!sameHolder(name, holder) && !o.acceptNameMismatch) {
    throw new TrameError(
      'entree-invalide',
      `Ce certificat est au nom de « ${holder} », pas de « ${name} » : la signature serait celle de ${holder}. Confirmez seulement si ${holder} signe bien pour ${name}.`,
      [NAME_MISMATCH, name, holder],
    );
  }
  // Earlier signatures: every one must hold, nothing may have changed after any of them, and this certificate
  // must not have signed already.
  const earlier = findSignatures(original);
  if (earlier.length) {
    const report = await verifyPdf(original, { tick: o.tick });
    if (!report.ok) {
      const why = report.signatures.flatMap((s) => (s.valid ? s.afterDetails : [s.verdict])).slice(0, 6);
      throw new TrameError('entree-invalide', `Ce PDF ne peut pas être signé : ${report.summary} Signer maintenant couvrirait un document différent de celui que les premiers signataires ont signé.`, why);
    }
    for (const s of report.signatures) {
      if (s.certificate && sameSerial(s.certificate.serial, cert.serial) && s.certificate.subject === cert.subject) {
        throw new TrameError('entree-invalide', `Ce certificat (${s.certificate.commonName ?? name}) a déjà signé ce document : chaque signataire ne signe qu’une fois.`);
      }
    }
  }
  const box: SignatureBox | null = boxFor(original, name, o.signatoryIndex, o.tick)
    ?? (o.box ? { index: o.signatoryIndex ?? 0, name, page: o.box.page, rect: o.box.rect, dateRect: null } : null);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(original, { forIncrementalUpdate: true, updateMetadata: false, ignoreEncryption: false });
  } catch {
    throw new TrameError('entree-invalide', 'Ce PDF est abîmé ou chiffré : Trame ne peut pas le relire pour le signer.');
  }
  const pages = doc.getPages();
  if (!pages.length) throw new TrameError('entree-invalide', 'Ce PDF n’a aucune page : il ne peut pas être signé.');
  const page = pages[box && box.page < pages.length ? box.page : Math.min(Math.max(o.page ?? pages.length - 1, 0), pages.length - 1)];
  const ctx = doc.context;
  const existing = new Set(
    (doc.catalog.getAcroForm()?.getAllFields() ?? []).map(([f]) => f.getPartialName() ?? ''),
  );
  let n = existing.size + 1;
  while (existing.has(`Signature${n}`)) n++;
  const fieldName = `Signature${n}`;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(BYTE_RANGE_PLACEHOLDER));
  const certified = earlier.length === 0;
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
    // The first signature certifies the document: afterwards only form filling and signatures (DocMDP, P = 2).
    ...(certified ? { Reference: [{ Type: 'SigRef', TransformMethod: 'DocMDP', TransformParams: { Type: 'TransformParams', P: 2, V: '1.2' } }] } : {}),
  });
  const sigRef = ctx.register(sig);
  const look = box ? await signatureAppearance(doc, box, { name, role: o.role, holder, when }) : null;
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: look ? look.rect.map((x) => Number(x.toFixed(2))) : [0, 0, 0, 0],
    V: sigRef,
    T: PDFHexString.fromText(fieldName),
    F: 132, // print + locked
    P: page.ref,
    ...(look ? { AP: { N: look.ap }, TU: PDFHexString.fromText(`Signature électronique de ${name}`) } : {}),
  });
  const widgetRef = ctx.register(widget);
  addAnnotation(doc, page.node, widgetRef);
  const form = doc.catalog.getOrCreateAcroForm();
  form.addField(widgetRef);
  form.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  if (certified) doc.catalog.set(PDFName.of('Perms'), ctx.obj({ DocMDP: sigRef }));
  const withPlaceholder = Buffer.from(await doc.commit({ useObjectStreams: false }));
  if (!withPlaceholder.subarray(0, original.length).equals(original)) {
    throw new TrameError('interne', 'La mise à jour incrémentale a changé des octets du PDF : signature refusée pour ne pas casser les signatures existantes.');
  }
  let signed: Buffer;
  try {
    signed = await signpdf.sign(withPlaceholder, new CadesSigner(cert), when);
  } catch (err) {
    const msg = String((err as Error)?.message ?? '');
    if (/exceeds placeholder/i.test(msg)) throw new TrameError('entree-invalide', 'La signature ne tient pas dans la place réservée (chaîne de certificats trop longue).');
    throw new TrameError('entree-invalide', 'La signature n’a pas pu être calculée avec ce certificat.', [msg.slice(0, 200)]);
  }
  return {
    pdf: new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength),
    fieldName,
    certificate: { subject: cert.subject, issuer: cert.issuer, notAfter: cert.notAfter.toISOString(), holder },
    visible: look !== null,
    certified,
  };
}
