// Every bad input of issue 20: a French message naming the file, or the sheet, line and column; nothing written.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { problemText } from '../../../core/features/spreadsheet/contract';
import { harness } from '../../helpers/handlers';
import { workbookBytes, type Aoa } from './fixtures';

const HEAD = ['Axe', 'Objectif', 'Action', 'Pilote', 'Montant', 'Échéance'];

async function refused(bytes: Uint8Array, name = 'plan.xlsx'): Promise<string> {
  const h = harness();
  const file = path.join(h.dir, name);
  writeFileSync(file, bytes);
  const r = await h.job('spreadsheet.preview', { target: 'new', path: file });
  expect(r.ok).toBe(false);
  expect(readdirSync(h.dir).filter((f) => f.endsWith('.trame'))).toEqual([]);
  return r.ok ? '' : r.error.message;
}

/** A preview that reads but reports problems; its import is then refused and no file is created. */
async function problems(aoa: Aoa, format: 'xlsx' | 'ods' = 'xlsx'): Promise<string[]> {
  const h = harness();
  const file = path.join(h.dir, `plan.${format}`);
  writeFileSync(file, workbookBytes(aoa, format));
  const p = await h.mustJob('spreadsheet.preview', { target: 'new', path: file });
  expect(p.errorCount).toBeGreaterThan(0);
  const target = path.join(h.dir, 'n.trame');
  const r = await h.job('spreadsheet.create', { previewId: p.previewId, path: target });
  expect(r.ok).toBe(false);
  expect(existsSync(target)).toBe(false);
  return p.errors.map(problemText);
}

function patchDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  for (let i = out.length - 22; i >= 0; i--) {
    if (v.getUint32(i, true) !== 0x06054b50) continue;
    let p = v.getUint32(i + 16, true);
    for (let k = 0; k < v.getUint16(i + 10, true); k++) {
      v.setUint32(p + 24, size, true);
      p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
    }
    return out;
  }
  throw new Error('no EOCD');
}

describe('files that are not a readable spreadsheet', () => {
  it('a PDF named .xlsx, a damaged (truncated) workbook', async () => {
    expect(await refused(strToU8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).toBe("« plan.xlsx » : ce n'est pas un classeur : ni XLSX, ni ODS, ni CSV. Rien n'a été importé.");
    const good = workbookBytes([HEAD], 'xlsx');
    expect(await refused(good.subarray(0, Math.floor(good.length / 2)))).toMatch(/^« plan\.xlsx » : le fichier est endommagé/);
  });

  it('password-protected: an encrypted Office file, an encrypted ODS', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);
    expect(await refused(ole)).toContain('le classeur est protégé par un mot de passe');
    const ods = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
      'META-INF/manifest.xml': strToU8('<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>'),
      'content.xml': new Uint8Array([1, 2, 3]),
    });
    expect(await refused(ods, 'plan.ods')).toContain('le classeur est protégé par un mot de passe');
  });

  it('a ZIP bomb is refused from its declared sizes, before anything is inflated; a lying archive is cut while inflating', async () => {
    const bomb = patchDeclaredSize(workbookBytes([HEAD], 'xlsx'), 0x7fff0000);
    const t0 = Date.now();
    expect(await refused(bomb)).toMatch(/une fois décompressé, le classeur ferait plus de 160 Mo .* archive refusée sans être décompressée \(bombe ZIP \?\)/);
    expect(Date.now() - t0).toBeLessThan(5000);
    const zeros = zipSync({ '[Content_Types].xml': new Uint8Array(20 * 1024 * 1024), 'xl/workbook.xml': strToU8('<workbook/>') }, { level: 9 });
    expect(zeros.length).toBeLessThan(100_000);
    expect(await refused(patchDeclaredSize(zeros, 1000))).toContain('se décompresse en plus que les 1000 octets déclarés');
  });

  it('a workbook sheet over 100 000 rows', async () => {
    const XLSX = await import('@e965/xlsx');
    const aoa: Aoa = [['Axe', 'Action']];
    for (let i = 0; i < 100_001; i++) aoa.push(['Emploi', `Action ${i}`]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Plan');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
    expect(await refused(bytes)).toBe("« plan.xlsx » : la feuille « Plan » compte plus de 100000 lignes : elle est refusée. Rien n'a été importé.");
  });

  it('a sheet of 1 000 000 rows', async () => {
    const csv = `Axe;Action\n${'Emploi;Accompagner\n'.repeat(1_000_000)}`;
    expect(await refused(strToU8(csv), 'plan.csv')).toBe("« plan.csv » : le fichier compte plus de 100000 lignes : il est refusé. Rien n'a été importé.");
  });
});

describe('sheets whose lines cannot be read: the sheet, line and column named', () => {
  it('no header row', async () => {
    expect(await problems([['Bilan 2025'], ['Quelque chose', 'Autre chose'], ['1', '2']])).toEqual([
      "Feuille « Plan » : ligne d'en-tête introuvable dans les 30 premières lignes : aucune ligne ne porte au moins deux titres de colonne reconnus (Axe, Objectif, Action, Pilote, Montant, Échéance…).",
    ]);
  });

  it('an action with no objectif, « environ 10 000 », « fin d’année », a formula without its value', async () => {
    const aoa: Aoa = [
      ['Programmation 2026'],
      HEAD,
      ['Emploi', 'Former', 'Chantier école', 'PLIE', '10 000 €', '2026'],
      ['Mobilité', null, 'Auto-école sociale', 'Ville', null, null],
      ['Mobilité', 'Se déplacer', 'Garage solidaire', 'Ville', 'environ 10 000', null],
      ['Mobilité', 'Se déplacer', 'Vélos', 'Ville', null, "fin d'année"],
      ['Mobilité', 'Se déplacer', 'Covoiturage', 'Ville', null, null],
    ];
    const bytes = workbookBytes(aoa, 'xlsx');
    // The formula is written as a formula only (no saved value), as a sheet never recalculated would hold it.
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(bytes, { type: 'array', cellFormula: true });
    wb.Sheets.Plan.E7 = { t: 'n', f: 'E3*2' } as never;
    const h = harness();
    const file = path.join(h.dir, 'plan.xlsx');
    writeFileSync(file, new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer));
    const p = await h.mustJob('spreadsheet.preview', { target: 'new', path: file });
    expect(p.errors.map(problemText)).toEqual([
      "Feuille « Plan », ligne 4, colonne B (Objectif) : l'action « Auto-école sociale » n'a pas d'objectif : remplissez cette cellule (ou celle de la ligne au-dessus).",
      "Feuille « Plan », ligne 5, colonne E (Montant) : « environ 10 000 » n'est pas un montant : écrivez un nombre d'euros, par exemple 12 000 €, 12 000,50 ou 12k€.",
      "Feuille « Plan », ligne 6, colonne F (Échéance) : « fin d'année » n'est pas une date (par exemple 30/06/2026, juin 2026, 2026, S1 2026 ou T3 2026).",
      "Feuille « Plan », ligne 7, colonne E (Montant) : la cellule ne contient qu'une formule (E3*2) sans valeur enregistrée : Trame ne calcule pas les formules ; enregistrez le classeur avec ses valeurs, ou remplacez la formule par sa valeur.",
    ]);
    const target = path.join(h.dir, 'n.trame');
    const r = await h.job('spreadsheet.create', { previewId: p.previewId, path: target });
    expect(r.ok || r.error.message).toBe("Import refusé : 4 erreurs dans « plan.xlsx ». Aucun fichier n'a été créé.");
    expect(existsSync(target)).toBe(false);
  });

  it('a formula with its saved value is read as that value (never calculated); in ODS too', async () => {
    const h = harness();
    for (const format of ['xlsx', 'ods'] as const) {
      const XLSX = await import('@e965/xlsx');
      const wb = XLSX.read(workbookBytes([HEAD, ['Emploi', 'Former', 'Chantier', 'PLIE', 100, '2026']], format), { type: 'array', cellFormula: true });
      wb.Sheets.Plan.E2 = { t: 'n', v: 4242, f: 'SUM(1;1)' } as never;
      const file = path.join(h.dir, `f.${format}`);
      writeFileSync(file, new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: format }) as Buffer));
      const p = await h.mustJob('spreadsheet.preview', { target: 'new', path: file });
      expect(p.errorCount).toBe(0);
      const info = await h.mustJob('spreadsheet.create', { previewId: p.previewId, path: path.join(h.dir, `f-${format}.trame`) });
      const doc = await h.must('format.export', { docId: info.docId });
      expect(doc.commitments?.find((c) => c.funding)?.funding?.amount).toBe(4242);
    }
  });

  it('a hierarchy level with no column above it, an indicator under an enjeu, two funders for one amount', async () => {
    const h = harness();
    const file = path.join(h.dir, 'p.ods');
    writeFileSync(file, workbookBytes([['Action', 'Pilote'], ['Chantier', 'PLIE']], 'ods'));
    const p = await h.mustJob('spreadsheet.preview', { target: 'new', path: file });
    expect(p.errors.map(problemText)).toEqual([
      "Feuille « Plan », ligne 1, colonne A (Action) : la colonne « Action (niveau 3) » n'a pas de colonne « Objectif (niveau 2) » au-dessus d'elle : choisissez la colonne du niveau manquant.",
    ]);
    expect(
      await problems([['Enjeu', 'Indicateur', 'Financeur', 'Montant', 'Objectif'], ['Emploi', 'Taux', null, null, null], ['Emploi', null, 'Ville, État', '5 000', 'Former']], 'ods'),
    ).toEqual([
      "Feuille « Plan », ligne 2, colonne B (Indicateur) : un indicateur se place sous un objectif ou une action, pas directement sous l'enjeu « Emploi ».",
      'Feuille « Plan », ligne 3, colonne D (Montant) : un montant pour 2 financeurs (Ville, État) : écrivez une ligne par financeur et son montant.',
    ]);
  });
});
