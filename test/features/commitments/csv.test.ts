// The commitments as CSV: written atomically, read back with papaparse, opened by LibreOffice headless (French
// locale, as a French user's LibreOffice reads it): numbers are numbers, formulas stay text.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER } from '../../../core/features/commitments/csv';
import { hashFile, listDir } from '../../helpers/files';
import { tmpDir } from '../../helpers/tmp';
import { commitmentsContrat } from './setup';

async function csvContrat() {
  const c = await commitmentsContrat();
  const { h, docId, nodes } = c;
  await h.must('partners.add', { docId, name: '=HYPERLINK("http://exemple.invalid";"clic")', type: 'autre' });
  await h.must('partners.add', { docId, name: 'France Travail', type: 'service-public-emploi' });
  const [evil, ft] = (await h.must('commitments.view', { docId })).partners;
  await h.must('commitments.add', {
    docId, partnerId: ft.id, nodeIds: [nodes.a1, nodes.a3], text: 'Accueil; « guillemets "doubles" »\net retour à la ligne',
    target: { value: 12.5, unit: '%' }, indicatorId: nodes.i1, funding: { amount: 25000.5, nature: 'droit-commun' }, due: '2024-06',
  });
  await h.must('commitments.add', { docId, partnerId: evil.id, nodeIds: [nodes.a2], text: '+33 1 23 45 67 89', funding: { amount: 1000, nature: 'credits-specifiques' }, due: '2030' });
  await h.must('commitments.add', { docId, partnerId: ft.id, nodeIds: [], text: '@SUM(A1:A2)' });
  return c;
}

describe('CSV export of the commitments', () => {
  it('UTF-8 with BOM, « ; », decimal comma, formulas neutralised, read back cell for cell; atomic, never over a file', async () => {
    const { h, docId } = await csvContrat();
    const file = path.join(h.dir, 'engagements.csv');
    const r = await h.must('commitments.exportCsv', { docId, path: file, today: '2025-01-01' });
    expect(r).toEqual({ path: file, count: 3 });
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(text.trimEnd(), { delimiter: ';' }).data;
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows[1]).toEqual([
      'France Travail', 'Accueil; « guillemets "doubles" »\net retour à la ligne', 'Permanences France Travail | Parcours EPIDE', '12,5', '%',
      'Part de jeunes en CEJ', '25000,5', 'Droit commun', 'juin 2024', 'Proposé', '185', expect.stringContaining('13 % mesuré au 30/06/2025'),
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} Nadia Benali$/), // a French date, not ISO
    ]);
    expect(rows[2].slice(0, 2)).toEqual(['\'=HYPERLINK("http://exemple.invalid";"clic")', "'+33 1 23 45 67 89"]);
    expect(rows[2][6]).toBe('1000');
    expect(rows[2][10]).toBe(''); // « 2030 » is not late on 01/01/2025
    expect(rows[3][1]).toBe("'@SUM(A1:A2)");
    // Only the late ones, or one partner's.
    const late = path.join(h.dir, 'retard.csv');
    expect(await h.must('commitments.exportCsv', { docId, path: late, late: true, today: '2025-01-01' })).toMatchObject({ count: 1 });
    expect(await h.must('commitments.exportCsv', { docId, path: path.join(h.dir, 'ft.csv'), partner: 'france travail' })).toMatchObject({ count: 2 });
    // An existing file is refused in French and kept byte for byte; no temporary file is left.
    writeFileSync(late, 'précieux');
    const before = hashFile(late);
    const names = listDir(h.dir);
    const refused = await h.call('commitments.exportCsv', { docId, path: late });
    expect(refused.ok || refused.error.message).toMatch(/existe déjà/);
    expect(hashFile(late)).toBe(before);
    expect(listDir(h.dir)).toEqual(names);
    expect(await h.must('commitments.exportCsv', { docId, path: late, replace: true })).toMatchObject({ count: 3 });
    const wrong = await h.call('commitments.exportCsv', { docId, path: path.join(h.dir, 'engagements.xlsx') });
    expect(wrong.ok || wrong.error.message).toMatch(/fichier « \.csv »/);
  });

  it('opens in LibreOffice headless: amounts are numbers, the neutralised cells text, not formulas', async () => {
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
    if (!soffice) {
      throw new Error('LibreOffice (soffice) est introuvable : installez libreoffice-calc-nogui (Debian) pour ce test.');
    }
    const { h, docId } = await csvContrat();
    const file = path.join(h.dir, 'engagements.csv');
    await h.must('commitments.exportCsv', { docId, path: file, today: '2025-01-01' });
    const out = tmpDir();
    // « ; », « " », UTF-8 (76), from line 1, French locale (1036): how a French user's LibreOffice opens it.
    execFileSync(soffice, [
      `-env:UserInstallation=file://${tmpDir()}`, '--headless', '--infilter=CSV:59,34,76,1,,1036', '--convert-to', 'fods', '--outdir', out, file,
    ], { timeout: 120_000, stdio: 'pipe' });
    const fods = readFileSync(path.join(out, 'engagements.fods'), 'utf8');
    expect(fods).toMatch(/office:value-type="float" office:value="25000.5"/);
    expect(fods).toMatch(/office:value-type="float" office:value="12.5"/);
    expect(fods).toMatch(/office:value-type="float" office:value="1000"/);
    expect(fods).toContain('Éléments servis');
    expect(fods).toContain('France Travail');
    expect(fods).not.toMatch(/table:formula=/);
    expect(fods).toContain('=HYPERLINK(');
  }, 180_000);
});
