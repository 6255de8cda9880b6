// The document model drawn as a PDF with pdfkit: A4, fonts embedded (subset), a table of contents with page
// numbers, bookmarks, running header and footer with « Page X sur N ». Pages are buffered: the table of contents
// is filled in once every heading's page is known, and the header and footer are drawn in a last pass.
// Text is left-aligned and tables are drawn by hand (pdfkit's justify and table() were measured far slower).
import PDFDocument from 'pdfkit';
import { drawChart } from './pdf-chart';
import { fontPath, type FontFace } from './fonts';
import type { Block, DocumentModel, Run, SignaturePlace } from './model-types';
import { frenchTypography } from './typography';

export interface RenderHooks {
  /** Called between blocks: report progress, throw to stop (cancel). */
  step?(done: number, total: number): void;
}

export interface PdfResult { pdf: Buffer; pages: number; signatures: SignaturePlace[]; headings: { text: string; level: number; page: number }[] }

const A4 = { width: 595.28, height: 841.89 };
const M = { top: 70, bottom: 70, left: 62, right: 62 };
const CONTENT_W = A4.width - M.left - M.right;
const BOTTOM = A4.height - M.bottom;
const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#1f4e79';

type Doc = PDFKit.PDFDocument;

/** Replaces the characters the font has no glyph for (emoji, scripts it lacks) by a visible mark, once each. */
function glyphFilter(doc: Doc): (s: string) => string {
  const font = (doc as unknown as { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font;
  const known = new Map<number, boolean>();
  const has = (cp: number) => {
    let v = known.get(cp);
    if (v === undefined) known.set(cp, (v = cp === 10 || font.hasGlyphForCodePoint(cp)));
    return v;
  };
  const mark = has(0x25a1) ? '\u25a1' : '?';
  return (s: string) => {
    // Fast path: Latin text.
    if (/^[\x20-\x7e\u00a0-\u017f\u2019\u202f\u2013\u2014\u2026«»€\n]*$/u.test(s)) return s;
    let out = '';
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      // Variation selectors and joiners of emoji sequences vanish with the emoji they modify.
      if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff)) continue;
      out += has(cp) ? ch : mark;
    }
    return out;
  };
}

class PdfWriter {
  readonly doc: Doc;
  private readonly safe: (s: string) => string;
  readonly headings: { text: string; level: number; page: number }[] = [];
  readonly signatures: SignaturePlace[] = [];
  private outline: PDFKit.PDFOutline[] = [];

  constructor() {
    this.doc = new PDFDocument({ size: 'A4', margins: M, bufferPages: true, autoFirstPage: true, font: fontPath('regular'), info: { Creator: 'Trame', Producer: 'Trame (pdfkit)' }, lang: 'fr-FR', displayTitle: true } as PDFKit.PDFDocumentOptions);
    const faces: FontFace[] = ['regular', 'bold', 'italic', 'boldItalic', 'semibold'];
    for (const f of faces) this.doc.registerFont(f, fontPath(f));
    // pdfkit caches a registered font under its name only when no font of the same PostScript name is loaded yet;
    // the constructor's font (given so that pdfkit never loads its Helvetica data) is that same file, so without
    // this line every font('regular') would parse the TTF again (measured: 10× slower).
    (this.doc as unknown as { _fontFamilies: Record<string, unknown>; _font: unknown })._fontFamilies.regular = (this.doc as unknown as { _font: unknown })._font;
    this.doc.font('regular');
    this.safe = glyphFilter(this.doc);
  }

  t(s: string): string {
    return this.safe(frenchTypography(s));
  }

  get page(): number {
    return this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count;
  }

  ensure(height: number): void {
    if (this.doc.y + height > BOTTOM) this.doc.addPage();
  }

  face(run: Run): FontFace {
    return run.bold && run.italic ? 'boldItalic' : run.bold ? 'bold' : run.italic ? 'italic' : 'regular';
  }

  runs(runs: Run[], size: number, color: string, opts: { indent?: number; bullet?: boolean } = {}): void {
    const d = this.doc;
    const x = M.left + (opts.indent ?? 0);
    const width = CONTENT_W - (opts.indent ?? 0);
    d.fontSize(size).fillColor(color);
    this.ensure(size * 1.4);
    const y0 = d.y;
    if (opts.bullet) d.font('regular').text('•', x - 10, y0, { lineBreak: false });
    const list = runs.filter((r) => r.text.length > 0);
    if (list.length === 0) return;
    list.forEach((r, i) => {
      d.font(this.face(r));
      const text = this.t(r.text);
      if (i === 0) d.text(text, x, y0, { width, continued: i < list.length - 1, lineGap: 2 });
      else d.text(text, { width, continued: i < list.length - 1, lineGap: 2 });
    });
    d.moveDown(0.45);
  }

  heading(b: Extract<Block, { kind: 'heading' }>): void {
    const d = this.doc;
    const size = b.level === 1 ? 18 : b.level === 2 ? 14 : 12;
    if (b.level === 1 && d.y > M.top + 1) d.moveDown(0.6);
    this.ensure(size * 3 + 40);
    const page = this.page;
    const text = this.t(b.text);
    if (b.toc) {
      this.headings.push({ text: b.text, level: b.level, page });
      if (b.level === 1) this.outline = [d.outline.addItem(bookmark(text))];
      else (this.outline[0] ?? d.outline).addItem(bookmark(text));
    }
    d.font('semibold').fontSize(size).fillColor(b.level === 1 ? ACCENT : INK).text(text, M.left, d.y, { width: CONTENT_W, lineGap: 1 });
    d.moveDown(b.level === 1 ? 0.5 : 0.3);
  }

  table(b: Extract<Block, { kind: 'table' }>): void {
    const d = this.doc;
    const total = b.widths.reduce((a, w) => a + w, 0);
    const widths = b.widths.map((w) => (w / total) * CONTENT_W);
    const pad = 4;
    const size = 8.5;
    const rowHeight = (cells: string[], font: FontFace) => {
      d.font(font).fontSize(size);
      return Math.max(...cells.map((c, i) => d.heightOfString(c || ' ', { width: widths[i] - 2 * pad, lineGap: 1 }))) + 2 * pad;
    };
    const header = b.header.map((c) => this.t(c));
    const headerH = rowHeight(header, 'bold');
    const drawRow = (cells: string[], font: FontFace, fill: string | null, height: number) => {
      const y = d.y;
      let x = M.left;
      if (fill) d.rect(M.left, y, CONTENT_W, height).fill(fill);
      d.font(font).fontSize(size).fillColor(INK);
      cells.forEach((c, i) => {
        d.text(c, x + pad, y + pad, { width: widths[i] - 2 * pad, lineGap: 1 });
        x += widths[i];
      });
      d.lineWidth(0.4).strokeColor('#9a9a9a').rect(M.left, y, CONTENT_W, height).stroke();
      d.x = M.left;
      d.y = y + height;
    };
    this.ensure(headerH + 20);
    drawRow(header, 'bold', '#e8eef5', headerH);
    b.rows.forEach((row, r) => {
      const cells = row.map((c) => this.t(c));
      const height = rowHeight(cells, 'regular');
      if (height > BOTTOM - M.top - headerH - 10) {
        // A row taller than a page (a very long text): printed as labelled paragraphs, so nothing is cut.
        cells.forEach((c, i) => this.runs([{ text: `${b.header[i]} : `, bold: true }, { text: c }], size, INK));
        return;
      }
      if (d.y + height > BOTTOM) {
        d.addPage();
        drawRow(header, 'bold', '#e8eef5', headerH);
      }
      drawRow(cells, 'regular', r % 2 ? '#f6f6f6' : null, height);
    });
    d.moveDown(0.8);
  }

  signatureBlocks(b: Extract<Block, { kind: 'signatures' }>): void {
    const d = this.doc;
    const colW = (CONTENT_W - 20) / 2;
    const boxH = 190;
    const place = b.place.trim() || '…………………………';
    b.blocks.forEach((s, i) => {
      if (i % 2 === 0) this.ensure(boxH + 10);
      const x = M.left + (i % 2) * (colW + 20);
      const y = d.y;
      d.lineWidth(0.6).strokeColor('#9a9a9a').rect(x, y, colW, boxH).stroke();
      d.font('bold').fontSize(10).fillColor(INK).text(this.t(s.organisation), x + 8, y + 8, { width: colW - 16, height: 28, ellipsis: true });
      d.font('regular').fontSize(10).text(this.t(s.name), x + 8, y + 38, { width: colW - 16, height: 14, ellipsis: true });
      d.font('italic').fontSize(9).fillColor(MUTED).text(this.t(s.role || '—'), x + 8, y + 53, { width: colW - 16, height: 24, ellipsis: true });
      d.font('regular').fontSize(9).fillColor(INK).text(this.t(`Fait à ${place},`), x + 8, y + 80, { width: colW - 16, height: 12, ellipsis: true });
      const le = this.t('le ');
      const dots = '…………………………';
      d.text(le + dots, x + 8, y + 92, { lineBreak: false });
      const rect = { x: x + 8, y: y + 106, width: colW - 16, height: boxH - 114 };
      d.lineWidth(0.4).strokeColor('#c8c8c8').dash(3, { space: 3 }).rect(rect.x, rect.y, rect.width, rect.height).stroke().undash();
      d.font('italic').fontSize(7).fillColor(MUTED).text('Signature', rect.x + 4, rect.y + 4, { lineBreak: false });
      this.signatures.push({ signatoryId: s.id, page: this.page, ...rect });
      // Named /FitR destinations: where a PAdES signature draws its appearance and the date of « le …… » (read back
      // by core/features/signing/boxes.ts, in PDF user space).
      const H = d.page.height;
      const key = `Signature ${i + 1} : ${s.name}`;
      d.addNamedDestination(key, 'FitR', rect.x, H - rect.y - rect.height, rect.x + rect.width, H - rect.y);
      const dx = x + 8 + d.font('regular').fontSize(9).widthOfString(le);
      d.addNamedDestination(`${key} — date`, 'FitR', dx, H - y - 104, Math.min(x + colW - 8, dx + Math.max(d.widthOfString(dots), 70)), H - y - 91);
      d.x = M.left;
      d.y = i % 2 === 1 || i === b.blocks.length - 1 ? y + boxH + 12 : y;
    });
  }

  block(b: Block): void {
    const d = this.doc;
    switch (b.kind) {
      case 'heading':
        return this.heading(b);
      case 'para':
        return this.runs(b.runs, b.tone === 'small' ? 9 : 10.5, b.tone === 'muted' || b.tone === 'small' ? MUTED : INK);
      case 'list':
        for (const item of b.items) this.runs(item, 10.5, INK, { indent: 14, bullet: true });
        d.moveDown(0.2);
        return;
      case 'table':
        return this.table(b);
      case 'signatures':
        return this.signatureBlocks(b);
      case 'chart':
        this.ensure(170);
        drawChart(d, b.chart, M.left, d.y, CONTENT_W, 150, (s) => this.t(s));
        d.x = M.left;
        d.y += 162;
        return;
      case 'pageBreak':
        if (d.y > M.top + 1) d.addPage();
        return;
    }
  }
}

/** Bookmarks hold plain text: no narrow spaces that some readers show as boxes, and a bounded length. */
function bookmark(s: string): string {
  const t = s.replace(/\u202f/g, ' ');
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}

/** Cuts `text` to fit `width` on one line at the current font, with an ellipsis. */
function fitLine(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

const TOC_LINE = 17;
const TOC_FIRST = Math.floor((BOTTOM - M.top - 50) / TOC_LINE);
const TOC_NEXT = Math.floor((BOTTOM - M.top) / TOC_LINE);

export async function renderPdf(model: DocumentModel, hooks: RenderHooks = {}): Promise<PdfResult> {
  const w = new PdfWriter();
  const d = w.doc;
  const chunks: Buffer[] = [];
  d.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    d.on('end', resolve);
    d.on('error', reject);
  });
  d.info.Title = model.titlePage.title.slice(0, 500);
  if (model.keywords) d.info.Keywords = model.keywords;

  // Title page.
  d.font('semibold').fontSize(13).fillColor(ACCENT).text(w.t(model.titlePage.kicker), M.left, 190, { width: CONTENT_W, align: 'center' });
  d.moveDown(1.2);
  const long = model.titlePage.title.length > 300;
  d.font('bold').fontSize(long ? 11 : 24).fillColor(INK).text(w.t(model.titlePage.title), { width: CONTENT_W, align: 'center', height: BOTTOM - d.y - 200, ellipsis: true });
  d.moveDown(1.5);
  d.font('regular').fontSize(11).fillColor(INK);
  for (const line of model.titlePage.lines) d.text(w.t(line), { width: CONTENT_W, align: 'center', height: 60, ellipsis: true }).moveDown(0.3);

  // Table of contents: its pages reserved now, filled at the end.
  const entries = model.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.toc);
  const tocPages = entries.length <= TOC_FIRST ? 1 : 1 + Math.ceil((entries.length - TOC_FIRST) / TOC_NEXT);
  d.addPage();
  const tocStart = w.page;
  d.outline.addItem('Sommaire');
  for (let i = 1; i < tocPages; i++) d.addPage();
  d.addPage();

  const total = model.blocks.length;
  model.blocks.forEach((b, i) => {
    if (i % 50 === 0) hooks.step?.(i, total);
    // A page break right after the table of contents would leave an empty page.
    if (b.kind === 'pageBreak' && d.y <= M.top + 1) return;
    w.block(b);
  });
  hooks.step?.(total, total);

  // Fill the table of contents.
  d.switchToPage(tocStart - 1);
  d.font('semibold').fontSize(18).fillColor(ACCENT).text('Sommaire', M.left, M.top, { width: CONTENT_W });
  let y = M.top + 50;
  let onPage = 0;
  let tocPage = tocStart - 1;
  for (const e of w.headings) {
    if (onPage === (tocPage === tocStart - 1 ? TOC_FIRST : TOC_NEXT)) {
      d.switchToPage(++tocPage);
      y = M.top;
      onPage = 0;
    }
    const indent = e.level === 1 ? 0 : 16;
    d.font(e.level === 1 ? 'semibold' : 'regular').fontSize(e.level === 1 ? 11 : 10).fillColor(INK);
    const num = String(e.page);
    const numW = d.widthOfString(num);
    const text = fitLine(d, w.t(e.text), CONTENT_W - indent - numW - 30);
    d.text(text, M.left + indent, y, { lineBreak: false });
    d.text(num, M.left + CONTENT_W - numW, y, { lineBreak: false });
    y += TOC_LINE;
    onPage++;
  }

  // Running header and footer, « Page X sur N ».
  const range = d.bufferedPageRange();
  const n = range.count;
  for (let i = 0; i < n; i++) {
    d.switchToPage(range.start + i);
    const saved = d.page.margins;
    d.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    d.font('regular').fontSize(8).fillColor(MUTED);
    if (i > 0) {
      d.text(fitLine(d, w.t(model.runningTitle), CONTENT_W - 160), M.left, 36, { lineBreak: false });
      const kicker = w.t(model.headerLabel);
      d.text(kicker, M.left + CONTENT_W - d.widthOfString(kicker), 36, { lineBreak: false });
      d.lineWidth(0.4).strokeColor('#bbbbbb').moveTo(M.left, 50).lineTo(M.left + CONTENT_W, 50).stroke();
    }
    const pageText = `Page ${i + 1} sur ${n}`;
    d.font('regular').fontSize(8).fillColor(MUTED);
    if (model.footerText) d.text(fitLine(d, w.t(model.footerText), CONTENT_W - d.widthOfString(pageText) - 20), M.left, A4.height - 44, { lineBreak: false });
    d.text(pageText, M.left + CONTENT_W - d.widthOfString(pageText), A4.height - 44, { lineBreak: false });
    d.page.margins = saved;
  }
  d.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages: n, signatures: w.signatures, headings: w.headings };
}
