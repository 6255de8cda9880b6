// Issue 16: the protocole, the note de COPIL and the avenant as tagged PDF/A-2a, read back by real tools: pdfinfo
// (Tagged: yes, the structure tree with the legal frame's headings, tables and lists, a Figure with its alternative
// text), the XMP and the sRGB output intent in the file, PDFBox's preflight (PDF/A-1b rules: only what PDF/A-1 alone
// asks may be reported), « Projet » on every page of a draft and on none of a frozen version, the typography (’,
// totals, « — », dot leaders and links in the table of contents) and the DOCX's Title style.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDocument } from '../../../core/features/start';
import { harness } from '../../helpers/handlers';
import { pdfInfo, pdfText, tocEntries } from './pdf-tools';

async function demoFile() {
  const h = harness();
  const file = path.join(h.dir, 'demo.trame');
  const info = await h.mustJob('format.import', { path: file, document: demoDocument() });
  return { h, file, docId: info.docId };
}

function structure(file: string, withText = true): string {
  return execFileSync('pdfinfo', [withText ? '-struct-text' : '-struct', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const JARS = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((j) => `/usr/share/java/${j}.jar`);
/** PDFBox's preflight: the errors it reports, by code and message. */
function preflight(file: string): string[] {
  const r = spawnSync('java', ['-cp', JARS.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file], { encoding: 'utf8', timeout: 120_000 });
  expect(r.error, 'java ou le preflight de PDFBox est introuvable : apt-get install libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless').toBeUndefined();
  const out = `${r.stdout}${r.stderr}`;
  expect(out, out).toMatch(/is a valid PDF\/A-1b file|is not a valid PDF\/A-1b file/);
  return out.split('\n').filter((l) => /^\d+\.\d+(\.\d+)? : /.test(l));
}
/** What PDF/A-1 alone asks (a CIDSet for each subset font, pdfaid:part 1): a PDF/A-2 file need not have them. */
const PDFA1_ONLY = [/^3\.1\.11 : Invalid Font definition, .*CIDSet entry is missing/, /^7\.11\.2 : Error on MetaData, part must be 1$/];

describe('documents archivables et accessibles (PDF/A-2a balisé)', () => {
  it('le protocole : balisé, structure du cadre juridique, XMP PDF/A-2, profil sRGB, preflight, « Projet » sur chaque page', async () => {
    const { h, docId } = await demoFile();
    const out = path.join(h.dir, 'protocole.pdf');
    const r = await h.mustJob('protocole.export', { docId, path: out, format: 'pdf' });
    const info = pdfInfo(out);
    expect(info.Tagged).toBe('yes');
    expect(info['PDF version']).toBe('1.7');
    const tree = structure(out);
    expect(tree.split('\n')[0]).toBe('Document');
    for (const heading of ['Entre les parties', 'Visas', 'Considérants', 'Article 1 — Objet', 'Article 2 — Durée', 'Article 3 — Engagements des parties', 'Article 5 — Suivi et évaluation', 'Article 8 — Litiges', 'Signatures']) {
      expect(tree, heading).toMatch(new RegExp(`H1 \\(block\\)\\n\\s+"${heading}"`));
    }
    expect(tree).toMatch(/H2 \(block\)\n\s+"Engagements des partenaires"/);
    for (const tag of ['TOC', 'TOCI', 'Link', 'L (block)', 'LI (block)', 'LBody', 'Table (block)', 'TR', 'TH', 'TD']) expect(tree, tag).toContain(tag);
    expect(tree).toContain('Vu la loi n° 2014-173 du 21 février 2014 de programmation pour la ville et la cohésion urbaine, notamment son article 6');
    // XMP metadata and output intent, in the file's own bytes.
    const bytes = readFileSync(out).toString('latin1');
    expect(bytes).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/);
    expect(bytes).toContain('/S /GTS_PDFA1');
    expect(bytes).toMatch(/\/Lang \(fr-FR\)/);
    // PDFBox checks PDF/A-1b: nothing but what PDF/A-1 alone asks may be reported.
    const errors = preflight(out);
    expect(errors.filter((e) => !PDFA1_ONLY.some((re) => re.test(e)))).toEqual([]);
    // « Projet » on every page of a draft.
    for (let p = 1; p <= r.pages!; p++) expect(pdfText(out, p, p), `page ${p}`).toContain('Projet');
    // Typography: ’ everywhere, totals, « — » for an empty amount, no placeholder sentence.
    const text = pdfText(out).replace(/\s+/g, ' ');
    expect(text).not.toMatch(/\p{L}'\p{L}/u);
    expect(text).toMatch(/Total \d+ [\d ]+ € [\d ]+ €/u);
    expect(text).toMatch(/Département \(conseil départemental\) \d+ — —/u);
    expect(text).not.toMatch(/n’a pas encore été|document de travail/);
    // The table of contents: dot leaders, and each line a link to its heading's page.
    const toc = tocEntries(out, [2]);
    expect(toc.length).toBeGreaterThan(10);
    expect(pdfText(out, 2, 2, true)).toMatch(/Article 1 — Objet\s+(\. ){5,}/);
    const links = (bytes.match(/\/Subtype \/Link/g) ?? []).length;
    expect(links).toBeGreaterThanOrEqual(toc.length);
  });

  it('une version figée ne porte « Projet » sur aucune page ; la note de COPIL a des figures avec texte de remplacement', async () => {
    const { h, docId } = await demoFile();
    const v = await h.mustJob('versions.freeze', { docId });
    const frozen = path.join(h.dir, 'v1.pdf');
    await h.must('versions.exportPdf', { docId, versionId: v.id, path: frozen });
    const pages = Number(pdfInfo(frozen).Pages);
    expect(pages).toBeGreaterThan(3);
    for (let p = 1; p <= pages; p++) expect(pdfText(frozen, p, p), `page ${p}`).not.toContain('Projet');
    expect(pdfInfo(frozen).Tagged).toBe('yes');

    const note = path.join(h.dir, 'note.pdf');
    await h.mustJob('protocole.export', { docId, path: note, format: 'note-copil-pdf' });
    expect(pdfInfo(note).Tagged).toBe('yes');
    const tree = structure(note, false);
    const figures = tree.split('\n').filter((l) => /^\s*Figure/.test(l));
    expect(figures.length).toBeGreaterThan(0);
    const noteBytes = readFileSync(note).toString('latin1');
    // Each Figure carries its /Alt (a text in words, not the title alone).
    expect((noteBytes.match(/\/S \/Figure/g) ?? []).length).toBe(figures.length);
    expect((noteBytes.match(/\/Alt /g) ?? []).length).toBeGreaterThanOrEqual(figures.length);
    expect(preflight(note).filter((e) => !PDFA1_ONLY.some((re) => re.test(e)))).toEqual([]);
  });

  it('le DOCX : style Titre pour la page de titre, « Projet » en en-tête d’un projet, total du tableau de financement', async () => {
    const { h, docId } = await demoFile();
    const out = path.join(h.dir, 'protocole.docx');
    await h.mustJob('protocole.export', { docId, path: out, format: 'docx' });
    const part = (p: string) => execFileSync('unzip', ['-p', out, p], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const body = part('word/document.xml');
    expect(body).toMatch(/<w:pStyle w:val="Title"\/>.*?Contrat de ville 2024-2030/s);
    expect(body).toContain('<w:pStyle w:val="Subtitle"/>');
    expect(body).toContain('Total');
    expect(body).toContain('Fait\u00a0à\u00a0Vaudrecourt,\u00a0le');
    const headers = execFileSync('unzip', ['-l', out], { encoding: 'utf8' }).match(/word\/header\d+\.xml/g) ?? [];
    expect(headers.some((hx) => part(hx).includes('Projet'))).toBe(true);
    expect(part('word/styles.xml')).toMatch(/<w:style [^>]*w:styleId="Title"/);
  });
});
