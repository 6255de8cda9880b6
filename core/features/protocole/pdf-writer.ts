// The document model's blocks drawn with pdfkit, tagged (issue 16): each block is a structure element of the
// document (H1–H3, P, L/LI/Lbl/LBody, Table/TR/TH/TD, Figure with its alternative text), drawn inside its element so
// that its marked content belongs to it; rules, fills and frames are artifacts. Page breaks go through
// continueOnNewPage, which closes the open marked content on the old page and reopens it on the new one.
// Headings and a table's header row are kept with what follows them; table cells are hyphenated in French.
type PDFStructureElement = ReturnType<PDFKit.PDFDocument['struct']>;
import { chartAlt } from './chart-alt';
import { drawChart } from './pdf-chart';
import { fontPath, type FontFace } from './fonts';
import { hyphenateToWidth } from './hyphenate';
import type { Block, Run, SignaturePlace } from './model-types';
import { frenchTypography } from './typography';

export const A4 = { width: 595.28, height: 841.89 };
export const M = { top: 70, bottom: 70, left: 62, right: 62 };
export const CONTENT_W = A4.width - M.left - M.right;
export const BOTTOM = A4.height - M.bottom;
export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const ACCENT = '#1f4e79';

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
    if (/^[\x20-\x7e\u00a0-\u00ac\u00ae-\u017f\u2019\u202f\u2013\u2014\u2026«»€\n]*$/u.test(s)) return s;
    let out = '';
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      // Variation selectors and joiners of emoji sequences vanish with the emoji they modify; so does a soft hyphen.
      if (cp === 0x200d || cp === 0xad || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff)) continue;
      out += has(cp) ? ch : mark;
    }
    return out;
  };
}

/** Bookmarks hold plain text: no narrow spaces that some readers show as boxes, and a bounded length. */
export function bookmark(s: string): string {
  const t = s.replace(/\u202f/g, ' ');
  return t.length > 200 ? `${t.slice(0, 199)}…` : t;
}

interface RefPrototype { finalize(this: { data: Record<string, unknown> }): void; [LIGHT]?: true }
const LIGHT = Symbol('trame.lightStructElements');
/**
 * A structure element's dictionary, once written, keeps only its parent (pdfkit reads it to know the element is
 * complete, and writes K = null into it): pdfkit holds every element's reference until the end, for the structure
 * tree's ParentTree, and their entries (type, page, attributes) added up to tens of megabytes for 100 000 items
 * (issue 22). Done once on pdfkit's reference class, for structure elements only (an S and a P, no Type).
 */
function lightenWrittenElements(element: PDFStructureElement): void {
  const proto = Object.getPrototypeOf((element as unknown as { dictionary: object }).dictionary) as RefPrototype;
  if (proto[LIGHT]) return;
  const finalize = proto.finalize;
  proto.finalize = function (this: { data: Record<string, unknown> }) {
    finalize.call(this);
    const d = this.data;
    if (d && d.S !== undefined && d.P !== undefined && d.Type === undefined) this.data = { P: d.P };
  };
  proto[LIGHT] = true;
}

export interface WriterOptions { title: string; subject?: string; keywords?: string }

export class PdfWriter {
  readonly doc: Doc;
  private readonly safe: (s: string) => string;
  readonly headings: { text: string; level: number; page: number; dest: string }[] = [];
  readonly signatures: SignaturePlace[] = [];
  private outline: PDFKit.PDFOutline[] = [];
  /** The structure tree's root element (Document). */
  readonly root: PDFStructureElement;

  constructor(o: WriterOptions) {
    // Loaded on first use only: `trame import` and the app's start do not pay for pdfkit (85 ms to load).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const PDFDocument = require('pdfkit') as typeof import('pdfkit');
    this.doc = new PDFDocument({
      size: 'A4', margins: M, bufferPages: true, autoFirstPage: true, font: fontPath('regular'),
      info: { Creator: 'Trame', Producer: 'Trame (pdfkit)', Title: o.title, ...(o.subject ? { Subject: o.subject } : {}), ...(o.keywords ? { Keywords: o.keywords } : {}) },
      // Tagged PDF/A-2a: structure tree, language, Unicode text, embedded fonts, XMP and an sRGB output intent.
      lang: 'fr-FR', displayTitle: true, tagged: true, pdfVersion: '1.7', subset: 'PDF/A-2a',
    } as PDFKit.PDFDocumentOptions);
    const faces: FontFace[] = ['regular', 'bold', 'italic', 'boldItalic', 'semibold'];
    for (const f of faces) this.doc.registerFont(f, fontPath(f));
    // pdfkit caches a registered font under its name only when no font of the same PostScript name is loaded yet;
    // the constructor's font (given so that pdfkit never loads its Helvetica data) is that same file, so without
    // this line every font('regular') would parse the TTF again (measured: 10× slower).
    (this.doc as unknown as { _fontFamilies: Record<string, unknown>; _font: unknown })._fontFamilies.regular = (this.doc as unknown as { _font: unknown })._font;
    this.doc.font('regular');
    this.safe = glyphFilter(this.doc);
    this.root = this.doc.struct('Document');
    lightenWrittenElements(this.root);
    this.doc.addStructure(this.root);
  }

  t(s: string): string {
    return this.safe(frenchTypography(s));
  }

  get page(): number {
    return this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count;
  }

  /** A new page that carries the open marked content over (never a bare addPage inside a tagged element). */
  newPage(): void {
    this.doc.continueOnNewPage();
  }

  ensure(height: number): void {
    if (this.doc.y + height > BOTTOM) this.newPage();
  }

  /** Drawing that is not content (rules, fills, frames, running header and footer). */
  artifact(draw: () => void, type = 'Layout'): void {
    this.doc.markContent('Artifact', { type } as never);
    draw();
    this.doc.endMarkedContent();
  }

  /** A structure element whose content `draw` draws (when it is added to an element of the tree). */
  el(type: string, draw: () => unknown, options: Record<string, unknown> = {}): PDFStructureElement {
    return this.doc.struct(type, options as never, (() => void draw()) as never);
  }

  /** One structure element drawn by `draw`, added to `parent` (the document by default). */
  tag(type: string, draw: () => unknown, parent: PDFStructureElement = this.root, options: Record<string, unknown> = {}): void {
    parent.add(this.el(type, draw, options));
  }

  face(run: Run): FontFace {
    return run.bold && run.italic ? 'boldItalic' : run.bold ? 'bold' : run.italic ? 'italic' : 'regular';
  }

  runs(runs: Run[], size: number, color: string, opts: { indent?: number } = {}): void {
    const d = this.doc;
    const x = M.left + (opts.indent ?? 0);
    const width = CONTENT_W - (opts.indent ?? 0);
    d.fontSize(size).fillColor(color);
    const list = runs.filter((r) => r.text.length > 0);
    if (list.length === 0) return;
    const y0 = d.y;
    list.forEach((r, i) => {
      d.font(this.face(r));
      const text = this.t(r.text);
      if (i === 0) d.text(text, x, y0, { width, continued: i < list.length - 1, lineGap: 2 });
      else d.text(text, { width, continued: i < list.length - 1, lineGap: 2 });
    });
    d.moveDown(0.45);
  }

  para(runs: Run[], size: number, color: string): void {
    this.ensure(size * 1.4);
    this.tag('P', () => this.runs(runs, size, color));
  }

  /** `next`: the height of what must follow on the same page (a heading is never left alone at a page's foot). */
  heading(b: Extract<Block, { kind: 'heading' }>, next = 0): void {
    const d = this.doc;
    const size = b.level === 1 ? 18 : b.level === 2 ? 14 : 12;
    if (b.level === 1 && d.y > M.top + 1) d.moveDown(0.6);
    const text = this.t(b.text);
    d.font('semibold').fontSize(size);
    const own = d.heightOfString(text, { width: CONTENT_W, lineGap: 1 }) + size;
    this.ensure(Math.min(own + next, BOTTOM - M.top - 10));
    const page = this.page;
    const dest = `h${this.headings.length + 1}-${page}`;
    if (b.toc) {
      this.headings.push({ text: b.text, level: b.level, page, dest });
      if (b.level === 1) this.outline = [d.outline.addItem(bookmark(text))];
      else (this.outline[0] ?? d.outline).addItem(bookmark(text));
    }
    this.tag(`H${b.level}`, () => {
      d.font('semibold').fontSize(size).fillColor(b.level === 1 ? ACCENT : INK).text(text, M.left, d.y, { width: CONTENT_W, lineGap: 1, ...(b.toc ? { destination: dest } : {}) });
    });
    d.moveDown(b.level === 1 ? 0.5 : 0.3);
  }

  list(b: Extract<Block, { kind: 'list' }>): void {
    const d = this.doc;
    const L = d.struct('L');
    this.root.add(L);
    for (const item of b.items) {
      this.ensure(10.5 * 1.4);
      const li = d.struct('LI');
      L.add(li);
      const y0 = d.y;
      li.add(this.el('Lbl', () => d.font('regular').fontSize(10.5).fillColor(INK).text('•', M.left + 4, y0, { lineBreak: false })));
      li.add(this.el('LBody', () => {
        d.y = y0;
        this.runs(item, 10.5, INK, { indent: 14 });
      }));
      li.end();
    }
    L.end();
    d.moveDown(0.2);
  }

  table(b: Extract<Block, { kind: 'table' }>): void {
    const d = this.doc;
    const total = b.widths.reduce((a, w) => a + w, 0);
    const widths = b.widths.map((w) => (w / total) * CONTENT_W);
    const pad = 4;
    const size = 8.5;
    const numeric = new Set(b.numeric ?? []);
    const fit = (cells: string[], font: FontFace) => {
      d.font(font).fontSize(size);
      return cells.map((c, i) => (numeric.has(i) ? c : hyphenateToWidth(c, widths[i] - 2 * pad, (s) => d.widthOfString(s))));
    };
    const rowHeight = (cells: string[], font: FontFace) => {
      d.font(font).fontSize(size);
      return Math.max(...cells.map((c, i) => d.heightOfString(c || ' ', { width: widths[i] - 2 * pad, lineGap: 1 }))) + 2 * pad;
    };
    const table = d.struct('Table');
    this.root.add(table);
    const header = fit(b.header.map((c) => this.t(c)), 'bold');
    const headerH = rowHeight(header, 'bold');
    const drawRow = (cells: string[], font: FontFace, fill: string | null, height: number, cellTag: 'TH' | 'TD') => {
      const y = d.y;
      if (fill) this.artifact(() => d.rect(M.left, y, CONTENT_W, height).fill(fill));
      const tr = d.struct('TR');
      table.add(tr);
      let x = M.left;
      cells.forEach((c, i) => {
        const cx = x;
        tr.add(this.el(cellTag, () => {
          d.font(font).fontSize(size).fillColor(INK).text(c, cx + pad, y + pad, { width: widths[i] - 2 * pad, lineGap: 1, align: numeric.has(i) ? 'right' : 'left' });
        }, cellTag === 'TH' ? { scope: 'Column' } : {}));
        x += widths[i];
      });
      tr.end();
      this.artifact(() => d.lineWidth(0.4).strokeColor('#9a9a9a').rect(M.left, y, CONTENT_W, height).stroke());
      d.x = M.left;
      d.y = y + height;
    };
    // Each row fitted (typography, hyphenation) when it is drawn: a table of 25 000 rows is never held fitted at once.
    const fitted = (row: string[]) => fit(row.map((c) => this.t(c)), 'regular');
    // The header row is kept with the first row (and a heading before it with both, see `keepNext`).
    const firstH = b.rows.length ? Math.min(rowHeight(fitted(b.rows[0]), 'regular'), BOTTOM - M.top - headerH - 10) : 0;
    this.ensure(headerH + firstH + 4);
    drawRow(header, 'bold', '#e8eef5', headerH, 'TH');
    b.rows.forEach((row, r) => {
      const cells = fitted(row);
      const height = rowHeight(cells, 'regular');
      if (height > BOTTOM - M.top - headerH - 10) {
        // A row taller than a page (a very long text): printed as labelled paragraphs, so nothing is cut.
        cells.forEach((c, i) => this.para([{ text: `${b.header[i]} : `, bold: true }, { text: c }], size, INK));
        return;
      }
      if (d.y + height > BOTTOM) {
        this.newPage();
        drawRow(header, 'bold', '#e8eef5', headerH, 'TH');
      }
      drawRow(cells, 'regular', r % 2 ? '#f6f6f6' : null, height, 'TD');
    });
    if (b.total) {
      const cells = fit(b.total.map((c) => this.t(c)), 'bold');
      const height = rowHeight(cells, 'bold');
      if (d.y + height > BOTTOM) {
        this.newPage();
        drawRow(header, 'bold', '#e8eef5', headerH, 'TH');
      }
      drawRow(cells, 'bold', '#eef1f4', height, 'TD');
    }
    table.end();
    d.moveDown(0.8);
  }

  /** The height a block needs at the top of what follows a heading (keep with next). */
  keepNext(b: Block | undefined): number {
    if (!b) return 0;
    if (b.kind === 'table') return 110; // the header row and a first row of a few lines
    if (b.kind === 'chart') return 170;
    if (b.kind === 'heading') return 50;
    if (b.kind === 'para' || b.kind === 'list') return 30;
    return 0;
  }

  chart(b: Extract<Block, { kind: 'chart' }>): void {
    const d = this.doc;
    this.ensure(170);
    const y = d.y;
    this.tag('Figure', () => drawChart(d, b.chart, M.left, y, CONTENT_W, 150, (s) => this.t(s)), this.root, {
      alt: b.alt ?? chartAlt(b.chart), bbox: [M.left, y, M.left + CONTENT_W, y + 150],
    });
    d.x = M.left;
    d.y = y + 162;
  }
}
