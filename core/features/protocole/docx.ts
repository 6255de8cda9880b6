// The document model as a DOCX (docx 9): real heading styles (named « heading 1 »… with an outline level, so that
// LibreOffice's navigator and Word's table of contents see them: docx's own Heading styles carry none), a table
// of contents field updated on opening (updateFields), header and footer with « Page X sur N », the Source Sans 3
// fonts embedded, A4, charts as PNG images drawn from the same geometry as the PDF's (chart.ts → resvg).
import { readFileSync } from 'node:fs';
import {
  AlignmentType, BorderStyle, CharacterSet, Document, Footer, Header, HeadingLevel, ImageRun, Packer, PageBreak,
  PageNumber, Paragraph, ShadingType, Table, TableCell, TableOfContents, TableRow, TabStopType, TextRun, WidthType,
} from 'docx';
import { chartSvg } from './chart';
import { chartAlt } from './chart-alt';
import { FONT_FAMILY, fontDir, fontPath } from './fonts';
import type { Block, DocumentModel, Run } from './model-types';
import type { RenderHooks } from './pdf';
import { streamDocx, xmlOf } from './docx-stream';
import { frenchTypography } from './typography';

const FONT = FONT_FAMILY;
const t = (s: string) => frenchTypography(s);
// Twentieths of a point: A4 and 2.2 cm margins.
const PAGE = { width: 11906, height: 16838, margin: 1247 };
const CONTENT_TWIPS = PAGE.width - 2 * PAGE.margin;

function heading(level: 1 | 2 | 3, size: number, color: string) {
  return {
    id: `Heading${level}`,
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: FONT, size, bold: true, color },
    paragraph: { outlineLevel: level - 1, keepNext: true, spacing: { before: level === 1 ? 360 : 240, after: 120 } },
  };
}

function runs(list: Run[], opts: { size?: number; color?: string } = {}): TextRun[] {
  // The font comes from the document's default style: not repeated on each run (the XML of 10 000 items stays small).
  return list.map((r) => new TextRun({ text: t(r.text), bold: r.bold, italics: r.italic, size: opts.size, color: opts.color }));
}

function cell(text: string, widthPct: number, header = false, right = false): TableCell {
  // Margins are the table's, the shading only the header's: per-cell properties made the DOCX of 10 000 items slow.
  // A header cell's paragraphs keep with the next row: a table's header never stays alone at a page's foot.
  return new TableCell({
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E8EEF5', color: 'auto' } } : {}),
    children: t(text).split('\n').map((line) => new Paragraph({
      ...(header ? { keepNext: true } : {}), ...(right ? { alignment: AlignmentType.RIGHT } : {}),
      children: [new TextRun({ text: line, bold: header, size: 17 })],
    })),
  });
}

let pngCache: { key: string; fonts: string[] } | null = null;
function chartPng(svg: string): Buffer {
  // Loaded on first use only: a native add-on the protocole itself does not need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  pngCache ??= { key: fontDir(), fonts: [fontPath('regular'), fontPath('semibold')] };
  const r = new Resvg(svg, { font: { fontFiles: pngCache.fonts, loadSystemFonts: false, defaultFontFamily: FONT }, fitTo: { mode: 'zoom', value: 2 } });
  return Buffer.from(r.render().asPng());
}

const TABLE = { width: { size: 100, type: WidthType.PERCENTAGE }, margins: { top: 60, bottom: 60, left: 80, right: 80 } } as const;

/** A table block's rows, each made when asked for (a table of 25 000 rows is streamed row by row). */
function tableRows(b: Extract<Block, { kind: 'table' }>) {
  const total = b.widths.reduce((a, w) => a + w, 0);
  const pct = b.widths.map((w) => Math.round((w / total) * 100));
  const right = new Set(b.numeric ?? []);
  return {
    header: new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h, i) => cell(h, pct[i], true, right.has(i))) }),
    row: (r: number) => new TableRow({ children: b.rows[r].map((c, i) => cell(c, pct[i], false, right.has(i))) }),
    total: b.total ? new TableRow({ cantSplit: true, children: b.total.map((c, i) => cell(c, pct[i], true, right.has(i))) }) : null,
  };
}

/**
 * A block's XML in pieces, as `docx` writes it in the document: a table's opening (its properties and header row) as
 * `docx` writes a table of that one row, then each row on its own, then its end.
 */
function* blockXml(doc: Document, b: Block): Generator<string> {
  if (b.kind !== 'table') {
    for (const c of blockToDocx(b)) yield xmlOf(doc, c);
    return;
  }
  const rows = tableRows(b);
  const head = xmlOf(doc, new Table({ ...TABLE, rows: [rows.header] }));
  if (!head.endsWith('</w:tbl>')) throw new Error('DOCX : tableau inattendu');
  yield head.slice(0, -'</w:tbl>'.length);
  for (let r = 0; r < b.rows.length; r++) yield xmlOf(doc, rows.row(r));
  if (rows.total) yield xmlOf(doc, rows.total);
  yield '</w:tbl>';
  yield xmlOf(doc, new Paragraph({ text: '' }));
}

function blockToDocx(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: b.level === 1 ? HeadingLevel.HEADING_1 : b.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: [new TextRun({ text: t(b.text) })] })];
    case 'para':
      return [new Paragraph({ spacing: { after: 100 }, children: runs(b.runs, b.tone === 'small' ? { size: 18, color: '555555' } : b.tone === 'muted' ? { color: '555555' } : {}) })];
    case 'list':
      return b.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
    case 'table': {
      const rows = tableRows(b);
      return [new Table({ ...TABLE, rows: [rows.header, ...b.rows.map((_, r) => rows.row(r)), ...(rows.total ? [rows.total] : [])] }), new Paragraph({ text: '' })];
    }
    case 'signatures': {
      const place = b.place.trim() || '…………………………';
      const box = (s: (typeof b.blocks)[number]) =>
        new TableCell({
          width: { size: 50, type: WidthType.PERCENTAGE },
          margins: { top: 100, bottom: 100, left: 120, right: 120 },
          children: [
            new Paragraph({ children: [new TextRun({ text: t(s.organisation), bold: true, font: FONT })] }),
            new Paragraph({ children: [new TextRun({ text: t(s.name), font: FONT })] }),
            new Paragraph({ children: [new TextRun({ text: t(s.role || '—'), italics: true, color: '555555', font: FONT })] }),
            // No-break spaces: « Fait à …, le … » stays on one line.
            new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: t(`Fait à ${place}, le ……………`).replace(/ /g, '\u00a0'), size: 19, font: FONT })] }),
            new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: 'Signature', italics: true, size: 14, color: '777777', font: FONT })] }),
            ...[1, 2, 3, 4].map(() => new Paragraph({ text: '' })),
          ],
        });
      const rows: TableRow[] = [];
      for (let i = 0; i < b.blocks.length; i += 2) {
        const pair = b.blocks.slice(i, i + 2);
        rows.push(new TableRow({ cantSplit: true, children: [box(pair[0]), pair[1] ? box(pair[1]) : new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: [new Paragraph('')] })] }));
      }
      return [new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows })];
    }
    case 'chart':
      return [new Paragraph({ children: [new ImageRun({ type: 'png', data: chartPng(chartSvg(b.chart)), transformation: { width: 480, height: 200 }, altText: { name: b.chart.title.slice(0, 200), description: b.alt ?? chartAlt(b.chart), title: b.chart.title.slice(0, 200) } })] })];
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/** The title page, the table of contents and the page break after it: what comes before the model's blocks. */
function front(model: DocumentModel): (Paragraph | Table | TableOfContents)[] {
  // The title page through its styles (Subtitle, Title, « Page de titre »), not direct formatting.
  const children: (Paragraph | Table | TableOfContents)[] = [];
  children.push(new Paragraph({ style: 'Subtitle', children: [new TextRun(t(model.titlePage.kicker))] }));
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: t(model.titlePage.title), ...(model.titlePage.title.length > 300 ? { size: 22 } : {}) })] }));
  for (const line of model.titlePage.lines) children.push(new Paragraph({ style: 'TitlePageLine', children: [new TextRun(t(line))] }));
  children.push(new Paragraph({ children: [new PageBreak()] }));
  children.push(new Paragraph({ children: [new TextRun({ text: 'Sommaire', bold: true, size: 36, color: '1F4E79', font: FONT })] }));
  children.push(new TableOfContents('Sommaire', { hyperlink: true, headingStyleRange: '1-2' }));
  children.push(new Paragraph({ children: [new PageBreak()] }));
  return children;
}

/**
 * The document as one `docx` Document: kept for a model with charts (the note de COPIL: its images are numbered by
 * the package as a whole), and the reference the streamed writer is tested against, byte for byte.
 */
export async function renderDocxWhole(model: DocumentModel, hooks: RenderHooks = {}): Promise<Buffer> {
  const children = front(model);
  const total = model.blocks.length;
  model.blocks.forEach((b, i) => {
    if (i % 50 === 0) hooks.step?.(i, total);
    children.push(...blockToDocx(b));
  });
  hooks.step?.(total, total);
  return Packer.toBuffer(documentOf(model, children));
}

/**
 * The document (issue 22, bounded memory): `docx` writes the package with, in the body, only the headings the table of
 * contents lists, between marker paragraphs — so that it fills the table of contents and bookmarks those headings as
 * for the whole document — and every other block is written on its own into the streamed document.xml
 * (docx-stream.ts), so that the contrat's blocks never exist all at once as `docx` objects and XML. A model with
 * charts goes through `renderDocxWhole`.
 */
export async function renderDocx(model: DocumentModel, hooks: RenderHooks = {}): Promise<Buffer> {
  if (model.blocks.some((b) => b.kind === 'chart')) return renderDocxWhole(model, hooks);
  const nonce = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const markers: Paragraph[] = [];
  const mark = () => {
    const p = new Paragraph({ children: [new TextRun(`@@trame-blocs-${nonce}-${markers.length}@@`)] });
    markers.push(p);
    return p;
  };
  const kept = (i: number) => { const b = model.blocks[i]; return b.kind === 'heading' && b.level <= 2; };
  const children = [...front(model), mark()];
  model.blocks.forEach((b, i) => {
    if (kept(i)) children.push(...blockToDocx(b), mark());
  });
  const doc = documentOf(model, children);
  return streamDocx(doc, await Packer.toBuffer(doc), markers, model.blocks.length, kept, (i) => blockXml(doc, model.blocks[i]), hooks);
}

function documentOf(model: DocumentModel, children: (Paragraph | Table | TableOfContents)[]): Document {
  const small = (text: string) => new TextRun({ text, size: 16, color: '555555', font: FONT });
  const running = t(model.runningTitle.length > 90 ? `${model.runningTitle.slice(0, 89)}…` : model.runningTitle);
  return new Document({
    creator: 'Trame',
    title: model.titlePage.title.slice(0, 500),
    features: { updateFields: true },
    fonts: [{ name: FONT, data: readFileSync(fontPath('regular')), bold: readFileSync(fontPath('bold')), italic: readFileSync(fontPath('italic')), boldItalic: readFileSync(fontPath('boldItalic')), characterSet: CharacterSet.ANSI }],
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, language: { value: 'fr-FR' } } },
        title: { run: { font: FONT, size: 48, bold: true, color: '1A1A1A' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 480 } } },
      },
      paragraphStyles: [
        heading(1, 36, '1F4E79'), heading(2, 28, '1A1A1A'), heading(3, 24, '1A1A1A'),
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: FONT, size: 26, bold: true, color: '1F4E79' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 240 } } },
        { id: 'TitlePageLine', name: 'Page de titre', basedOn: 'Normal', next: 'Normal', run: { font: FONT }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 80 } } },
      ],
    },
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        headers: {
          default: new Header({ children: [...draftMark(model), new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_TWIPS }], border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'BBBBBB', space: 2 } }, children: [small(running), small(`\t${t(model.headerLabel)}`)] })] }),
          first: new Header({ children: model.draft ? draftMark(model) : [new Paragraph('')] }),
        },
        footers: {
          default: footer(model),
          first: footer(model),
        },
        children,
      },
    ],
  });
}

/** « Projet » at the top of every page of a draft (a frozen version has none). */
function draftMark(model: DocumentModel): Paragraph[] {
  return model.draft ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'Projet', bold: true, color: 'B3261E', size: 22, font: FONT })] })] : [];
}

function footer(model: DocumentModel): Footer {
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_TWIPS }],
        children: [
          new TextRun({ text: model.footerText ? t(model.footerText) : '', size: 16, color: '555555', font: FONT }),
          new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES], size: 16, color: '555555', font: FONT }),
        ],
      }),
    ],
  });
}
