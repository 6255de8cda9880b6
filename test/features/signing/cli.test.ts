// `trame sign` and `trame verify` as a user runs them: the bundled dist/cli.cjs in a subprocess.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf, makeP12, pdfsig } from './fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = path.join(root, 'dist', 'cli.cjs');
let dir: string;

function trame(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir, input, encoding: 'utf8', env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app') }, timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error('dist/cli.cjs manquant : lancez « npm run build » avant ce test.');
  dir = mkdtempSync(path.join(os.tmpdir(), 'trame-signcli-'));
  makeP12(dir, 'prefete.p12', { cn: 'Préfète Élise Dupré', passphrase: 'phrase secrète' });
  makeP12(dir, 'maire.p12', { cn: 'Maire Jean Brun', passphrase: 'motdepasse' });
  writeFileSync(path.join(dir, 'pass1.txt'), 'phrase secrète\n');
  writeFileSync(path.join(dir, 'pass2.txt'), 'motdepasse');
  writeFileSync(path.join(dir, 'faux.txt'), 'pas la bonne');
  writeFileSync(path.join(dir, 'protocole.pdf'), await makePdf(2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trame sign / trame verify', () => {
  it('signs twice in turn; pdfsig and trame verify agree; a changed byte makes verify fail', () => {
    const a = trame(['sign', 'protocole.pdf', '--p12', 'prefete.p12', '--passphrase-file', 'pass1.txt', '--name', 'Élise Dupré', '--role', 'Préfète', '-o', 'un.pdf']);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    expect(a.stdout).toContain('PDF signé par Élise Dupré');
    // Passphrase from standard input.
    const b = trame(['sign', 'un.pdf', '--p12', 'maire.p12', '--passphrase-file', '-', '--name', 'Jean Brun', '--role', 'Maire', '-o', 'deux.pdf'], 'motdepasse\n');
    expect(b.status).toBe(0);
    expect(pdfsig(path.join(dir, 'deux.pdf')).map((s) => s.valid)).toEqual([true, true]);
    const v = trame(['verify', 'deux.pdf']);
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('2 signatures valides ; rien n’a changé depuis. Ce PDF n’est pas une version de Trame');
    expect(v.stdout).toMatch(/Signée le : \d+ \S+ \d{4} à \d\d:\d\d \(heure de Paris, UTC\+[12]\)/);
    expect(v.stdout).toContain('Préfète Élise Dupré');
    expect(v.stdout).toContain('Certificat auto-signé');
    const json = JSON.parse(trame(['verify', 'deux.pdf', '--json']).stdout) as { ok: boolean; signatures: unknown[] };
    expect(json.ok).toBe(true);
    expect(json.signatures).toHaveLength(2);
    const bytes = readFileSync(path.join(dir, 'deux.pdf'));
    bytes[bytes.indexOf('595') + 2] = '7'.charCodeAt(0);
    writeFileSync(path.join(dir, 'altere.pdf'), bytes);
    const bad = trame(['verify', 'altere.pdf']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('invalide');
    expect(pdfsig(path.join(dir, 'altere.pdf')).some((s) => s.valid)).toBe(false);
  });

  it('refuses a certificate held by someone else unless --accepter-nom-different; refuses to sign a PDF changed after a signature', async () => {
    const mismatch = trame(['sign', 'protocole.pdf', '--p12', 'prefete.p12', '--passphrase-file', 'pass1.txt', '--name', 'Hélène Marchetti', '-o', 'autre.pdf']);
    expect(mismatch.status).toBe(1);
    expect(mismatch.stderr).toContain('Ce certificat est au nom de « Préfète Élise Dupré », pas de « Hélène Marchetti »');
    expect(mismatch.stderr).toContain('--accepter-nom-different');
    expect(existsSync(path.join(dir, 'autre.pdf'))).toBe(false);
    const accepted = trame(['sign', 'protocole.pdf', '--p12', 'prefete.p12', '--passphrase-file', 'pass1.txt', '--name', 'Hélène Marchetti', '-o', 'autre.pdf', '--accepter-nom-different']);
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toContain('certificat de Préfète Élise Dupré, accepté');
    expect(accepted.stdout).toContain('le document est certifié');
    // An annotation added after the signature: verify exit 1 naming it, sign refused, no file.
    const { PDFDocument } = await import('@cantoo/pdf-lib');
    const { addAnnotation } = await import('../../../core/features/signing/sign');
    const doc = await PDFDocument.load(readFileSync(path.join(dir, 'autre.pdf')), { forIncrementalUpdate: true, updateMetadata: false });
    addAnnotation(doc, doc.getPage(0).node, doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'FreeText', Rect: [50, 380, 300, 420], Contents: '92 000 €' })));
    writeFileSync(path.join(dir, 'annote.pdf'), await doc.commit({ useObjectStreams: false }));
    const v = trame(['verify', 'annote.pdf']);
    expect(v.status).toBe(1);
    expect(v.stdout).toContain('Page 1 : annotation ajoutée (FreeText)');
    const s = trame(['sign', 'annote.pdf', '--p12', 'maire.p12', '--passphrase-file', 'pass2.txt', '--name', 'Jean Brun', '-o', 'trois.pdf']);
    expect(s.status).toBe(1);
    expect(s.stderr).toContain('ne peut pas être signé');
    expect(s.stderr).toContain('annotation ajoutée (FreeText)');
    expect(existsSync(path.join(dir, 'trois.pdf'))).toBe(false);
  });

  it('refuses bad input in French, never echoes the passphrase, writes nothing', () => {
    const before = readdirSync(dir).sort();
    const wrong = trame(['sign', 'protocole.pdf', '--p12', 'prefete.p12', '--passphrase-file', 'faux.txt', '--name', 'X', '-o', 'x.pdf']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('Phrase de passe incorrecte');
    expect(wrong.stdout + wrong.stderr).not.toContain('pas la bonne');
    const notPdf = trame(['sign', 'pass1.txt', '--p12', 'prefete.p12', '--passphrase-file', 'pass1.txt', '--name', 'X', '-o', 'x.pdf']);
    expect(notPdf.status).toBe(1);
    expect(notPdf.stderr).toContain('n’est pas un PDF');
    expect(notPdf.stdout + notPdf.stderr).not.toContain('phrase secrète');
    const noCert = trame(['sign', 'protocole.pdf', '--p12', 'absent.p12', '--passphrase-file', 'pass1.txt', '--name', 'X', '-o', 'x.pdf']);
    expect(noCert.status).toBe(1);
    expect(noCert.stderr).toMatch(/^Erreur : /);
    const noDir = trame(['sign', 'protocole.pdf', '--p12', 'prefete.p12', '--passphrase-file', 'pass1.txt', '--name', 'X', '-o', 'nulle/part/x.pdf']);
    expect(noDir.status).toBe(1);
    expect(noDir.stderr).toMatch(/^Erreur : /);
    expect(trame(['sign', 'protocole.pdf', '--p12', 'prefete.p12', '--name', 'X', '-o', 'x.pdf']).status).toBe(2);
    expect(trame(['sign', 'protocole.pdf', '--p12', 'prefete.p12', '--passphrase', 'phrase secrète', '--name', 'X', '-o', 'x.pdf']).status).toBe(2);
    expect(trame(['verify']).status).toBe(2);
    const unsigned = trame(['verify', 'protocole.pdf']);
    expect(unsigned.status).toBe(1);
    expect(unsigned.stdout).toContain('aucune signature');
    expect(trame(['verify', 'pass1.txt']).stderr).toContain('n’est pas un PDF');
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('an elliptic-curve key is named as such; /dev/zero as the passphrase is refused after 64 Kio, not read to the end', () => {
    const work = path.join(dir, 'ec.d');
    const run = (args: string[]) => spawnSync('openssl', args, { cwd: work, encoding: 'utf8' });
    spawnSync('mkdir', ['-p', work]);
    run(['ecparam', '-genkey', '-name', 'prime256v1', '-out', 'k.pem']);
    run(['req', '-new', '-x509', '-key', 'k.pem', '-subj', '/CN=Courbe', '-days', '2', '-out', 'c.pem']);
    const p12 = run(['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', path.join(dir, 'ec.p12'), '-passout', 'pass:motdepasse']);
    expect(p12.status, p12.stderr).toBe(0);
    const before = readdirSync(dir).sort();
    const ec = trame(['sign', 'protocole.pdf', '--p12', 'ec.p12', '--passphrase-file', 'pass2.txt', '--name', 'X', '-o', 'ec.pdf']);
    expect(ec.status).toBe(1);
    expect(ec.stderr).toContain('n’est pas une clé RSA (sans doute une clé à courbe elliptique)');
    expect(ec.stderr).not.toContain('ne contient pas de clé privée');
    // /dev/zero on standard input: refused once past 64 Kio (the run takes a moment, not 200 Mo of reading).
    const zero = spawnSync('sh', ['-c', `exec "${process.execPath}" "${cli}" sign protocole.pdf --p12 prefete.p12 --passphrase-file - --name X -o z.pdf < /dev/zero`], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app') }, timeout: 30_000,
    });
    expect(zero.status).toBe(1);
    expect(zero.stderr).toContain('Le texte lu sur l’entrée standard comme phrase de passe est trop volumineux');
    expect(zero.stderr).toContain('au plus 64 Kio');
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});
