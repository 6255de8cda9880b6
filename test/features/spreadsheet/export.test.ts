// Exporting a contrat as linked sheets, and reading them back: the round trip gives the same contrat with the same
// ids (XLSX and ODS); the exported XLSX opened by LibreOffice headless (converted to ODS and to CSV, read back:
// numbers are numbers, dates are dates, no formula; converted back to Trame: the same contrat) and by SheetJS (each
// sheet's id column unique); text a spreadsheet would run as a formula is neutralised as in the CSV export.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { harness } from '../../helpers/handlers';
import { hashFile } from '../../helpers/files';

const GOLDEN = path.resolve(__dirname, '..', '..', 'fixtures', 'golden-v1.trame');
const SHEETS = ['Contrat', 'QPV', 'Arbre', 'Indicateurs', 'Mesures', 'Partenaires', 'Signataires', 'Engagements', 'Financements', 'Historique des statuts', 'COPIL'];

async function openGolden(h: ReturnType<typeof harness>) {
  const file = path.join(h.dir, 'golden.trame');
  copyFileSync(GOLDEN, file);
  return h.must('doc.open', { path: file });
}

async function importBack(h: ReturnType<typeof harness>, file: string, name: string) {
  const p = await h.mustJob('spreadsheet.preview', { target: 'new', path: file });
  expect(p).toMatchObject({ ownLayout: true, errorCount: 0 });
  const info = await h.mustJob('spreadsheet.create', { previewId: p.previewId, path: path.join(h.dir, name) });
  return h.must('format.export', { docId: info.docId });
}

function soffice(dir: string, to: string, file: string): void {
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', to, '--outdir', path.join(dir, 'lo'), file], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
}

describe('linked sheets', () => {
  it.each(['xlsx', 'ods'] as const)('%s: every table with its ids, and back to the same contrat with the same ids', async (format) => {
    const h = harness();
    const info = await openGolden(h);
    const original = await h.must('format.export', { docId: info.docId });
    const out = path.join(h.dir, `contrat.${format}`);
    const before = hashFile(path.join(h.dir, 'golden.trame'));
    await h.mustJob('spreadsheet.export', { docId: info.docId, path: out, format });
    await h.set.settle();
    expect(hashFile(path.join(h.dir, 'golden.trame'))).toBe(before);
    const wb = XLSX.read(readFileSync(out), { type: 'buffer', cellFormula: true });
    expect(wb.SheetNames).toEqual(SHEETS);
    for (const name of SHEETS) {
      const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, blankrows: false });
      const ids = rows.slice(1).map((r) => r[0]);
      expect(new Set(ids).size, name).toBe(ids.length);
      expect(ids.every((v) => typeof v === 'string' && v.length > 0), name).toBe(true);
    }
    // No formula anywhere.
    expect(Object.values(wb.Sheets).every((ws) => Object.values(ws).every((c) => typeof c !== 'object' || c === null || !('f' in c)))).toBe(true);
    const back = await importBack(h, out, `back-${format}.trame`);
    expect(back).toEqual(original);
  });

  it('the XLSX has a frozen header and filters; text that would run as a formula gets an apostrophe, and comes back as written', async () => {
    const h = harness();
    const trame = path.join(h.dir, 'c.trame');
    const info = await h.must('contrat.create', { path: trame, contrat: { name: 'Contrat', epci: 'CA', period: { start: 2024, end: 2030 }, qpv: [] } });
    await h.must('partners.add', { docId: info.docId, name: '=HYPERLINK("http://x";"clic")' });
    await h.must('partners.add', { docId: info.docId, name: '+33 6 12 34 56 78' });
    await h.must('partners.add', { docId: info.docId, name: '-Mission locale' });
    await h.must('partners.add', { docId: info.docId, name: '@Ville' });
    await h.must('tree.add', { docId: info.docId, parentId: null, kind: 'enjeu', title: '=1+1' } as never);
    const out = path.join(h.dir, 'c.xlsx');
    await h.mustJob('spreadsheet.export', { docId: info.docId, path: out, format: 'xlsx' });
    const files = unzipSync(readFileSync(out));
    const partners = strFromU8(files['xl/worksheets/sheet6.xml']);
    expect(partners).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(partners).toContain('<autoFilter ref="A1:F5"/>');
    expect(partners).not.toContain('<f>');
    for (const n of ["'=HYPERLINK(&quot;http://x&quot;;&quot;clic&quot;)", "'+33 6 12 34 56 78", "'-Mission locale", "'@Ville"]) expect(partners).toContain(`<t xml:space="preserve">${n}</t>`);
    const odsOut = path.join(h.dir, 'c.ods');
    await h.mustJob('spreadsheet.export', { docId: info.docId, path: odsOut, format: 'ods' });
    const odsFiles = unzipSync(readFileSync(odsOut));
    expect(strFromU8(odsFiles.mimetype)).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(strFromU8(odsFiles['settings.xml'])).toContain('<config:config-item-map-entry config:name="Partenaires"><config:config-item config:name="HorizontalSplitMode" config:type="short">0</config:config-item><config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>');
    const odsContent = strFromU8(odsFiles['content.xml']);
    expect(odsContent).toContain('table:target-range-address="&apos;Partenaires&apos;.A1:&apos;Partenaires&apos;.F5" table:display-filter-buttons="true"'.replace(/&apos;/g, "'"));
    expect(odsContent).toContain("<text:p>'=1+1</text:p>");
    expect(odsContent).not.toContain('table:formula');
    expect((await importBack(h, odsOut, 'back-ods.trame')).tree[0].title).toBe('=1+1');
    const back = await importBack(h, out, 'back.trame');
    expect(back.partners?.map((p) => p.name)).toEqual(['=HYPERLINK("http://x";"clic")', '+33 6 12 34 56 78', '-Mission locale', '@Ville']);
  });

  it('opened by LibreOffice: converted to ODS and to CSV, numbers are numbers, dates are dates, no formula; the ODS comes back as the same contrat', { timeout: 240_000 }, async () => {
    const h = harness();
    const info = await openGolden(h);
    const original = await h.must('format.export', { docId: info.docId });
    const out = path.join(h.dir, 'contrat.xlsx');
    await h.mustJob('spreadsheet.export', { docId: info.docId, path: out, format: 'xlsx' });
    mkdirSync(path.join(h.dir, 'lo'));
    soffice(h.dir, 'ods', out);
    soffice(h.dir, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', out);
    const ods = path.join(h.dir, 'lo', 'contrat.ods');
    const content = strFromU8(unzipSync(readFileSync(ods))['content.xml']);
    expect(content).not.toContain('table:formula');
    expect(content).toContain('table:display-filter-buttons="true"');
    // (LibreOffice headless writes no view settings: the frozen row is checked in Trame's own XML, above.)
    const wb = XLSX.read(readFileSync(ods), { type: 'buffer', cellFormula: true, cellNF: true, dense: true });
    const mesures = (wb.Sheets.Mesures as { '!data': XLSX.CellObject[][] })['!data'];
    expect(mesures.length).toBeGreaterThan(1);
    let dates = 0;
    for (const row of mesures.slice(1)) {
      // A full date is a date cell; « 2022 » or « 2022-06 » (a year, a month: no day) stays text.
      if (row[2].t === 's') expect(row[2].v).toMatch(/^\d{4}(-\d{2})?$/);
      else {
        expect(row[2]).toMatchObject({ t: 'n' });
        expect(XLSX.SSF.is_date(String(row[2].z))).toBe(true);
        dates++;
      }
      expect(row[3]).toMatchObject({ t: 'n' });
      expect(row[3].f).toBeUndefined();
    }
    expect(dates).toBeGreaterThan(0);
    const csvs = readdirSync(path.join(h.dir, 'lo')).filter((f) => f.endsWith('.csv')).sort();
    expect(csvs).toEqual(SHEETS.map((s) => `contrat-${s}.csv`).sort());
    const measuresCsv = readFileSync(path.join(h.dir, 'lo', 'contrat-Mesures.csv'), 'utf8').trim().split('\n').slice(1);
    for (const line of measuresCsv) expect(line).toMatch(/^[^,]+,[^,]+,(\d{1,2}\/\d{1,2}\/\d{4}|\d{4}|\d{4}-\d{2}),-?\d+(\.\d+)?,/);
    expect(await importBack(h, ods, 'back-lo.trame')).toEqual(original);
  });
});
