// What happened to a PDF after a signature: nothing, later co-signatures / annotations (an incremental update that
// only adds a signature field, an annotation such as a drawn signature, form or metadata bookkeeping), or a real
// change of the content (a page's content or resources, the page list, any other object rewritten). The signed
// revision is parsed as it was (the bytes up to its end) and compared, object by object, with the whole file.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject } from '@cantoo/pdf-lib';

import type { AfterKind } from './contract';

export type { AfterKind } from './contract';
export interface AfterReport { kind: AfterKind; details: string[] }

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
}

function typeOf(o: PDFObject | undefined): string | null {
  if (o instanceof PDFDict) {
    const t = o.get(PDFName.of('Type'));
    return t instanceof PDFName ? t.decodeText() : null;
  }
  if (o instanceof PDFStream) return typeOf(o.dict);
  return null;
}

function isAnnotation(o: PDFObject | undefined): boolean {
  const d = o instanceof PDFDict ? o : null;
  return !!d && (typeOf(d) === 'Annot' || d.has(PDFName.of('Subtype')) && d.has(PDFName.of('Rect')) || d.has(PDFName.of('FT')));
}

function same(a: PDFObject, b: PDFObject, ignore: string[] = []): boolean {
  if (a instanceof PDFRawStream && b instanceof PDFRawStream) {
    return Buffer.from(a.contents).equals(Buffer.from(b.contents)) && same(a.dict, b.dict);
  }
  if (a instanceof PDFDict && b instanceof PDFDict && ignore.length) {
    const keys = new Set([...a.keys(), ...b.keys()].map((k) => k.decodeText()).filter((k) => !ignore.includes(k)));
    for (const k of keys) {
      const x = a.get(PDFName.of(k));
      const y = b.get(PDFName.of(k));
      if (!x || !y || x.toString() !== y.toString()) return false;
    }
    return true;
  }
  return a.toString() === b.toString();
}

/** Numbers of the objects (re)defined in `tail`; null when it holds object streams (then every object is compared). */
function objectsDefinedIn(tail: Buffer): Set<number> | null {
  const s = tail.toString('latin1');
  if (/\/Type\s*\/ObjStm/.test(s)) return null;
  const out = new Set<number>();
  const re = /(?:^|[\s>])(\d+)\s+(\d+)\s+obj\b/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.add(Number(m[1]));
  return out;
}

/**
 * Compares the revision ending at `end` with the whole `pdf`. `full` is the whole file parsed once by the caller.
 */
export async function analyseAfter(pdf: Buffer, end: number, full: PDFDocument): Promise<AfterReport> {
  if (end >= pdf.length) return { kind: 'rien', details: [] };
  const tail = pdf.subarray(end);
  const tailText = tail.toString('latin1');
  if (/^\s*$/.test(tailText)) return { kind: 'rien', details: [] };
  if (!/\bobj\b/.test(tailText) || !/startxref/.test(tailText)) {
    return { kind: 'modifie', details: [`${tail.length} octets ajoutés après la signature, hors d’une mise à jour PDF.`] };
  }
  let before: PDFDocument;
  try {
    before = await load(pdf.subarray(0, end));
  } catch {
    return { kind: 'modifie', details: ['La version signée ne se relit pas comme un PDF.'] };
  }
  const defined = objectsDefinedIn(tail);
  const details: string[] = [];
  let added = 0;
  let modified = false;
  const infoRef = full.context.trailerInfo.Info;
  const pages = new Map(full.getPages().map((p, i) => [p.ref.objectNumber, i + 1]));
  for (const [ref, now] of full.context.enumerateIndirectObjects()) {
    if (defined && !defined.has(ref.objectNumber)) continue;
    const old = before.context.lookup(PDFRef.of(ref.objectNumber, ref.generationNumber));
    if (!old) {
      added++;
      continue;
    }
    if (same(old, now)) continue;
    const type = typeOf(old);
    if (type === 'Sig' || isAnnotation(old)) continue;
    if (infoRef instanceof PDFRef && infoRef.objectNumber === ref.objectNumber) continue;
    if (type === 'Metadata') continue;
    if (old instanceof PDFDict && old.has(PDFName.of('Fields'))) continue; // the form (AcroForm): a new field
    if (type === 'Catalog' && same(old, now, ['AcroForm', 'DSS', 'Metadata', 'Perms'])) continue;
    if (type === 'Page' && same(old, now, ['Annots'])) continue;
    if (old instanceof PDFArray && now instanceof PDFArray) {
      const refs = now.asArray();
      if (refs.every((r) => r instanceof PDFRef && isAnnotation(full.context.lookup(r)))) continue; // Annots or Fields
    }
    modified = true;
    const page = pages.get(ref.objectNumber);
    details.push(page ? `Page ${page} modifiée.` : `Objet ${ref.objectNumber}${type ? ` (${type})` : ''} modifié.`);
    if (details.length >= 10) break;
  }
  if (modified) return { kind: 'modifie', details };
  return { kind: 'signatures', details: added ? [`${added} objet(s) ajouté(s) : signature ou annotation.`] : [] };
}

export async function loadForAnalysis(pdf: Buffer): Promise<PDFDocument | null> {
  try {
    return await load(pdf);
  } catch {
    return null;
  }
}
