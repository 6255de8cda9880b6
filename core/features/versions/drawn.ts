// A drawn signature stamped in its signatory's block as an incremental update: a Stamp annotation whose appearance
// stream draws the PNG. The page's content is not touched, so earlier PAdES signatures stay valid and a verifier
// sees « annotation added », not « content changed ».
import type { PDFOperatorNames } from '@cantoo/pdf-lib';
import { TrameError } from '../../api/result';
import { addAnnotation, pdfLib } from '../signing';
import type { SignatureBlock } from './pdf-producer';

const MAX_PNG_BYTES = 3_000_000;

export function pngFromDataUrl(dataUrl: string): Uint8Array {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=\s]+)$/.exec(dataUrl);
  const bytes = m ? Buffer.from(m[1], 'base64') : Buffer.alloc(0);
  if (!m || bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) {
    throw new TrameError('entree-invalide', 'La signature dessinée n’a pas été reçue comme une image PNG : recommencez le tracé.');
  }
  if (bytes.length > MAX_PNG_BYTES) throw new TrameError('entree-invalide', 'La signature dessinée est trop lourde : effacez et recommencez.');
  return new Uint8Array(bytes);
}

export async function stampDrawnSignature(pdfBytes: Uint8Array, png: Uint8Array, block: SignatureBlock, signer: string): Promise<Uint8Array> {
  const { PDFDocument, PDFHexString, PDFName, PDFOperator, PDFOperatorNames, PDFNumber } = pdfLib();
  const doc = await PDFDocument.load(pdfBytes, { forIncrementalUpdate: true, updateMetadata: false });
  const page = doc.getPages()[block.page];
  if (!page) throw new TrameError('entree-invalide', 'Le bloc de signature de ce signataire n’est pas dans le PDF.');
  let image;
  try {
    image = await doc.embedPng(png);
  } catch {
    throw new TrameError('entree-invalide', 'La signature dessinée n’est pas une image PNG lisible : recommencez le tracé.');
  }
  const [x, y, w, h] = block.rect;
  // Fit the drawing in the block, keeping its proportions, centred.
  const scale = Math.min((w - 8) / image.width, (h - 8) / image.height);
  const iw = image.width * scale;
  const ih = image.height * scale;
  const ix = (w - iw) / 2;
  const iy = (h - ih) / 2;
  const ctx = doc.context;
  const op = (name: PDFOperatorNames, ...args: number[]) => PDFOperator.of(name, args.map((a) => PDFNumber.of(Number(a.toFixed(3)))));
  const appearance = ctx.formXObject(
    [
      PDFOperator.of(PDFOperatorNames.PushGraphicsState),
      op(PDFOperatorNames.ConcatTransformationMatrix, iw, 0, 0, ih, ix, iy),
      PDFOperator.of(PDFOperatorNames.DrawObject, [PDFName.of('Sig')]),
      PDFOperator.of(PDFOperatorNames.PopGraphicsState),
    ],
    { BBox: [0, 0, w, h], Resources: { XObject: { Sig: image.ref } } },
  );
  const apRef = ctx.register(appearance);
  const annot = ctx.obj({
    Type: 'Annot',
    Subtype: 'Stamp',
    Rect: [x, y, x + w, y + h],
    F: 4 + 128, // print, locked
    P: page.ref,
    NM: PDFHexString.fromText(`trame-signature-${Date.now()}`),
    Contents: PDFHexString.fromText(`Signature manuscrite de ${signer}`),
    AP: { N: apRef },
  });
  addAnnotation(doc, page.node, ctx.register(annot));
  const out = await doc.commit({ useObjectStreams: false });
  if (!Buffer.from(out.subarray(0, pdfBytes.length)).equals(Buffer.from(pdfBytes))) {
    throw new TrameError('interne', 'La mise à jour incrémentale a changé des octets du PDF : signature dessinée refusée.');
  }
  return out;
}
