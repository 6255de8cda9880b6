// Reading a CSV of measurements as an observatory or a partner sends it: bytes → text (UTF-8 with or without BOM,
// else Windows-1252), `;` or `,`, decimal comma or point, a header row with columns in any order. Pure (no store, no
// file): the preview, the import job, the CLI and the bench all go through `readMeasurementsCsv`.
import Papa from 'papaparse';
import { parseFrenchDate } from '../../../domain/french-dates';

export const CSV_COLUMNS = ['indicateur', 'date', 'valeur', 'perimetre', 'source', 'note'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['indicateur', 'date', 'valeur', 'perimetre'];
/** Beyond this, a file is refused before being read (a measurement export is a few MB). */
export const CSV_MAX_BYTES = 100 * 1024 * 1024;
/** Errors listed one by one; beyond, counted. */
export const CSV_MAX_LISTED = 200;

/** An indicator the CSV may name; `measured`: the « date|périmètre » of the measurements it already has. */
export interface CsvIndicator { id: string; title: string; unit: string | null; measured?: string[] }
export interface CsvMeasurement {
  line: number;
  nodeId: string;
  date: string;
  value: number;
  scope: 'qpv' | 'reference';
  source: string | null;
  note: string | null;
}
export interface CsvProblem { line: number; column: string | null; message: string }
export interface CsvReading {
  encoding: 'utf-8' | 'utf-16' | 'windows-1252';
  separator: ';' | ',' | '\t';
  rows: CsvMeasurement[];
  errors: CsvProblem[];
  errorCount: number;
  /** Plausible-range warnings (a percentage of 250, a negative count): imported only once confirmed. */
  outOfRange: CsvProblem[];
  outOfRangeCount: number;
}

export class CsvRefused extends Error {
  constructor(readonly problem: CsvProblem) {
    super(problem.message);
  }
}

/**
 * UTF-16 as Excel's « Texte Unicode » writes it: a BOM (FF FE little-endian, FE FF big-endian), or none but one NUL
 * byte in two (text of the Latin script). Null when the bytes are not UTF-16.
 */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  let evenNul = 0;
  let oddNul = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul * 10 >= n * 4 && evenNul === 0) return 'utf-16le';
  if (evenNul * 10 >= n * 4 && oddNul === 0) return 'utf-16be';
  return null;
}

function decodeUtf16(bytes: Uint8Array, kind: 'utf-16le' | 'utf-16be'): string {
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const body = bom ? bytes.subarray(2) : bytes;
  const le = kind === 'utf-16le' ? Buffer.from(body) : Buffer.from(body).swap16();
  try {
    return new TextDecoder('utf-16le', { fatal: true }).decode(le);
  } catch {
    throw new CsvRefused({ line: 1, column: null, message: 'Ce fichier se dit en UTF-16 mais contient des caractères invalides : enregistrez-le de nouveau en CSV UTF-8 depuis le tableur.' });
  }
}

/** BOM → UTF-8; UTF-16 (Excel's « Texte Unicode »); valid UTF-8 → UTF-8; else Windows-1252. Other NUL bytes: not a CSV. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16' | 'windows-1252' } {
  if (bytes.length === 0) throw new CsvRefused({ line: 1, column: null, message: 'Le fichier est vide : il doit commencer par une ligne d’en-tête (indicateur;date;valeur;perimetre).' });
  if (bytes.length > CSV_MAX_BYTES) {
    throw new CsvRefused({ line: 1, column: null, message: `Fichier trop gros (${Math.round(bytes.length / 1048576)} Mo, au plus ${CSV_MAX_BYTES / 1048576} Mo) : ce n’est pas un relevé de mesures.` });
  }
  const utf16 = utf16Of(bytes);
  if (utf16) {
    const text = decodeUtf16(bytes, utf16);
    if (text.includes('\u0000')) throw new CsvRefused({ line: 1, column: null, message: 'Ce fichier UTF-16 contient un caractère nul : ce n’est pas un texte CSV.' });
    return { text, encoding: 'utf-16' };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    let line = 1;
    for (let i = 0; i < nul; i++) if (bytes[i] === 10) line++;
    throw new CsvRefused({ line, column: null, message: `Ce fichier n’est pas un texte CSV (octet nul à la ligne ${line}) : exportez les mesures en CSV depuis le tableur.` });
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

// 0x80–0x9F of Windows-1252 (WHATWG table). Node's TextDecoder('windows-1252') decodes them as Latin-1 controls
// (measured: 0x92 gives U+0092, not « ’ »), so the table is applied here.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, i + CHUNK);
    const codes = new Array<number>(part.length);
    for (let j = 0; j < part.length; j++) {
      const b = part[j];
      codes[j] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/** « 12,5 », « 12.5 », « 1 234,5 », « -3 » → number; null if not a number. */
export function parseCsvNumber(raw: string): number | null {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return null;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  else if (comma >= 0) s = s.replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** The perimeter: the technical words, and the screen's own (« QPV », « Territoire de comparaison »). */
const QPV_WORDS = new Set(['qpv', 'quartier prioritaire', 'quartiers prioritaires']);
const REFERENCE_WORDS = new Set(['reference', 'ref', 'territoire de reference', 'territoire de comparaison', 'comparaison']);

function scopeOf(raw: string): 'qpv' | 'reference' | null {
  const p = plain(raw).replace(/\s+/g, ' ');
  if (QPV_WORDS.has(p)) return 'qpv';
  if (REFERENCE_WORDS.has(p)) return 'reference';
  return null;
}

/** A value outside what its unit allows, or null. */
export function rangeProblem(unit: string | null, value: number, plainUnit?: string): string | null {
  const u = plainUnit ?? plain(unit ?? '');
  if ((u === '%' || u.startsWith('pourcent') || u === 'taux') && (value < 0 || value > 100)) return `un pourcentage de ${String(value).replace('.', ',')} sort de 0 à 100`;
  if ((u.startsWith('nombre') || u === '€' || u.startsWith('euro')) && value < 0) return `une valeur négative (${String(value).replace('.', ',')}) pour une unité « ${unit} »`;
  return null;
}

/** Reads, checks and resolves every line; never throws for a bad line (it is listed), throws CsvRefused for a bad file. */
export function readMeasurementsCsv(bytes: Uint8Array, indicators: readonly CsvIndicator[], onProgress?: (done: number, total: number) => void): CsvReading {
  const { text, encoding } = decodeCsvBytes(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.trim() === '') throw new CsvRefused({ line: 1, column: null, message: 'La première ligne est vide : elle doit porter les noms des colonnes (indicateur;date;valeur;perimetre).' });
  // A tab-separated header (Excel's « Texte Unicode ») first; then the more frequent of « ; » and « , ».
  const separator: ';' | ',' | '\t' = firstLine.includes('\t') && !firstLine.includes(';')
    ? '\t'
    : (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) && firstLine.includes(';') ? ';' : ',';
  // The header first: a file that is not a measurement CSV (50 MB of garbage) is refused before being parsed whole.
  const head = Papa.parse<string[]>(text, { delimiter: separator, preview: 1 }).data[0] ?? [];
  const header = head.map((h) => plain(h));
  const cols = new Map<CsvColumn, number>();
  header.forEach((h, i) => {
    if (h === '' && i === header.length - 1) return; // a trailing separator
    const col = (CSV_COLUMNS as readonly string[]).includes(h) ? (h as CsvColumn) : null;
    if (!col) {
      const shown = head[i].trim().slice(0, 40);
      throw new CsvRefused({ line: 1, column: shown, message: `Ligne 1, colonne ${i + 1} : colonne inconnue « ${shown} ». Colonnes possibles : ${CSV_COLUMNS.join(', ')}.` });
    }
    if (cols.has(col)) throw new CsvRefused({ line: 1, column: col, message: `Ligne 1 : la colonne « ${col} » est présente deux fois.` });
    cols.set(col, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !cols.has(c));
  if (missing.length) {
    throw new CsvRefused({ line: 1, column: missing[0], message: `Ligne 1 : colonne obligatoire manquante : ${missing.map((m) => `« ${m} »`).join(', ')} (colonnes obligatoires : ${REQUIRED_COLUMNS.join(', ')}).` });
  }
  const data = Papa.parse<string[]>(text, { delimiter: separator, skipEmptyLines: 'greedy' }).data;
  if (data.length <= 1) throw new CsvRefused({ line: 2, column: null, message: 'Le fichier n’a que sa ligne d’en-tête : aucune mesure à importer.' });

  const byId = new Map(indicators.map((i) => [i.id, i] as const));
  const byTitle = new Map<string, CsvIndicator[]>();
  for (const i of indicators) {
    const t = i.title.normalize('NFC').trim();
    const list = byTitle.get(t);
    if (list) list.push(i);
    else byTitle.set(t, [i]);
  }
  const out: CsvReading = { encoding, separator, rows: [], errors: [], errorCount: 0, outOfRange: [], outOfRangeCount: 0 };
  // One measurement per indicator, date and perimeter: a line that repeats another, or one already in the contrat,
  // is refused with its line (a correction goes through « Corriger » on the indicator's card).
  const seen = new Map<string, number>();
  // Per indicator, its « date|périmètre » (no 200 000 joined strings built for a contrat of 200 000 measurements).
  const measured = new Map(indicators.map((i) => [i.id, new Set(i.measured ?? [])] as const));
  const fail = (line: number, column: string | null, message: string) => {
    out.errorCount++;
    if (out.errors.length < CSV_MAX_LISTED) out.errors.push({ line, column, message: `Ligne ${line}${column ? `, colonne « ${column} »` : ''} : ${message}` });
  };
  const cell = (row: string[], c: CsvColumn) => {
    const i = cols.get(c);
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  // A file repeats a few dates, perimeters and units over its lines: each distinct text is read once.
  const dates = new Map<string, ReturnType<typeof parseFrenchDate>>();
  const scopes = new Map<string, 'qpv' | 'reference' | null>();
  const units = new Map<string | null, string>();
  // Lines as the user counts them in a spreadsheet: header = 1. Quoted multi-line cells are rare in such exports.
  const lineOf = (index: number) => index + 1;
  for (let r = 1; r < data.length; r++) {
    if (onProgress && r % 5000 === 0) onProgress(r, data.length - 1);
    const row = data[r];
    const line = lineOf(r);
    if (row.length > header.length && row.slice(header.length).some((v) => v.trim() !== '')) {
      fail(line, null, `${row.length} valeurs pour ${header.length} colonnes (séparateur « ${separator} » attendu).`);
      continue;
    }
    let bad = false;
    const ref = cell(row, 'indicateur');
    let ind: CsvIndicator | undefined;
    if (ref === '') {
      fail(line, 'indicateur', 'indicateur manquant (son identifiant ou son titre exact).');
      bad = true;
    } else {
      ind = byId.get(ref);
      if (!ind) {
        const same = byTitle.get(ref.normalize('NFC'));
        if (!same) {
          fail(line, 'indicateur', `aucun indicateur du contrat n’a l’identifiant ou le titre « ${ref.slice(0, 80)} ».`);
          bad = true;
        } else if (same.length > 1) {
          fail(line, 'indicateur', `le titre « ${ref.slice(0, 80)} » désigne ${same.length} indicateurs : utilisez l’identifiant (${same.map((s) => s.id).join(', ')}).`);
          bad = true;
        } else ind = same[0];
      }
    }
    const dateRaw = cell(row, 'date');
    let date = dates.get(dateRaw);
    if (!date) dates.set(dateRaw, (date = parseFrenchDate(dateRaw)));
    if (!date.ok) {
      fail(line, 'date', date.message);
      bad = true;
    }
    const valueRaw = cell(row, 'valeur');
    const value = parseCsvNumber(valueRaw);
    if (value === null) {
      fail(line, 'valeur', valueRaw === '' ? 'valeur manquante.' : `« ${valueRaw.slice(0, 40)} » n’est pas un nombre (exemples : 12,5 ou 12.5).`);
      bad = true;
    }
    const scopeRaw = cell(row, 'perimetre');
    let scope = scopes.get(scopeRaw);
    if (scope === undefined) scopes.set(scopeRaw, (scope = scopeOf(scopeRaw)));
    if (scope === null) {
      fail(line, 'perimetre', `« ${cell(row, 'perimetre').slice(0, 40)} » : le périmètre est « QPV » ou « Territoire de comparaison » (ou « reference »).`);
      bad = true;
    }
    const source = cell(row, 'source');
    const note = cell(row, 'note');
    if (source.length > 200) {
      fail(line, 'source', 'source trop longue (au plus 200 caractères).');
      bad = true;
    }
    if (note.length > 2000) {
      fail(line, 'note', 'note trop longue (au plus 2 000 caractères).');
      bad = true;
    }
    if (bad || !ind || !date.ok || value === null || scope === null) continue;
    const when = `${date.iso}|${scope}`;
    const key = `${ind.id}|${when}`;
    const twin = seen.get(key);
    if (twin !== undefined) {
      fail(line, null, `même indicateur, même date et même périmètre que la ligne ${twin} : une seule mesure par date.`);
      continue;
    }
    seen.set(key, line);
    if (measured.get(ind.id)?.has(when)) {
      fail(line, null, `« ${ind.title.slice(0, 60)} » a déjà une mesure ${scope === 'qpv' ? 'QPV' : 'du territoire de comparaison'} à cette date dans le contrat : corrigez-la sur sa fiche plutôt que de l’ajouter une seconde fois.`);
      continue;
    }
    let unitOf = units.get(ind.unit);
    if (unitOf === undefined) units.set(ind.unit, (unitOf = plain(ind.unit ?? '')));
    const range = rangeProblem(ind.unit, value, unitOf);
    if (range) {
      out.outOfRangeCount++;
      if (out.outOfRange.length < CSV_MAX_LISTED) out.outOfRange.push({ line, column: 'valeur', message: `Ligne ${line}, colonne « valeur » : ${range} (indicateur « ${ind.title.slice(0, 60)} »).` });
    }
    out.rows.push({ line, nodeId: ind.id, date: date.iso, value, scope, source: source || null, note: note || null });
  }
  onProgress?.(data.length - 1, data.length - 1);
  return out;
}
