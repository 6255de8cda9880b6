// The DOCX opened by LibreOffice headless and read back; its headings are real outline levels. The CLI writes the
// same PDF text as the app's job, leaves the .trame untouched; a read-only folder and a full disk get a French
// message and leave no file.
import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../core/features/start';
import { hashFile } from '../../helpers/files';
import { harness } from '../../helpers/handlers';
import { withVolume } from '../../helpers/volume';
import { docxToPdf, pdfFonts, pdfInfo, pdfText } from './pdf-tools';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'cli.cjs');
const oneLine = (s: string) => s.replace(/\s+/g, ' ').replace(/(\p{L})'(?=\p{L})/gu, '$1’');

beforeAll(() => {
  // The CLI and the job worker run from dist/: built from these sources.
  execFileSync(process.execPath, [path.join(root, 'build', 'scripts', 'build-node.mjs')], { cwd: root, stdio: 'pipe' });
});

function trame(args: string[], dataDir: string) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TRAME_DATA_DIR: dataDir }, timeout: 120_000 });
}

async function demo() {
  const h = harness();
  const file = path.join(h.dir, 'demo.trame');
  const info = await h.mustJob('format.import', { path: file, document: demoDocument() });
  return { h, file, docId: info.docId };
}

/** The text of word/document.xml and word/styles.xml, read with the unzip of the system. */
function docxPart(file: string, part: string): string {
  const r = spawnSync('unzip', ['-p', file, part], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, 'unzip est introuvable : apt-get install -y unzip').toBe(0);
  return r.stdout;
}

describe('le protocole en DOCX, ouvert par LibreOffice', () => {
  it('se convertit, garde le contenu, les titres ont un niveau hiérarchique, les polices sont Source Sans 3', async () => {
    const { h, docId } = await demo();
    const out = path.join(h.dir, 'protocole.docx');
    await h.mustJob('protocole.export', { docId, path: out, format: 'docx' });
    const styles = docxPart(out, 'word/styles.xml');
    for (const level of [1, 2, 3]) {
      const style = new RegExp(`<w:style [^>]*w:styleId="Heading${level}"[^>]*>.*?</w:style>`, 's').exec(styles)?.[0] ?? '';
      expect(style).toContain(`<w:name w:val="heading ${level}"/>`);
      expect(style).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
    }
    const body = docxPart(out, 'word/document.xml');
    expect(body).toContain('<w:pStyle w:val="Heading1"/>');
    expect(docxPart(out, 'word/settings.xml')).toContain('<w:updateFields');
    expect(docxPart(out, 'word/fontTable.xml')).toContain('Source Sans 3');

    const pdf = docxToPdf(out, path.join(h.dir, 'lo'));
    expect(pdfInfo(pdf)['Page size']).toMatch(/^595\.\d+ x 841\.8\d* pts \(A4\)$/);
    const fonts = pdfFonts(pdf);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.some((f) => /SourceSans3/.test(f.name))).toBe(true);
    const text = oneLine(pdfText(pdf));
    const doc = demoDocument();
    for (const c of doc.commitments ?? []) expect(text).toContain(oneLine(c.text));
    for (const s of doc.signatories ?? []) expect(text).toContain(s.name);
    expect(text).toMatch(/Page 3 sur \d+/);
    // LibreOffice's own outline of the converted file lists the headings (its navigator sees them as headings).
    expect(readFileSync(pdf, 'latin1')).toMatch(/\/Outlines \d+ 0 R/);
  }, 300_000);
});

describe('la ligne de commande', () => {
  it('écrit le même texte PDF que la tâche de l’application, sans changer un octet du .trame', async () => {
    const { h, file, docId } = await demo();
    const viaApp = path.join(h.dir, 'app.pdf');
    await h.mustJob('protocole.export', { docId, path: viaApp, format: 'pdf' });
    h.set.closeAll();
    const before = hashFile(file);
    const viaCli = path.join(h.dir, 'cli.pdf');
    const r = trame(['export', file, '--format', 'pdf', '-o', viaCli], path.join(h.dir, 'data'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Protocole écrit : .*cli\.pdf \(\d+ pages\)\n$/);
    expect(hashFile(file)).toBe(before);
    expect(pdfText(viaCli)).toBe(pdfText(viaApp));
    // The note de COPIL, PDF and DOCX, since a date given the French way.
    const note = path.join(h.dir, 'note.pdf');
    expect(trame(['export', file, '--format', 'note-copil-pdf', '--depuis', '01/01/2024', '-o', note], path.join(h.dir, 'data')).status).toBe(0);
    expect(oneLine(pdfText(note))).toContain('Changements depuis le 01/01/2024');
    expect(trame(['export', file, '--format', 'note-copil-docx', '-o', path.join(h.dir, 'note.docx')], path.join(h.dir, 'data')).status).toBe(0);
    expect(hashFile(file)).toBe(before);
    // Malformed command lines: exit 2, French.
    const bad: [string[], RegExp][] = [
      [['export', file, '--format', 'pdf'], /ajoutez -o <sortie\.pdf>/],
      [['export', file, '--format', 'pdf', '-o', 'x.docx'], /fichier « \.pdf »/],
      [['export', file, '--format', 'pdf', '--depuis', '2024', '-o', 'x.pdf'], /--depuis ne s'applique qu'à la note de COPIL/],
      [['export', file, '--format', 'note-copil-pdf', '--depuis', '31/02/2024', '-o', 'x.pdf'], /--depuis : /],
      [['export', file, '--format', 'odt', '-o', 'x.odt'], /format d'export inconnu « odt »/],
    ];
    for (const [args, re] of bad) {
      const b = trame(args, path.join(h.dir, 'data'));
      expect(b.status, args.join(' ')).toBe(2);
      expect(b.stderr).toMatch(re);
    }
    expect(hashFile(file)).toBe(before);
  }, 300_000);
});

describe('écrire là où c’est impossible', () => {
  it('un dossier en lecture seule, un disque plein : message en français, aucun fichier laissé', async () => {
    const { h, docId } = await demo();
    await withVolume(path.join(h.dir, 'ro'), '4m', async (mnt) => {
      expect(spawnSync('mount', ['-o', 'remount,ro', mnt]).status).toBe(0);
      const r = await h.job('protocole.export', { docId, path: path.join(mnt, 'p.pdf'), format: 'pdf' });
      expect(r.ok || r.error.message).toMatch(/^Accès refusé : impossible d’écrire « .*p\.pdf »\.$/);
      expect(readdirSync(mnt)).toEqual([]);
    });
    await withVolume(path.join(h.dir, 'plein'), '64k', async (mnt) => {
      const r = await h.job('protocole.export', { docId, path: path.join(mnt, 'p.pdf'), format: 'pdf' });
      expect(r.ok || r.error.message).toMatch(/^Disque plein : impossible d'écrire « .*p\.pdf »\.$/);
      expect(readdirSync(mnt)).toEqual([]);
    });
    // The contrat is still open and editable afterwards.
    await h.must('protocole.update', { docId, patch: { place: 'Vaudrecourt' } });
    writeFileSync(path.join(h.dir, 'witness'), 'ok');
  }, 120_000);
});
