// What freezing needs from a PDF renderer: the document's bytes, with the given footer on every page, the
// optional annex lines (an avenant's diff), and where each signatory's block is (for drawn signatures). The
// protocole renderer (issue 11, core/features/protocole) is meant to be plugged in here; until it is, Trame uses
// the plain renderer below (pdf-lib, standard fonts): same contract, simpler pages.
import type { PDFFont, PDFPage } from '@cantoo/pdf-lib';
import { pdfLib } from '../signing';
import type { TrameDocument, TreeNodeDoc } from '../../domain/format-types';
import { KIND_LABELS } from '../../domain/tree';

export interface SignatureBlock {
  signatoryId: string;
  /** 0-based page index. */
  page: number;
  /** PDF user space, origin bottom-left: [x, y, width, height]. */
  rect: [number, number, number, number];
}

export interface ProducedPdf { pdf: Uint8Array; blocks: SignatureBlock[] }

export interface ProduceOptions {
  /** Printed at the bottom of every page (the fingerprint line). */
  footer: string;
  /** « Protocole d’engagements » or « Avenant n° 1 ». */
  title: string;
  /** Lines of an annex (the avenant's diff), printed after the signatures' page. */
  annex?: string[];
  /** The PDF's Keywords: the content's fingerprint (core/features/versions/integrity.ts). */
  keywords?: string;
}

export type PdfProducer = (doc: TrameDocument, o: ProduceOptions) => Promise<ProducedPdf>;

// Standard fonts speak WinAnsi: anything outside it is replaced rather than refused.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
function ansi(s: string): string {
  return Array.from(s.normalize('NFC'), (c) => {
    const code = c.codePointAt(0)!;
    return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(c) ? c : '?';
  }).join('');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of ansi(text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

export const plainPdf: PdfProducer = async (doc, o) => {
  const { PDFDocument, StandardFonts, rgb } = pdfLib();
  const pdf = await PDFDocument.create();
  pdf.setTitle(ansi(`${o.title} — ${doc.contrat.name}`));
  pdf.setCreator('Trame');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const W = 595;
  const H = 842;
  const M = 50;
  let page: PDFPage = pdf.addPage([W, H]);
  let y = H - M;
  const line = (text: string, size = 10, f = font, indent = 0) => {
    for (const l of wrap(text, f, size, W - 2 * M - indent)) {
      if (y < M + 30) {
        page = pdf.addPage([W, H]);
        y = H - M;
      }
      page.drawText(l, { x: M + indent, y, size, font: f });
      y -= size * 1.35;
    }
  };
  line(o.title, 18, bold);
  line(doc.contrat.name, 13, bold);
  line(`EPCI : ${doc.contrat.epci}${doc.contrat.period ? ` — ${doc.contrat.period.start}-${doc.contrat.period.end}` : ''}`);
  y -= 8;
  const walk = (nodes: TreeNodeDoc[], depth: number) => {
    for (const n of nodes) {
      line(`${KIND_LABELS[n.kind]} : ${n.title}`, depth === 0 ? 12 : 10, depth === 0 ? bold : font, depth * 14);
      walk(n.children ?? [], depth + 1);
    }
  };
  walk(doc.tree, 0);
  if (doc.commitments?.length) {
    y -= 8;
    line('Engagements des partenaires', 12, bold);
    const names = new Map((doc.partners ?? []).map((p) => [p.id, p.name]));
    for (const c of doc.commitments) line(`${names.get(c.partner) ?? c.partner} : ${c.text}`, 10, font, 14);
  }
  // The signatures' page: one block per signatory, two per row.
  const blocks: SignatureBlock[] = [];
  page = pdf.addPage([W, H]);
  y = H - M;
  line('Signatures', 14, bold);
  const bw = (W - 2 * M - 20) / 2;
  const bh = 110;
  (doc.signatories ?? []).forEach((s, i) => {
    const col = i % 2;
    if (col === 0 && i > 0) y -= bh + 40;
    if (col === 0 && y - bh - 30 < M + 20) {
      page = pdf.addPage([W, H]);
      y = H - M;
    }
    const x = M + col * (bw + 20);
    page.drawText(ansi(s.name), { x, y: y - 12, size: 10, font: bold });
    if (s.role) page.drawText(wrap(s.role, font, 9, bw)[0] ?? '', { x, y: y - 24, size: 9, font });
    const rect: [number, number, number, number] = [x, y - 30 - bh, bw, bh];
    page.drawRectangle({ x: rect[0], y: rect[1], width: rect[2], height: rect[3], borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.8 });
    blocks.push({ signatoryId: s.id ?? `#${i}`, page: pdf.getPageCount() - 1, rect });
  });
  if (o.annex?.length) {
    page = pdf.addPage([W, H]);
    y = H - M;
    line('Annexe — ce que change cet avenant', 14, bold);
    for (const l of o.annex) line(`• ${l}`, 9, font, 6);
  }
  const pages = pdf.getPages();
  pages.forEach((p, i) => {
    p.drawText(ansi(`${o.footer} — page ${i + 1}/${pages.length}`), { x: M, y: 24, size: 7, font, color: rgb(0.35, 0.35, 0.35) });
  });
  if (o.keywords) pdf.setKeywords([o.keywords]);
  // Classic cross-reference table: the simplest base for the incremental updates of the signatures.
  return { pdf: await pdf.save({ useObjectStreams: false }), blocks };
};
