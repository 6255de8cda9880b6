import { describe, expect, it } from 'vitest';
import { CsvRefused, decodeCsvBytes, parseCsvNumber, readMeasurementsCsv, type CsvIndicator } from '../../../core/features/indicators/model/csv';

const IND: CsvIndicator[] = [
  { id: 'i-chomage', title: 'Taux de chômage des 15-64 ans', unit: '%' },
  { id: 'i-jeunes', title: 'Jeunes accompagnés', unit: 'nombre' },
  { id: 'i-double-a', title: 'Même titre', unit: null },
  { id: 'i-double-b', title: 'Même titre', unit: null },
];
const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 bytes for the Latin-1 part of a string (é = 0xE9, « = 0xAB…), as Excel writes them. */
const cp1252 = (s: string) => Uint8Array.from([...s].map((c) => (c === '’' ? 0x92 : c === '€' ? 0x80 : c.charCodeAt(0))));
const refused = (bytes: Uint8Array): CsvRefused => {
  try {
    readMeasurementsCsv(bytes, IND);
  } catch (err) {
    if (err instanceof CsvRefused) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('decoding', () => {
  it('UTF-8 with a BOM, UTF-8 without, Windows-1252', () => {
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('é;x')]))).toEqual({ text: 'é;x', encoding: 'utf-8' });
    expect(decodeCsvBytes(utf8('périmètre'))).toEqual({ text: 'périmètre', encoding: 'utf-8' });
    expect(decodeCsvBytes(cp1252('périmètre l’an 5 €'))).toEqual({ text: 'périmètre l’an 5 €', encoding: 'windows-1252' });
  });

  it('numbers: decimal comma or point, thousands spaces', () => {
    expect(parseCsvNumber('12,5')).toBe(12.5);
    expect(parseCsvNumber('12.5')).toBe(12.5);
    expect(parseCsvNumber('1 234,5')).toBe(1234.5);
    expect(parseCsvNumber('1\u202f234')).toBe(1234);
    expect(parseCsvNumber('1.234,5')).toBe(1234.5);
    expect(parseCsvNumber('-3')).toBe(-3);
    for (const bad of ['', 'abc', '12,5%', '1e5', '--1', 'NaN', 'Infinity']) expect(parseCsvNumber(bad), bad).toBeNull();
  });
});

describe('reading a CSV of measurements', () => {
  it('`;` with decimal comma, columns in any order, ids and exact titles, French dates, optional source and note', () => {
    const text = 'perimetre;valeur;date;indicateur;source;note\r\nqpv;22,1;31/12/2024;i-chomage;ONPV;provisoire\r\nreference;9,2;2024;Taux de chômage des 15-64 ans;;\r\nQPV;120;juin 2025;Jeunes accompagnés;Mission locale;\r\n';
    const r = readMeasurementsCsv(utf8(text), IND);
    expect(r).toMatchObject({ encoding: 'utf-8', separator: ';', errorCount: 0, outOfRangeCount: 0 });
    expect(r.rows).toEqual([
      { line: 2, nodeId: 'i-chomage', date: '2024-12-31', value: 22.1, scope: 'qpv', source: 'ONPV', note: 'provisoire' },
      { line: 3, nodeId: 'i-chomage', date: '2024', value: 9.2, scope: 'reference', source: null, note: null },
      { line: 4, nodeId: 'i-jeunes', date: '2025-06', value: 120, scope: 'qpv', source: 'Mission locale', note: null },
    ]);
  });

  it('`,` with decimal point, headers with accents and capitals, a BOM, Windows-1252', () => {
    const r = readMeasurementsCsv(utf8('\ufeffIndicateur,Date,Valeur,Périmètre\ni-chomage,2025-12-31,21.5,qpv\n"Taux de chômage des 15-64 ans",2025,"8,9",référence\n'), IND);
    expect(r).toMatchObject({ separator: ',', errorCount: 0 });
    expect(r.rows.map((x) => [x.value, x.scope])).toEqual([[21.5, 'qpv'], [8.9, 'reference']]);
    const w = readMeasurementsCsv(cp1252('indicateur;date;valeur;périmètre;note\nJeunes accompagnés;2025;130;qpv;l’été\n'), IND);
    expect(w).toMatchObject({ encoding: 'windows-1252', errorCount: 0 });
    expect(w.rows[0].note).toBe('l’été');
  });

  it('the perimeter in the screen’s own words (« QPV », « Territoire de comparaison ») as well as the technical ones', () => {
    const text = 'indicateur;date;valeur;périmètre\ni-chomage;2023;23;QPV\ni-chomage;2023;9;Territoire de comparaison\ni-chomage;2024;8,9;territoire  de référence\ni-chomage;2024;22;Quartier prioritaire\n';
    const r = readMeasurementsCsv(utf8(text), IND);
    expect(r.errorCount).toBe(0);
    expect(r.rows.map((x) => x.scope)).toEqual(['qpv', 'reference', 'reference', 'qpv']);
  });

  it('lists each bad line with its line number, its column and why; the good lines stay ready', () => {
    const text = [
      'indicateur;date;valeur;perimetre',
      'i-chomage;2024;22,1;qpv',
      'inconnu;2024;1;qpv',
      'Même titre;2024;1;qpv',
      'i-chomage;32/13/2024;1;qpv',
      'i-chomage;2024;beaucoup;qpv',
      'i-chomage;2024;1;quartier',
      'i-chomage;2024;;qpv',
    ].join('\n');
    const r = readMeasurementsCsv(utf8(text), IND);
    expect(r.rows).toHaveLength(1);
    expect(r.errorCount).toBe(6);
    const byLine = Object.fromEntries(r.errors.map((e) => [e.line, e]));
    expect(byLine[3]).toMatchObject({ column: 'indicateur' });
    expect(byLine[3].message).toMatch(/^Ligne 3, colonne « indicateur » : aucun indicateur du contrat n’a l’identifiant ou le titre « inconnu »/);
    expect(byLine[4].message).toMatch(/désigne 2 indicateurs : utilisez l’identifiant \(i-double-a, i-double-b\)/);
    expect(byLine[5]).toMatchObject({ column: 'date' });
    expect(byLine[6].message).toMatch(/Ligne 6, colonne « valeur » : « beaucoup » n’est pas un nombre/);
    expect(byLine[7]).toMatchObject({ column: 'perimetre' });
    expect(byLine[8].message).toMatch(/valeur manquante/);
  });

  it('flags values outside a plausible range for confirmation, without refusing them', () => {
    const r = readMeasurementsCsv(utf8('indicateur;date;valeur;perimetre\ni-chomage;2024;250;qpv\ni-jeunes;2024;-4;qpv\ni-chomage;2024;-0,5;reference\ni-jeunes;2025;0;qpv\n'), IND);
    expect(r.errorCount).toBe(0);
    expect(r.rows).toHaveLength(4);
    expect(r.outOfRangeCount).toBe(3);
    expect(r.outOfRange[0].message).toMatch(/Ligne 2, colonne « valeur » : un pourcentage de 250 sort de 0 à 100/);
    expect(r.outOfRange[1].message).toMatch(/Ligne 3.*valeur négative \(-4\)/);
  });

  it('UTF-16 as Excel saves « Texte Unicode » (BOM, little- or big-endian, tab-separated) is read, not refused', () => {
    const text = 'Indicateur\tDate\tValeur\tPérimètre\r\nJeunes accompagnés\t2025\t130\tqpv\r\ni-chomage\t31/12/2024\t22,1\tréférence\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const bare = Buffer.from(text, 'utf16le');
    for (const bytes of [le, be, bare]) {
      const r = readMeasurementsCsv(new Uint8Array(bytes), IND);
      expect(r).toMatchObject({ encoding: 'utf-16', separator: '\t', errorCount: 0 });
      expect(r.rows.map((x) => [x.nodeId, x.date, x.value, x.scope])).toEqual([['i-jeunes', '2025', 130, 'qpv'], ['i-chomage', '2024-12-31', 22.1, 'reference']]);
    }
    // A lone surrogate in UTF-16: refused, said plainly.
    const broken = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('indicateur;date;valeur;perimetre\n', 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    expect(refused(new Uint8Array(broken)).message).toMatch(/se dit en UTF-16 mais contient des caractères invalides/);
  });

  it('a line repeating another, or a measurement the contrat already has, is an error naming its line', () => {
    const withMeasure = IND.map((i) => (i.id === 'i-chomage' ? { ...i, measured: ['2024|qpv'] } : i));
    const r = readMeasurementsCsv(utf8('indicateur;date;valeur;perimetre\ni-jeunes;2025;130;qpv\ni-jeunes;2025;131;qpv\ni-jeunes;2025;12;reference\ni-chomage;2024;22;qpv\ni-chomage;2024;9;reference\n'), withMeasure);
    expect(r.errorCount).toBe(2);
    expect(r.errors.map((e) => e.message)).toEqual([
      'Ligne 3 : même indicateur, même date et même périmètre que la ligne 2 : une seule mesure par date.',
      expect.stringMatching(/^Ligne 5 : « Taux de chômage des 15-64 ans » a déjà une mesure QPV à cette date dans le contrat : corrigez-la sur sa fiche/),
    ]);
    expect(r.rows.map((x) => x.line)).toEqual([2, 4, 6]);
  });

  it('refuses a bad file as a whole, naming the line and the column', () => {
    expect(refused(new Uint8Array()).message).toMatch(/Le fichier est vide/);
    expect(refused(utf8('\n\n')).message).toMatch(/première ligne est vide/);
    expect(refused(utf8('indicateur;date;valeur;perimetre;couleur\nx;2024;1;qpv;bleu')).problem).toMatchObject({ line: 1, column: 'couleur' });
    expect(refused(utf8('indicateur;date;valeur;perimetre;couleur\n')).message).toMatch(/Ligne 1, colonne 5 : colonne inconnue « couleur »/);
    expect(refused(utf8('indicateur;date;perimetre\nx;2024;qpv')).message).toMatch(/Ligne 1 : colonne obligatoire manquante : « valeur »/);
    expect(refused(utf8('indicateur;date;valeur;perimetre\n')).message).toMatch(/que sa ligne d’en-tête/);
    expect(refused(utf8('indicateur;date;date;valeur;perimetre\n')).message).toMatch(/« date » est présente deux fois/);
    // A binary file (a PNG header), and garbage.
    expect(refused(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])).message).toMatch(/n’est pas un texte CSV \(octet nul à la ligne 3\)/);
    const garbage = new Uint8Array(2 * 1024 * 1024);
    let x = 7;
    for (let i = 0; i < garbage.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      garbage[i] = 1 + (x % 255);
    }
    expect(refused(garbage).problem.line).toBe(1);
  });
});
