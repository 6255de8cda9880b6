// The DOCX in bounded memory (issue 22): `docx` 9 builds the whole document as objects, then as one XML string, then
// zips it (3.6 GB for a contrat of 100 000 items). Here `docx` still writes every part of the package and every block,
// but the package is written around a marker paragraph, and its word/document.xml is re-zipped as a stream (fflate,
// already the spreadsheet's zip library): the XML before the marker, then each block's XML as `docx` formats it, one
// block at a time, then the XML after the marker. The XML is the same, byte for byte, as `docx` writes for the whole
// document (test/features/protocole/docx-stream.test.ts compares them): the serialiser below follows `docx`'s own
// (src/util/xml/stringify.ts of docx 9, MIT), which is not exported, for the objects `prepForXml` returns.
import { strToU8, unzipSync, Zip, ZipDeflate } from 'fflate';
import type { Document, Paragraph, Table, TableRow } from 'docx';
import type { RenderHooks } from './pdf';

type Xmlable = Record<string, unknown>;
interface Resolved { name: string | undefined; attributes: string[]; content: (Resolved | string)[] }

const ESCAPES = new Map([['&', '&amp;'], ['"', '&quot;'], ["'", '&apos;'], ['<', '&lt;'], ['>', '&gt;']]);
const escapeAll = (value: string) => value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES.get(c) ?? '');
const escapeValue = (value: unknown) => (typeof value === 'string' ? escapeAll(value) : value);

function resolve(data: Xmlable): Resolved {
  const name = Object.keys(data)[0];
  const values = name === undefined ? undefined : data[name];
  const attributes: string[] = [];
  const content: (Resolved | string)[] = [];
  const addAttributes = (attr: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(attr)) attributes.push(`${key}="${String(escapeValue(value))}"`);
  };
  if (typeof values === 'object') {
    if (values !== null) {
      const { _attr: attr, _cdata: cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
      if (attr) addAttributes(attr);
      if (cdata) content.push(`<![CDATA[${cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`);
      if (Array.isArray(values)) {
        let isStringContent = false;
        content.push('');
        for (const value of values as unknown[]) {
          if (typeof value === 'object' && value !== null) {
            if (Object.keys(value)[0] === '_attr') addAttributes((value as { _attr: Record<string, unknown> })._attr);
            else content.push(resolve(value as Xmlable));
          } else {
            content.pop();
            isStringContent = true;
            content.push(String(escapeValue(value)));
          }
        }
        if (!isStringContent) content.push('');
      }
    }
  } else content.push(String(escapeValue(values)));
  return { name, attributes, content };
}

function format(element: Resolved | string): string {
  if (typeof element !== 'object') return String(element);
  const { name, attributes, content } = element;
  const open = (name ? `<${name}` : '') + (attributes.length > 0 ? ` ${attributes.join(' ')}` : '') + (content.length > 0 ? (name ? '>' : '') : '/>');
  if (content.length === 0) return open;
  return open + content.map((child) => format(child)).join('') + (name ? `</${name}>` : '');
}

/** The XML `docx` writes for one element of `doc`'s body (a paragraph, a table, a table's row). */
export function xmlOf(doc: Document, component: Paragraph | Table | TableRow): string {
  const object = component.prepForXml({ viewWrapper: doc.Document, file: doc, stack: [] } as never);
  if (!object) throw new Error('élément DOCX sans XML');
  return format(resolve(object as Xmlable));
}

/**
 * The package `packed`, written by `docx` for `doc`, whose body ends with the paragraphs `markers` (m0, k1, m1, k2, …,
 * mN: the blocks `kept` says are kept — the headings listed in the table of contents, which `docx` bookmarks and lists
 * there — each between two markers), with the `count` blocks in place of the markers: block `i`'s XML is the pieces
 * `xmlAt(i)` gives, or for a kept block, its XML as `docx` wrote it in the package.
 */
export async function streamDocx(
  doc: Document,
  packed: Uint8Array,
  markers: Paragraph[],
  count: number,
  kept: (i: number) => boolean,
  xmlAt: (i: number) => Iterable<string>,
  hooks: RenderHooks = {},
): Promise<Buffer> {
  const parts = unzipSync(packed);
  const xml = new TextDecoder().decode(parts['word/document.xml']);
  // The XML between two markers: pieces[0] before the first, pieces[N + 1] after the last.
  const pieces: string[] = [];
  let from = 0;
  for (const marker of markers) {
    const markerXml = xmlOf(doc, marker);
    const at = xml.indexOf(markerXml, from);
    if (at < 0) throw new Error('DOCX : repère des blocs introuvable');
    pieces.push(xml.slice(from, at));
    from = at + markerXml.length;
  }
  pieces.push(xml.slice(from));
  const out: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else out.push(chunk);
  });
  for (const [name, data] of Object.entries(parts)) {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    if (name !== 'word/document.xml') {
      file.push(data, true);
      continue;
    }
    file.push(strToU8(pieces[0]));
    let next = 1;
    let pending = '';
    for (let i = 0; i < count; i++) {
      if (i % 50 === 0) {
        hooks.step?.(i, count);
        await new Promise((r) => setImmediate(r));
      }
      if (kept(i)) {
        if (next >= pieces.length - 1) throw new Error('DOCX : titres du sommaire en trop');
        pending += pieces[next++];
        continue;
      }
      for (const piece of xmlAt(i)) {
        pending += piece;
        if (pending.length >= 1 << 16) {
          file.push(strToU8(pending));
          pending = '';
        }
      }
    }
    if (next !== pieces.length - 1) throw new Error('DOCX : titres du sommaire manquants');
    hooks.step?.(count, count);
    file.push(strToU8(pending + pieces[next]), true);
  }
  zip.end();
  if (failed) throw failed;
  return Buffer.concat(out);
}
