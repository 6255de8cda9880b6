// The linked sheets written as an ODS workbook (OpenDocument, written here): the same cells as the XLSX — text as
// text (with the apostrophe before = + - @), numbers as floats, full dates as dates — a frozen header row
// (settings.xml) and a filter on each sheet (a database range with its buttons).
import { zipSync, strToU8, type Zippable } from 'fflate';
import { columnLetter } from './model/roles';
import type { OutCell, Table } from './model/tables';
import { isDateCell, neutralise } from './model/values';
import { xmlText } from './write-xlsx';

/** A text as OpenDocument paragraphs: line breaks, tabs and runs of spaces kept. */
function paragraphs(s: string): string {
  return s
    .split('\n')
    .map((line) => `<text:p>${xmlText(line).replace(/\t/g, '<text:tab/>').replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`).replace(/^ /, '<text:s/>')}</text:p>`)
    .join('');
}

function cellXml(v: OutCell, header: boolean): string {
  if (v === null) return '<table:table-cell/>';
  if (typeof v === 'number') return `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  if (isDateCell(v)) return `<table:table-cell table:style-name="date" office:value-type="date" office:date-value="${v.date}"><text:p>${v.date.split('-').reverse().join('/')}</text:p></table:table-cell>`;
  return `<table:table-cell${header ? ' table:style-name="head"' : ''} office:value-type="string">${paragraphs(neutralise(v))}</table:table-cell>`;
}

const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;

function tableXml(t: Table): string {
  const out = [`<table:table table:name="${xmlText(t.name)}"><table:table-column table:number-columns-repeated="${t.headers.length}"/>`];
  out.push(`<table:table-header-rows><table:table-row>${t.headers.map((h) => cellXml(h, true)).join('')}</table:table-row></table:table-header-rows>`);
  for (const row of t.rows) {
    let xml = '<table:table-row>';
    for (let c = 0; c < t.headers.length; c++) xml += cellXml(row[c] ?? null, false);
    out.push(`${xml}</table:table-row>`);
  }
  out.push('</table:table>');
  return out.join('');
}

const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"';

function settingsXml(tables: Table[]): string {
  const item = (name: string, type: string, value: string | number) => `<config:config-item config:name="${name}" config:type="${type}">${value}</config:config-item>`;
  const entries = tables
    .map((t) => `<config:config-item-map-entry config:name="${xmlText(t.name)}">${item('HorizontalSplitMode', 'short', 0)}${item('VerticalSplitMode', 'short', 2)}${item('HorizontalSplitPosition', 'int', 0)}${item('VerticalSplitPosition', 'int', 1)}${item('ActiveSplitRange', 'short', 2)}${item('PositionLeft', 'int', 0)}${item('PositionRight', 'int', 0)}${item('PositionTop', 'int', 0)}${item('PositionBottom', 'int', 1)}</config:config-item-map-entry>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-settings ${NS} office:version="1.3"><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>${item('ViewId', 'string', 'view1')}<config:config-item-map-named config:name="Tables">${entries}</config:config-item-map-named>${item('ActiveTable', 'string', xmlText(tables[0]?.name ?? ''))}</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>`;
}

export function writeOds(tables: Table[]): Uint8Array {
  const ranges = tables
    .map((t, i) => `<table:database-range table:name="__Anonymous_Sheet_DB__${i}" table:target-range-address="${xmlText(`${quote(t.name)}.A1:${quote(t.name)}.${columnLetter(t.headers.length - 1)}${t.rows.length + 1}`)}" table:display-filter-buttons="true"/>`)
    .join('');
  const content = `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${NS} office:version="1.3"><office:automatic-styles><number:date-style style:name="jjmmaaaa"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style><style:style style:name="date" style:family="table-cell" style:data-style-name="jjmmaaaa"/><style:style style:name="head" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles><office:body><office:spreadsheet>${tables.map(tableXml).join('')}<table:database-ranges>${ranges}</table:database-ranges></office:spreadsheet></office:body></office:document-content>`;
  const files: Zippable = {
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'META-INF/manifest.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    ),
    'styles.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ${NS} office:version="1.3"><office:styles><style:default-style style:family="table-cell"/></office:styles></office:document-styles>`),
    'content.xml': strToU8(content),
    'settings.xml': strToU8(settingsXml(tables)),
  };
  return zipSync(files, { level: 1 });
}
