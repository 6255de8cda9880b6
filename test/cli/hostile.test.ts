// Issue 7, the CLI's part: exports never replace a file unless --remplacer (item 5), only regular files are read,
// with a bound (item 8: a FIFO, /dev/zero), no terminal escape from the data reaches the terminal (item 9), and a
// long file name gets « Nom de fichier trop long », never « dossier protégé en écriture » (item 10).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../core/features/start/demo-contrat';
import { hashFile, listDir } from '../helpers/files';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'cli.cjs');
let dir: string;

function trame(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app-data') },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const temporaries = () => listDir(dir).filter((f) => f.endsWith('.tmp') || f.includes('-journal'));

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'build', 'scripts', 'build-node.mjs')], { cwd: root, stdio: 'pipe' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'trame-cli-hostile-'));
  writeFileSync(path.join(dir, 'demo.json'), JSON.stringify(demoDocument()));
  const made = trame(['import', 'demo.trame', 'demo.json']);
  expect(made.stderr).toBe('');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('export never replaces a file unless --remplacer', () => {
  it('refuses an existing -o file, in French, and leaves it byte-for-byte; replaces it with --remplacer', () => {
    const out = path.join(dir, 'existant.json');
    writeFileSync(out, '{"précieux": true}\n');
    const before = hashFile(out);
    const r = trame(['export', 'demo.trame', '-o', 'existant.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : Le fichier « existant\.json » existe déjà : il n'a pas été remplacé\./);
    expect(r.stdout).toBe('');
    expect(hashFile(out)).toBe(before);
    expect(temporaries()).toEqual([]);

    const ok = trame(['export', 'demo.trame', '-o', 'existant.json', '--remplacer']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(demoDocument());
    expect(temporaries()).toEqual([]);
  });

  it('--remplacer only goes with export -o', () => {
    expect(trame(['show', 'demo.trame', '--remplacer'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--remplacer ne s'applique qu'à/) });
    expect(trame(['export', 'demo.trame', '--remplacer'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--remplacer s'emploie avec -o/) });
  });
});

describe('only regular files are read', () => {
  it('a FIFO is refused at once (no hang), as JSON source and as .trame', () => {
    const fifo = path.join(dir, 'tube.json');
    execFileSync('mkfifo', [fifo]);
    const r = trame(['import', 'depuis-tube.trame', 'tube.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : « .*tube\.json » est un tube nommé \(FIFO\), pas un fichier ordinaire/);
    expect(existsSync(path.join(dir, 'depuis-tube.trame'))).toBe(false);

    const fifoTrame = path.join(dir, 'tube.trame');
    execFileSync('mkfifo', [fifoTrame]);
    for (const cmd of ['show', 'export']) {
      const s = trame([cmd, 'tube.trame']);
      expect(s.status).toBe(1);
      expect(s.stderr).toMatch(/est un tube nommé \(FIFO\), pas un fichier ordinaire : Trame ne lit que des fichiers ordinaires\./);
    }
    expect(temporaries()).toEqual([]);
  });

  it('/dev/zero is refused, not read', () => {
    const r = trame(['import', 'zero.trame', '/dev/zero']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : « \/dev\/zero » est un périphérique, pas un fichier ordinaire/);
    expect(existsSync(path.join(dir, 'zero.trame'))).toBe(false);
    expect(trame(['show', '/dev/zero']).stderr).toMatch(/« \/dev\/zero » est un périphérique/);
  });
});

describe('terminal escapes in the data', () => {
  const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
  const CLEAR = '\u001b[2J\u001b[H';
  const C1 = '\u009b31m';
  it('show prints them as visible symbols; export keeps them escaped in the JSON', () => {
    const doc = demoDocument();
    doc.contrat.name = `Contrat ${CLEAR}piégé`;
    doc.tree[0].title = `Enjeu ${OSC52} presse-papiers`;
    doc.tree[0].tagNote = `Note ${C1}rouge\u007f`;
    doc.partners![0].name = `Partenaire \u0008\u0000`;
    writeFileSync(path.join(dir, 'piege.json'), JSON.stringify(doc));
    const imported = trame(['import', 'piege.trame', 'piege.json']);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('Contrat ␛[2J␛[Hpiégé');
    expect(imported.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);

    const shown = trame(['show', 'piege.trame']);
    expect(shown.status).toBe(0);
    // No ESC, BEL, BS, NUL, DEL nor C1 byte: only \n passes (and \t).
    expect(shown.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(shown.stdout).toContain('Enjeu ␛]52;c;ZWNobyBwd25lZA==␇ presse-papiers');
    expect(shown.stdout).toContain('Contrat ␛[2J␛[Hpiégé');
    expect(shown.stdout).toContain('Note �31mrouge␡');
    expect(shown.stdout).toContain('Partenaire ␈␀');

    const exported = trame(['export', 'piege.trame']);
    expect(exported.status).toBe(0);
    expect(exported.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const back = JSON.parse(exported.stdout);
    expect(back.tree[0].title).toBe(doc.tree[0].title);
    expect(back.tree[0].tagNote).toBe(doc.tree[0].tagNote);
  });

  it('bidirectional controls (a signer « Jean ‮fdp.exe‬ Dupont ») are named, never reorder what is shown', () => {
    const doc = demoDocument();
    doc.partners![0].name = 'Jean \u202efdp.exe\u202c Dupont';
    doc.tree[0].title = 'Enjeu \u2067caché\u2069 \u200f';
    writeFileSync(path.join(dir, 'bidi.json'), JSON.stringify(doc));
    expect(trame(['import', 'bidi.trame', 'bidi.json']).status).toBe(0);
    const shown = trame(['show', 'bidi.trame']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(shown.stdout).toContain('Jean ⟨RLO⟩fdp.exe⟨PDF⟩ Dupont');
    expect(shown.stdout).toContain('Enjeu ⟨RLI⟩caché⟨PDI⟩ ⟨RLM⟩');
    const exported = trame(['export', 'bidi.trame']);
    expect(exported.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(exported.stdout).partners[0].name).toBe(doc.partners![0].name);
  });

  it('a path with a control character is refused for writing, as the API refuses it, and nothing is created', () => {
    writeFileSync(path.join(dir, 'ok.json'), JSON.stringify(demoDocument()));
    expect(trame(['import', 'ok.trame', 'ok.json']).status).toBe(0);
    const before = readdirSync(dir).sort();
    const out = trame(['export', 'ok.trame', '-o', 'sortie\u001b[2J.json']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('caractère de contrôle (U+001B)');
    const created = trame(['import', 'nouveau\u0007.trame', 'ok.json']);
    expect(created.status).not.toBe(0);
    expect(created.stderr).toContain('caractère de contrôle (U+0007)');
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('error messages naming a file show its control characters as symbols', () => {
    const r = trame(['show', 'absent\u001b[2J.trame']);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('\u001b');
  });
});

describe('long file names', () => {
  it('a 247-character .trame name is created (its temporary name stays within 255 bytes)', () => {
    const name = `${'c'.repeat(241)}.trame`;
    expect(name.length).toBe(247);
    const r = trame(['import', name, 'demo.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, name))).toBe(true);
    expect(trame(['show', name]).status).toBe(0);
    expect(temporaries()).toEqual([]);
  });

  it('a longer .trame name is refused as too long, never as a protected folder; nothing is written', () => {
    for (const n of [249, 255, 300]) {
      const name = `${'d'.repeat(n - 6)}.trame`;
      const names = listDir(dir);
      const r = trame(['import', name, 'demo.json']);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^Erreur : Nom de fichier trop long : « d+… » compte \d+ octets, au plus 247 sont possibles pour un contrat/);
      expect(r.stderr).not.toMatch(/protégé/);
      expect(listDir(dir)).toEqual(names);
    }
  });

  it('export -o: a 255-byte name is written through a shorter temporary name; 256 bytes are refused as too long', () => {
    const ok = `${'é'.repeat(125)}.json`; // 250 + 5 = 255 bytes
    expect(Buffer.byteLength(ok)).toBe(255);
    const r = trame(['export', 'demo.trame', '-o', ok]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, ok), 'utf8'))).toEqual(demoDocument());
    const names = listDir(dir);
    const tooLong = `${'x'.repeat(251)}.json`;
    const bad = trame(['export', 'demo.trame', '-o', tooLong]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^Erreur : Nom de fichier trop long : « x+… » compte 256 octets, au plus 255 sont possibles\. Choisissez un nom plus court/);
    expect(listDir(dir)).toEqual(names);
  });
});
