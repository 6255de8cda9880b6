// Adding one PAdES-style signature to any PDF as an incremental update: the bytes of the PDF as it was are kept
// unchanged at the start of the result, so every earlier signature stays valid. The PDF is read as a viewer reads
// it (pdf-reader.ts: the catalog, the page, the form, nothing else); the few new objects — signature dictionary with
// its /Contents placeholder, widget, appearance and its font subsets — are made by @cantoo/pdf-lib in an empty
// document numbered after the PDF's last object, and appended with the page's annotations, the form and the catalog
// written anew and a cross-reference section of their own (incremental.ts); then @signpdf/signpdf computes the
// ByteRange and fills in the CMS made by a new CadesSigner (ETSI.CAdES.detached, see cades-signer.ts). The first
// signature certifies the document (DocMDP P = 2); each one is drawn in its signatory's box (appearance.ts) when
// the PDF names it (boxes.ts); a PDF whose earlier signatures are broken, or changed after one, is refused (verify.ts).
import type { PDFDocument, PDFPageLeaf, PDFRef } from '@cantoo/pdf-lib';
import signpdf from '@signpdf/signpdf';
import { TrameError } from '../../api/result';
import { CadesSigner } from './cades-signer';
import { pdfLib } from './libs';
import { openP12 } from './certificate';
import { signatureAppearance } from './appearance';
import { sameHolder, signatureBoxes, type SignatureBox } from './boxes';
import { findSignatures, isPdf } from './pdf-signatures';
import { appendUpdate, pdfText, type UpdateObject } from './incremental';
import { budget, PDict, PRef, readRevision, textOf, Unreadable, type Budget, type PValue, type Revision } from './pdf-reader';
import { pagesOf } from './revisions';
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
  const { PDFArray, PDFName } = pdfLib();
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

const DAMAGED = 'Ce PDF est abîmé ou chiffré : Trame ne peut pas le relire pour le signer.';

/**
 * What signing needs of the PDF, read as a viewer reads it (its cross-reference, only the objects needed): the
 * catalog, the pages, the signatories' boxes (a Trame version names them) and the next free object number.
 */
function readForSigning(pdf: Buffer, tick?: () => void) {
  const b = budget(tick, 10_000);
  try {
    const rev = readRevision(pdf, pdf.length, b);
    const rootRef = rev.trailer.get('Root');
    const catalog = rev.resolve(rootRef);
    const size = rev.trailer.get('Size');
    if (rev.trailer.get('Encrypt') !== undefined || !(rootRef instanceof PRef) || !(catalog instanceof PDict)) throw new Unreadable(DAMAGED);
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 10_000_000) throw new Unreadable(DAMAGED);
    const pages = pagesOf(rev, b);
    if (!pages.length) throw new TrameError('entree-invalide', 'Ce PDF n’a aucune page : il ne peut pas être signé.');
    let boxes: SignatureBox[] = [];
    try {
      boxes = signatureBoxes(rev, b);
    } catch (err) {
      if (!(err instanceof Unreadable)) throw err;
    }
    return { rev, rootRef, catalog, size, pages, boxes, budget: b };
  } catch (err) {
    if (err instanceof Unreadable) throw new TrameError('entree-invalide', DAMAGED);
    throw err;
  }
}

/** The partial names (/T) of every field of the form, to name the new one. */
function fieldNames(rev: Revision, form: PValue | undefined, b: Budget): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  const walk = (v: PValue | undefined, depth: number) => {
    if (v instanceof PRef) {
      if (seen.has(v.num)) return;
      seen.add(v.num);
    }
    b.tick();
    const d = rev.resolve(v);
    if (!(d instanceof PDict) || depth > 32 || seen.size > 20_000) return;
    const t = textOf(rev.resolve(d.get('T')));
    if (t !== null) out.push(t);
    const kids = rev.resolve(d.get('Kids'));
    if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
  };
  const fields = form instanceof PDict ? rev.resolve(form.get('Fields')) : undefined;
  if (Array.isArray(fields)) for (const f of fields) walk(f, 0);
  return out;
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
  const read = readForSigning(original, o.tick);
  const { rev, pages, catalog, rootRef } = read;
  const box: SignatureBox | null = read.boxes.find((x) => x.index === o.signatoryIndex) ?? read.boxes.find((x) => sameHolder(name, x.name))
    ?? (o.box ? { index: o.signatoryIndex ?? 0, name, page: o.box.page, rect: o.box.rect, dateRect: null } : null);
  const page = pages[box && box.page < pages.length ? box.page : Math.min(Math.max(o.page ?? pages.length - 1, 0), pages.length - 1)];
  if (!page.ref) throw new TrameError('entree-invalide', 'Ce PDF est abîmé : sa page de signature n’est pas un objet à part entière.');
  // The new objects are made in an empty pdf-lib document numbered after the PDF's last object, then appended as
  // they are: pdf-lib never loads (nor tracks) the PDF itself.
  const { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } = pdfLib();
  const scratch = await PDFDocument.create({ updateMetadata: false });
  const ctx = scratch.context;
  const before = new Set(ctx.enumerateIndirectObjects().map(([r]) => r.objectNumber));
  ctx.largestObjectNumber = Math.max(ctx.largestObjectNumber, read.size - 1);
  const form0 = rev.resolve(catalog.get('AcroForm'));
  const names = fieldNames(rev, form0, read.budget);
  let n = names.length + 1;
  while (names.includes(`Signature${n}`)) n++;
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
  const look = box ? await signatureAppearance(scratch, box, { name, role: o.role, holder, when }) : null;
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: look ? look.rect.map((x) => Number(x.toFixed(2))) : [0, 0, 0, 0],
    V: sigRef,
    T: PDFHexString.fromText(fieldName),
    F: 132, // print + locked
    P: PDFRef.of(page.ref.num, page.ref.gen),
    ...(look ? { AP: { N: look.ap }, TU: PDFHexString.fromText(`Signature électronique de ${name}`) } : {}),
  });
  const widgetRef = ctx.register(widget);
  const widgetP = new PRef(widgetRef.objectNumber, 0);
  // Existing objects changed: the page's annotations, the form, the catalog (form created, certification).
  const changed = new Map<number, { gen: number; value: PValue }>();
  const annots0 = page.dict.get('Annots');
  const annots = rev.resolve(annots0);
  if (annots0 instanceof PRef && Array.isArray(annots)) changed.set(annots0.num, { gen: annots0.gen, value: [...annots, widgetP] });
  else changed.set(page.ref.num, { gen: page.ref.gen, value: new PDict(new Map(page.dict.m).set('Annots', [...(Array.isArray(annots) ? annots : []), widgetP])) });
  const form = new Map(form0 instanceof PDict ? form0.m : []);
  const fields = rev.resolve(form.get('Fields'));
  form.set('Fields', [...(Array.isArray(fields) ? fields : []), widgetP]).set('SigFlags', 3);
  const root = new Map(catalog.m);
  const formRef = catalog.get('AcroForm');
  if (formRef instanceof PRef && form0 instanceof PDict) changed.set(formRef.num, { gen: formRef.gen, value: new PDict(form) });
  else {
    const made = ctx.nextRef();
    changed.set(made.objectNumber, { gen: 0, value: new PDict(form) });
    root.set('AcroForm', new PRef(made.objectNumber, 0));
  }
  if (certified) root.set('Perms', new PDict(new Map([['DocMDP', new PRef(sigRef.objectNumber, 0)]])));
  if (root.get('AcroForm') !== catalog.get('AcroForm') || certified) changed.set(rootRef.num, { gen: rootRef.gen, value: new PDict(root) });
  await scratch.flush();
  const objects: UpdateObject[] = ctx.enumerateIndirectObjects()
    .filter(([r]) => !before.has(r.objectNumber))
    .map(([r, obj]) => {
      const body = new Uint8Array(obj.sizeInBytes());
      obj.copyBytesInto(body, 0);
      return { num: r.objectNumber, gen: r.generationNumber, body: Buffer.from(body.buffer) };
    });
  for (const [num, { gen, value }] of changed) objects.push({ num, gen, body: Buffer.from(pdfText(value), 'latin1') });
  const withPlaceholder = appendUpdate(original, rev, objects.sort((x, y) => x.num - y.num), ctx.largestObjectNumber + 1);
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
