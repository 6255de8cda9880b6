/// <reference path="./fontkit.d.ts" />
// The visible appearance of a PAdES signature, drawn in its signatory's box: the name, the role, « Signé
// électroniquement le 5 décembre 2026 à 10 h 42 (heure de Paris) » and the certificate's holder; and the date of
// the box's « Fait à …, le … » line. PDF/A-2 friendly: embedded (subset) Source Sans 3, opaque colours only, no
// transparency group, no image.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as Fontkit from 'fontkit';
import type { PDFDocument, PDFFont, PDFRef } from '@cantoo/pdf-lib';
import { pdfLib } from './libs';
import { fontDir, FONT_FILES } from '../protocole';
import type { SignatureBox } from './boxes';

export interface AppearanceText {
  name: string;
  role?: string;
  /** The certificate holder's name (its common name). */
  holder: string;
  when: Date;
}

const PARIS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** « 5 décembre 2026 » and « 10 h 42 », Paris time. */
export function parisDate(d: Date): { day: string; time: string } {
  const p = Object.fromEntries(PARIS.formatToParts(d).map((x) => [x.type, x.value]));
  return { day: `${p.day === '1' ? '1er' : p.day} ${p.month} ${p.year}`, time: `${Number(p.hour)} h ${p.minute}` };
}

export function signedLine(d: Date): string {
  const { day, time } = parisDate(d);
  return `Signé électroniquement le ${day} à ${time} (heure de Paris)`;
}

const fontBytes = new Map<string, Buffer>();
function fontFile(face: keyof typeof FONT_FILES): Buffer {
  let b = fontBytes.get(face);
  if (!b) {
    b = readFileSync(path.join(fontDir(), FONT_FILES[face]));
    fontBytes.set(face, b);
  }
  return b;
}

/**
 * fontkit reads a font file once per process (a few hundred ms each): later signatures reuse the parsed font, each
 * document still gets its own subset.
 */
const parsed = new Map<Buffer, unknown>();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = (): typeof Fontkit => require('fontkit');
const cachedFontkit = {
  create(bytes: Uint8Array, postscriptName?: string): unknown {
    const key = [...fontBytes.values()].find((b) => b.length === bytes.length && b.equals(bytes));
    if (!key) return fontkit().create(bytes, postscriptName);
    if (!parsed.has(key)) parsed.set(key, fontkit().create(bytes, postscriptName));
    return parsed.get(key);
  },
};

function wrap(text: string, font: PDFFont, size: number, width: number, maxLines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  if (out.length > maxLines) {
    const kept = out.slice(0, maxLines);
    let last = `${kept[maxLines - 1]}…`;
    while (last.length > 2 && font.widthOfTextAtSize(last, size) > width) last = `${last.slice(0, -2)}…`;
    kept[maxLines - 1] = last;
    return kept;
  }
  return out;
}

const n = (x: number) => Number(x.toFixed(2)).toString();

/**
 * Registers the appearance stream of a signature in `box` (widget rectangle: the box and its date line) and returns
 * it with the widget's rectangle.
 */
export async function signatureAppearance(doc: PDFDocument, box: SignatureBox, t: AppearanceText): Promise<{ ap: PDFRef; rect: number[] }> {
  doc.registerFontkit(cachedFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const regular = await doc.embedFont(fontFile('regular'), { subset: true });
  const bold = await doc.embedFont(fontFile('bold'), { subset: true });
  const italic = regular;
  const d = box.dateRect;
  const left = Math.min(box.rect[0], d?.[0] ?? Infinity);
  const bottom = Math.min(box.rect[1], d?.[1] ?? Infinity);
  const right = Math.max(box.rect[2], d?.[2] ?? -Infinity);
  const top = Math.max(box.rect[3], d?.[3] ?? -Infinity);
  const ops: string[] = [];
  const text = (f: PDFFont, key: string, size: number, x: number, y: number, s: string, grey = 0) => {
    ops.push(`BT /${key} ${size} Tf ${grey} g ${n(x - left)} ${n(y - bottom)} Td ${f.encodeText(s).toString()} Tj ET`);
  };
  if (d) {
    // The « le ………… » of the box's « Fait à …, le … » line, covered and filled with the signing date.
    ops.push(`q 1 g ${n(d[0] - left)} ${n(d[1] - bottom)} ${n(d[2] - d[0])} ${n(d[3] - d[1])} re f Q`);
    const size = Math.min(9, (d[3] - d[1]) * 0.75);
    text(regular, 'R', size, d[0] + 1, d[1] + (d[3] - d[1] - size * 0.7) / 2, wrap(parisDate(t.when).day, regular, size, d[2] - d[0], 1)[0] ?? '');
  }
  // The signature itself, under the box's « Signature » label (7 pt at its top left).
  const [bx, by, bx2, by2] = box.rect;
  const width = bx2 - bx - 12;
  const lines: { f: PDFFont; key: string; size: number; s: string; grey: number }[] = [];
  for (const s of wrap(t.name, bold, 10, width, 1)) lines.push({ f: bold, key: 'B', size: 10, s, grey: 0 });
  if (t.role?.trim()) for (const s of wrap(t.role.trim(), italic, 8.5, width, 1)) lines.push({ f: italic, key: 'R', size: 8.5, s, grey: 0.25 });
  for (const s of wrap(signedLine(t.when), regular, 8, width, 2)) lines.push({ f: regular, key: 'R', size: 8, s, grey: 0 });
  for (const s of wrap(`Certificat de ${t.holder}`, regular, 7.5, width, 1)) lines.push({ f: regular, key: 'R', size: 7.5, s, grey: 0.3 });
  const room = by2 - by - 14;
  const needed = lines.reduce((h, l) => h + l.size * 1.2, 0);
  const scale = needed > room ? room / needed : 1;
  let y = by2 - 14;
  ops.push(`q 0 0 0.45 RG 0.8 w ${n(bx + 3 - left)} ${n(by + 4 - bottom)} m ${n(bx + 3 - left)} ${n(by2 - 13 - bottom)} l S Q`);
  for (const l of lines) {
    const size = l.size * scale;
    y -= size * 1.2;
    text(l.f, l.key, Number(size.toFixed(2)), bx + 8, y + size * 0.25, l.s, l.grey);
  }
  const ctx = doc.context;
  const stream = ctx.flateStream(ops.join('\n'), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, right - left, top - bottom],
    Resources: { Font: { R: regular.ref, B: bold.ref } },
  });
  stream.dict.set(pdfLib().PDFName.of('FormType'), ctx.obj(1));
  return { ap: ctx.register(stream), rect: [left, bottom, right, top] };
}
