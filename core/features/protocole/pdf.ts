// The document model drawn as a PDF with pdfkit: A4, fonts embedded (subset), tagged PDF/A-2a in French (issue 16:
// structure tree, XMP metadata, sRGB output intent), a table of contents with dot leaders, page numbers and links,
// bookmarks, running header and footer with « Page X sur N », and « Projet » on every page of a draft. Pages are
// buffered: the table of contents is filled in once every heading's page is known, and the header and footer are
// drawn in a last pass, as artifacts. The blocks themselves are drawn by pdf-writer.ts.
// Text is left-aligned and tables are drawn by hand (pdfkit's justify and table() were measured far slower).
type PDFStructureElement = ReturnType<PDFKit.PDFDocument['struct']>;
import type { FontFace } from './fonts';
import type { Block, DocumentModel, SignaturePlace } from './model-types';
import { ACCENT, A4, BOTTOM, CONTENT_W, INK, M, MUTED, PdfWriter } from './pdf-writer';

export interface RenderHooks {
  /** Called between blocks: report progress, throw to stop (cancel). */
  step?(done: number, total: number): void;
}

export interface PdfResult { pdf: Buffer; pages: number; signatures: SignaturePlace[]; headings: { text: string; level: number; page: number }[] }

type Doc = PDFKit.PDFDocument;

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

interface OutlineNode { children: OutlineNode[]; outlineData: { Count?: number } }
/**
 * The bookmarks' Count entries, which pdfkit writes only for expanded items: the root counts its visible entries,
 * an item with children a negative count (closed), as ISO 32000 asks (PDFBox's preflight checks it).
 */
function outlineCounts(node: OutlineNode, root = false): void {
  for (const c of node.children) outlineCounts(c);
  if (root) node.outlineData.Count = node.children.length;
  else if (node.children.length && node.outlineData.Count === undefined) node.outlineData.Count = -node.children.length;
}

const TOC_LINE = 17;
const TOC_FIRST = Math.floor((BOTTOM - M.top - 50) / TOC_LINE);
const TOC_NEXT = Math.floor((BOTTOM - M.top) / TOC_LINE);

/** Each signatory's box: the place where a drawn or visible signature goes (`SignaturePlace`, unchanged geometry). */
function signatureBlocks(w: PdfWriter, b: Extract<Block, { kind: 'signatures' }>): void {
  const d = w.doc;
  const colW = (CONTENT_W - 20) / 2;
  const boxH = 190;
  const place = b.place.trim() || '…………………………';
  b.blocks.forEach((s, i) => {
    if (i % 2 === 0) w.ensure(boxH + 10);
    const x = M.left + (i % 2) * (colW + 20);
    const y = d.y;
    w.artifact(() => d.lineWidth(0.6).strokeColor('#9a9a9a').rect(x, y, colW, boxH).stroke());
    const rect = { x: x + 8, y: y + 106, width: colW - 16, height: boxH - 114 };
    const div = d.struct('Div');
    w.root.add(div);
    const line = (face: FontFace, size: number, color: string, text: string, dy: number, height: number) =>
      div.add(w.el('P', () => d.font(face).fontSize(size).fillColor(color).text(w.t(text), x + 8, y + dy, { width: colW - 16, height, ellipsis: true })));
    line('bold', 10, INK, s.organisation, 8, 28);
    line('regular', 10, INK, s.name, 38, 14);
    line('italic', 9, MUTED, s.role || '—', 53, 24);
    // « Fait à …, » then « le …… » on a line of its own: a visible signature writes its date there (issue 16,
    // branch signverify; core/features/signing/boxes.ts finds that place by the named destination below).
    line('regular', 9, INK, `Fait à ${place},`, 80, 12);
    const le = w.t('le ');
    const dots = '…………………………';
    div.add(w.el('P', () => d.font('regular').fontSize(9).fillColor(INK).text(le + dots, x + 8, y + 92, { lineBreak: false })));
    w.artifact(() => d.lineWidth(0.4).strokeColor('#c8c8c8').dash(3, { space: 3 }).rect(rect.x, rect.y, rect.width, rect.height).stroke().undash());
    div.add(w.el('P', () => d.font('italic').fontSize(7).fillColor(MUTED).text('Signature', rect.x + 4, rect.y + 4, { lineBreak: false })));
    div.end();
    w.signatures.push({ signatoryId: s.id, page: w.page, ...rect });
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

function block(w: PdfWriter, b: Block, next: Block | undefined, after: Block | undefined): void {
  const d = w.doc;
  switch (b.kind) {
    case 'heading':
      // Kept with what follows: a partner's heading, its contact line and its table's first rows stay together.
      return w.heading(b, w.keepNext(next) + (next?.kind === 'para' && after?.kind === 'table' ? w.keepNext(after) : 0));
    case 'para':
      return w.para(b.runs, b.tone === 'small' ? 9 : 10.5, b.tone === 'muted' || b.tone === 'small' ? MUTED : INK);
    case 'list':
      return w.list(b);
    case 'table':
      return w.table(b);
    case 'signatures':
      return signatureBlocks(w, b);
    case 'chart':
      return w.chart(b);
    case 'pageBreak':
      if (d.y > M.top + 1) w.newPage();
      return;
  }
}

function titlePage(w: PdfWriter, model: DocumentModel): void {
  const d = w.doc;
  w.tag('P', () => d.font('semibold').fontSize(13).fillColor(ACCENT).text(w.t(model.titlePage.kicker), M.left, 190, { width: CONTENT_W, align: 'center' }));
  d.moveDown(1.2);
  const long = model.titlePage.title.length > 300;
  w.tag('H1', () => d.font('bold').fontSize(long ? 11 : 24).fillColor(INK).text(w.t(model.titlePage.title), M.left, d.y, { width: CONTENT_W, align: 'center', height: BOTTOM - d.y - 200, ellipsis: true }));
  d.moveDown(1.5);
  for (const line of model.titlePage.lines) {
    w.tag('P', () => d.font('regular').fontSize(11).fillColor(INK).text(w.t(line), M.left, d.y, { width: CONTENT_W, align: 'center', height: 60, ellipsis: true }));
    d.moveDown(0.3);
  }
}

/** The table of contents: dot leaders, the page number, and the whole line a link to its heading. */
function fillToc(w: PdfWriter, toc: PDFStructureElement, tocStart: number): void {
  const d = w.doc;
  d.switchToPage(tocStart - 1);
  toc.add(w.el('H1', () => d.font('semibold').fontSize(18).fillColor(ACCENT).text('Sommaire', M.left, M.top, { width: CONTENT_W })));
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
    const textW = d.widthOfString(text);
    const lineY = y;
    const item = d.struct('TOCI');
    toc.add(item);
    const link = d.struct('Link');
    item.add(link);
    link.add(w.el('Span', () => d.text(text, M.left + indent, lineY, { lineBreak: false })));
    d.font('regular').fontSize(e.level === 1 ? 11 : 10);
    const unit = d.widthOfString(' .');
    const room = CONTENT_W - indent - textW - numW - 10;
    const dots = room > unit * 3 ? ' .'.repeat(Math.floor(room / unit)) : '';
    if (dots) w.artifact(() => d.fillColor('#8a8a8a').text(dots, M.left + CONTENT_W - numW - 6 - d.widthOfString(dots), lineY, { lineBreak: false }));
    link.add(w.el('Span', () => d.fillColor(INK).text(num, M.left + CONTENT_W - numW, lineY, { lineBreak: false })));
    d.goTo(M.left + indent, lineY, CONTENT_W - indent, TOC_LINE - 3, e.dest, { structParent: link, Contents: new String(`${e.text}, page ${e.page}`) } as never);
    link.end();
    item.end();
    y += TOC_LINE;
    onPage++;
  }
  toc.end();
}

interface BufferedPage { content: { end(chunk?: unknown): void }; dictionary: { data: { Contents: unknown } } }

/**
 * Bounded memory (issue 22): pdfkit keeps a buffered page's content as one small array per drawing operator until
 * the document ends (hundreds of kilobytes a page, gigabytes for a contrat of 100 000 items). Once the next page is
 * begun, a page's content so far is complete: it is compressed and written to the output at once, and the page gets
 * a second content stream (`/Contents [body late]`, read as their concatenation, ISO 32000 § 7.8.2) for what is
 * drawn on it at the end — the table of contents and the running header and footer, which need every heading's page
 * and the page count. The page's dictionary and resources stay (small) until the end.
 */
function sealPreviousPage(d: Doc): void {
  const pages = (d as unknown as { _pageBuffer: BufferedPage[] })._pageBuffer;
  const page = pages[pages.length - 2];
  if (!page || Array.isArray(page.dictionary.data.Contents)) return;
  const body = page.content;
  body.end();
  const late = d.ref({});
  page.content = late;
  page.dictionary.data.Contents = [body, late];
  // pdfkit caches the layout of every distinct word of each font for the document's life (the numbers of 100 000
  // items make as many words): the caches start again every few pages, so that they hold the words in use.
  if (pages.length % 16 === 0) {
    for (const font of Object.values((d as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies)) {
      if (font.layoutCache) font.layoutCache = Object.create(null) as object;
    }
  }
}

/**
 * The output in blocks of 64 kB (pdfkit emits one small chunk per line of the file), read from the
 * document's stream at each page and at the end, and handed to `emit` at once (written to the file by the export):
 * in flowing mode the chunks would wait in the stream until the event loop turns, that is until the whole document
 * is laid out.
 */
function collector(d: Doc, emit: (block: Buffer) => void): { drain(): void; done(): void } {
  let pending: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length) emit(Buffer.concat(pending));
    pending = [];
    size = 0;
  };
  return {
    drain() {
      for (let c = d.read() as Uint8Array | null; c !== null; c = d.read() as Uint8Array | null) {
        pending.push(c);
        size += c.length;
        if (size >= 1 << 16) flush();
      }
    },
    done() {
      this.drain();
      flush();
    },
  };
}

/** The PDF as bytes in memory (tests, signing, frozen versions). */
export async function renderPdf(model: DocumentModel, hooks: RenderHooks = {}): Promise<PdfResult> {
  const blocks: Buffer[] = [];
  const r = await writePdf(model, (b) => blocks.push(b), hooks);
  return { pdf: Buffer.concat(blocks), ...r };
}

/**
 * The PDF written block by block to `emit` as it is laid out (the export writes them to its file: the document is
 * never held whole in memory, issue 22). A throw of `emit` or of `hooks.step` stops the layout.
 */
export async function writePdf(model: DocumentModel, emit: (block: Buffer) => void, hooks: RenderHooks = {}): Promise<Omit<PdfResult, 'pdf'>> {
  const w = new PdfWriter({ title: model.titlePage.title.slice(0, 500), subject: model.subject, keywords: model.keywords });
  const d = w.doc;
  const out = collector(d, emit);
  d.on('pageAdded', () => sealPreviousPage(d));
  // Read as it is written: end() writes hundreds of thousands of lines at once (every page, the structure tree, the
  // cross-reference table), which would otherwise wait in the stream, one small chunk each, until it returns.
  const docWrite = d as unknown as { _write(data: unknown): void };
  const write = docWrite._write;
  let lines = 0;
  docWrite._write = function (data: unknown) {
    write.call(this, data);
    if (++lines % 1024 === 0) out.drain();
  };
  let fail: (err: unknown) => void = () => undefined;
  const ended = new Promise<void>((resolve, reject) => {
    fail = reject;
    d.on('end', resolve);
    d.on('error', reject);
  });

  titlePage(w, model);

  // Table of contents: its pages reserved now, filled at the end (its element placed here in the structure).
  const entries = model.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.toc);
  const tocPages = entries.length <= TOC_FIRST ? 1 : 1 + Math.ceil((entries.length - TOC_FIRST) / TOC_NEXT);
  d.addPage();
  const tocStart = w.page;
  const toc = d.struct('TOC');
  w.root.add(toc);
  d.outline.addItem('Sommaire');
  for (let i = 1; i < tocPages; i++) d.addPage();
  d.addPage();

  const total = model.blocks.length;
  for (let i = 0; i < total; i++) {
    const b = model.blocks[i];
    if (i % 50 === 0) hooks.step?.(i, total);
    // A page break right after the table of contents would leave an empty page.
    if (b.kind === 'pageBreak' && d.y <= M.top + 1) continue;
    block(w, b, model.blocks[i + 1], model.blocks[i + 2]);
  }
  hooks.step?.(total, total);
  fillToc(w, toc, tocStart);
  w.root.end();

  // Running header and footer, « Page X sur N », and « Projet » on every page of a draft: artifacts.
  const range = d.bufferedPageRange();
  const n = range.count;
  for (let i = 0; i < n; i++) {
    d.switchToPage(range.start + i);
    const saved = d.page.margins;
    d.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    w.artifact(() => {
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
    }, 'Pagination');
    if (model.draft) {
      w.artifact(() => {
        d.font('bold').fontSize(11).fillColor('#b3261e');
        const mark = 'Projet';
        d.text(mark, (A4.width - d.widthOfString(mark)) / 2, 20, { lineBreak: false });
      }, 'Pagination');
    }
    d.page.margins = saved;
    // Its header and footer in one chunk rather than one per operator, until the page is written at the end.
    const late = d.page.content as unknown as { buffer: Uint8Array[] };
    late.buffer = [Buffer.concat(late.buffer)];
  }
  outlineCounts(d.outline as unknown as OutlineNode, true);
  d.end();
  // Read what end() wrote; anything pdfkit would write later (a reference ended after end()) is read as it comes.
  out.drain();
  d.on('readable', () => {
    try {
      out.drain();
    } catch (err) {
      fail(err); // the file could not be written: the export fails, its temporary file removed
    }
  });
  await ended;
  out.done();
  return { pages: n, signatures: w.signatures, headings: w.headings };
}
