// Reading printed documents back with poppler-utils and LibreOffice: the tools must be there (a missing one fails
// the test with its name and how to install it; never a skip).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

function need(tool: string, pkg: string): void {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`]);
  expect(r.status, `« ${tool} » est introuvable : installez-le (apt-get install -y ${pkg}).`).toBe(0);
}

/** The text of a PDF (or of pages first..last), spaces normalised (narrow no-break and no-break spaces → space). */
export function pdfText(file: string, first?: number, last?: number, layout = false): string {
  need('pdftotext', 'poppler-utils');
  const args = [...(layout ? ['-layout'] : []), ...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : []), file, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).replace(/[\u202f\u00a0]/g, ' ');
}

export function pdfInfo(file: string): Record<string, string> {
  need('pdfinfo', 'poppler-utils');
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Each font of the PDF: name and whether it is embedded. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  need('pdffonts', 'poppler-utils');
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type… encoding emb sub uni object ID: emb is the 5th column from the end.
    return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
  });
}

/** Converts a DOCX to PDF with LibreOffice headless; returns the PDF's path. */
export function docxToPdf(docx: string, outDir: string): string {
  need('soffice', 'libreoffice-writer-nogui');
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${path.join(outDir, 'profil-lo')}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docx], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, `LibreOffice n’a pas converti ${docx} : ${r.stderr}`).toBe(0);
  return path.join(outDir, `${path.basename(docx, '.docx')}.pdf`);
}

/** The table of contents of a Trame PDF (page 2 on, layout mode): each entry's title and page number. */
export function tocEntries(file: string, pages: number[]): { title: string; page: number }[] {
  const out: { title: string; page: number }[] = [];
  for (const p of pages) {
    for (const line of pdfText(file, p, p, true).split('\n')) {
      // « Titre . . . . . 12 »: dot leaders (issue 16) between the title and its page.
      const m = /^\s*(\S.*?)\s+(?:\.\s*){3,}(\d+)\s*$/.exec(line) ?? /^\s*(\S.*?)\s{2,}(\d+)\s*$/.exec(line);
      if (m && !/^Page \d+ sur/.test(m[1])) out.push({ title: m[1].trim(), page: Number(m[2]) });
    }
  }
  return out;
}

/**
 * Text compared across line breaks, hyphenation included: table cells are hyphenated in French (« perma- nences »),
 * so words are compared without spaces, hyphens nor apostrophe kinds.
 */
export function squash(s: string): string {
  return s.replace(/[\s\-\u2010\u00ad]/g, '').replace(/'/g, '’');
}
