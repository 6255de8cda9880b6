// Reading a workbook (XLSX, ODS) or a CSV file into plain sheets of cells, within bounds: the file's size, the
// unpacked size (zip.ts), the rows, the cells and the time. Formulas are never evaluated: a cell's saved value is
// read, and a cell that has only a formula is marked so. Runs in the job worker.
import type * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import type { Cell } from './model/values';
import { kindOf, LIMITS, SheetRefused, storedZip, unzipBounded } from './zip';

export interface Merge { s: { r: number; c: number }; e: { r: number; c: number } }
export interface Sheet { name: string; rows: Cell[][]; merges: Merge[] }
export interface Workbook { format: 'xlsx' | 'ods' | 'csv'; sheets: Sheet[] }

const DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);

function serialToIso(serial: number, date1904: boolean): string | null {
  const ms = EPOCH_1900 + (serial + (date1904 ? 1462 : 0)) * DAY;
  if (!Number.isFinite(ms)) return null;
  const d = new Date(Math.round(ms / 1000) * 1000);
  const y = d.getUTCFullYear();
  if (y < 1900 || y > 2200) return null;
  return d.toISOString().slice(0, 10);
}

// Windows-1252's 0x80–0x9F by the WHATWG table (Node's own decoder may turn them into control characters): € ’ « œ…
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    const chunk = Array.from(bytes.subarray(i, i + 0x8000), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b));
    out += String.fromCharCode(...chunk);
  }
  return out;
}

function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

function readCsv(bytes: Uint8Array, name: string): Workbook {
  const text = decodeText(bytes);
  if (text.includes('\u0000')) throw new SheetRefused("ce n'est pas un fichier texte CSV (il contient des octets binaires).");
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= LIMITS.rows; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > LIMITS.rows) throw new SheetRefused(`le fichier compte plus de ${LIMITS.rows} lignes : il est refusé.`);
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [';', ',', '\t'], skipEmptyLines: false });
  if (parsed.data.length > LIMITS.rows) throw new SheetRefused(`le fichier compte ${parsed.data.length} lignes (au plus ${LIMITS.rows}).`);
  const rows: Cell[][] = parsed.data.map((r) => r.map((c) => (c.trim() === '' ? null : c)));
  return { format: 'csv', sheets: [{ name: name.replace(/\.csv$/i, ''), rows, merges: [] }] };
}

function sniffWorkbook(files: Map<string, Uint8Array>): 'xlsx' | 'ods' {
  const mimetype = files.get('mimetype');
  if (mimetype) {
    const m = new TextDecoder().decode(mimetype).trim();
    if (m !== 'application/vnd.oasis.opendocument.spreadsheet') throw new SheetRefused(`ce document OpenDocument n'est pas un classeur (type « ${m} »).`);
    const manifest = files.get('META-INF/manifest.xml');
    if (manifest && new TextDecoder().decode(manifest).includes('encryption-data')) {
      throw new SheetRefused('le classeur est protégé par un mot de passe : enregistrez-le sans mot de passe, puis recommencez.');
    }
    return 'ods';
  }
  if (files.has('[Content_Types].xml') && [...files.keys()].some((k) => k.startsWith('xl/'))) return 'xlsx';
  throw new SheetRefused("cette archive ZIP n'est pas un classeur XLSX ni ODS.");
}

/** Reads the file's bytes; `name` (its file name) tells a CSV apart. */
export function readWorkbook(bytes: Uint8Array, name: string, deadline = Date.now() + LIMITS.millis): Workbook {
  if (bytes.length > LIMITS.fileBytes) throw new SheetRefused(`le fichier pèse ${Math.round(bytes.length / 1048576)} Mo (au plus ${LIMITS.fileBytes / 1048576} Mo).`);
  if (bytes.length === 0) throw new SheetRefused('le fichier est vide.');
  const kind = kindOf(bytes);
  if (kind === 'ole') {
    const utf16 = Buffer.from('EncryptedPackage', 'utf16le');
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(utf16)) {
      throw new SheetRefused('le classeur est protégé par un mot de passe : enregistrez-le sans mot de passe, puis recommencez.');
    }
    throw new SheetRefused("c'est un classeur Excel 97-2003 (.xls), qui n'est pas lu : enregistrez-le en .xlsx ou .ods, puis recommencez.");
  }
  if (kind === 'other') {
    if (/\.csv$/i.test(name)) return readCsv(bytes, name);
    throw new SheetRefused("ce n'est pas un classeur : ni XLSX, ni ODS, ni CSV.");
  }
  const files = unzipBounded(bytes, deadline);
  const format = sniffWorkbook(files);
  let stored: Uint8Array | null = storedZip(files);
  files.clear();
  let wb: XLSX.WorkBook;
  // The reader reports number formats it approximates on the console: not the user's business (the CLI's stderr).
  const { error, warn } = console;
  console.error = console.warn = () => {};
  try {
    wb = sheetJs().read(Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength), {
      type: 'buffer', dense: true, cellFormula: true, cellNF: true, cellDates: false, cellHTML: false, cellText: false,
      cellStyles: false, sheetStubs: false, bookVBA: false, WTF: false, sheetRows: LIMITS.rows + 1,
    });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/password|encrypt/i.test(msg)) throw new SheetRefused('le classeur est protégé par un mot de passe : enregistrez-le sans mot de passe, puis recommencez.');
    throw new SheetRefused(`le classeur est endommagé et ne peut pas être lu (${msg}).`);
  } finally {
    console.error = error;
    console.warn = warn;
    // Let the collector take the archive while the cells are converted.
    stored = null;
  }
  if (Date.now() > deadline) throw new SheetRefused('la lecture du classeur prend trop de temps : il est refusé.');
  const date1904 = wb.Workbook?.WBProps?.date1904 === true;
  let cells = 0;
  const sheets: Sheet[] = [];
  for (const sheetName of wb.SheetNames) {
    const ws = wb.Sheets[sheetName];
    const data = ((ws as { '!data'?: (XLSX.CellObject[] | undefined)[] })['!data'] ?? []);
    if (data.length > LIMITS.rows) throw new SheetRefused(`la feuille « ${sheetName} » compte plus de ${LIMITS.rows} lignes : elle est refusée.`);
    const rows: Cell[][] = [];
    for (let r = 0; r < data.length; r++) {
      const src = data[r];
      const row: Cell[] = [];
      if (src) {
        for (let c = 0; c < src.length; c++) {
          const cell = src[c];
          if (!cell) {
            row.push(null);
            continue;
          }
          cells++;
          row.push(toCell(cell, date1904));
        }
      }
      rows.push(row);
    }
    if (cells > LIMITS.cells) throw new SheetRefused(`le classeur compte plus de ${LIMITS.cells} cellules : il est refusé.`);
    sheets.push({ name: sheetName, rows, merges: (ws['!merges'] ?? []) as Merge[] });
    // The reader's sheet is no longer needed once converted.
    delete wb.Sheets[sheetName];
  }
  return { format, sheets };
}

/**
 * SheetJS, loaded on first use: 0.7 MB that the CLI's other commands do not compile and the app's start does not run
 * (issue 22; `lazyLibraries` in build/scripts/build-node.mjs).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sheetJs = (): typeof XLSX => require('@e965/xlsx');

const dateFormats = new Map<string, boolean>();
/** Whether a number format shows a date (asked once per format: the reader's own test parses the format). */
function isDateFormat(z: string): boolean {
  const known = dateFormats.get(z);
  if (known !== undefined) return known;
  if (dateFormats.size > 1000) dateFormats.clear();
  const d = sheetJs().SSF.is_date(z) === true;
  dateFormats.set(z, d);
  return d;
}

function toCell(cell: XLSX.CellObject, date1904: boolean): Cell {
  if (cell.f !== undefined && (cell.v === undefined || cell.t === 'e')) return { formula: String(cell.f) };
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' && cell.v.trim() !== '' ? cell.v : null;
    case 'n': {
      const v = cell.v as number;
      if (typeof cell.z === 'string' && isDateFormat(cell.z)) {
        const iso = serialToIso(v, date1904);
        if (iso) return { date: iso };
      }
      return v;
    }
    case 'b':
      return cell.v === true;
    case 'd': {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return Number.isNaN(d.getTime()) ? null : { date: d.toISOString().slice(0, 10) };
    }
    case 'e':
      return { formula: String(cell.w ?? '#ERREUR') };
    default:
      return null;
  }
}
