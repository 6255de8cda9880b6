// Freezing, the versions' statuses, drawn and PAdES signatures, import of a PDF signed elsewhere, and the copy
// without history: through the handlers (dispatch), on real .trame files, PDFs read back with pdfsig/pdftotext.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../helpers/handlers';
import { signPdf } from '../../../core/features/signing/sign';
import { makeP12, pdfsig, readBytes, signWithPdfsig } from '../signing/fixtures';

let certs: string;
// A 1×1 red PNG, as a signature pad's data URL would be (a real drawing comes from the UI test).
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

beforeAll(() => {
  certs = mkdtempSync(path.join(os.tmpdir(), 'trame-versions-certs-'));
  makeP12(certs, 'prefete.p12', { cn: 'Claire Morvan', passphrase: 'secret' });
  makeP12(certs, 'agglo.p12', { cn: 'Jean-Marc Delattre', passphrase: 'secret' });
});
afterAll(() => rmSync(certs, { recursive: true, force: true }));

function pdftotext(file: string): string {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.error) throw new Error('pdftotext introuvable : installez poppler-utils.');
  return r.stdout;
}

describe('versions', () => {
  it('freezes, keeps the version unchanged after edits, signs drawn + PAdES in turn, refuses bad input', async () => {
    const h = harness();
    const info = await h.must('contrat.createDemo', { path: path.join(h.dir, 'demo.trame') });
    const docId = info.docId;
    expect((await h.must('versions.list', { docId })).draftChanged).toBe(true);
    const v1 = await h.mustJob('versions.freeze', { docId });
    expect(v1.number).toBe(1);
    expect(v1.status).toBe('fige');
    expect(v1.statusLabel).toBe('Figé');
    expect(v1.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(v1.signatoriesTotal).toBe(6);
    // Nothing changed: no second version.
    const again = await h.job('versions.freeze', { docId });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toContain('Rien n’a changé');
    // The fingerprint is printed on every page.
    const frozen = path.join(h.dir, 'v1.pdf');
    await h.must('versions.exportPdf', { docId, versionId: v1.id, path: frozen });
    const text = pdftotext(frozen);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.replace(/\s+/g, '')).toContain(v1.contentSha256);
    // Later edits never alter the frozen version.
    const tree = await h.must('tree.get', { docId });
    const first = tree.nodes[0];
    await h.must('tree.update', { docId, id: first.id, patch: { title: 'Titre changé après le gel' } });
    const list = await h.must('versions.list', { docId });
    expect(list.draftChanged).toBe(true);
    expect(list.versions[0].contentSha256).toBe(v1.contentSha256);
    const diff = await h.must('versions.diff', { docId, from: v1.id, to: 'brouillon' });
    expect(diff.entries.map((e) => e.kind)).toEqual(['titre']);
    // Frozen rows cannot be changed, even by SQL.
    const store = h.set.store(docId)!;
    expect(() => store.db.prepare("UPDATE version SET frozen_by = 'x'").run()).toThrow(/ne se modifie pas/);
    expect(() => store.db.prepare('DELETE FROM version').run()).toThrow(/ne se supprime pas/);
    // Signatures: drawn by the préfète, PAdES by the president; statuses follow.
    const drawn = await h.must('versions.signDrawn', { docId, versionId: v1.id, signatoryId: 's-prefecture', png: PNG });
    expect(drawn.statusLabel).toBe('Signé par 1 sur 6');
    const bad = await h.job('versions.signPades', { docId, versionId: v1.id, signatoryId: 's-agglo', p12Path: path.join(certs, 'agglo.p12'), passphrase: 'faux' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('Phrase de passe incorrecte');
    const pades = await h.mustJob('versions.signPades', { docId, versionId: v1.id, signatoryId: 's-agglo', p12Path: path.join(certs, 'agglo.p12'), passphrase: 'secret' });
    expect(pades.statusLabel).toBe('Signé par 2 sur 6');
    expect(pades.signatures.map((s) => s.kind)).toEqual(['drawn', 'pades']);
    const twice = await h.call('versions.signDrawn', { docId, versionId: v1.id, signatoryId: 's-agglo', png: PNG });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.message).toContain('a déjà signé');
    const missing = await h.call('versions.signDrawn', { docId, versionId: v1.id, signatoryId: 's-inconnu', png: PNG });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toContain('ne figure pas dans cette version');
    const notPng = await h.call('versions.signDrawn', { docId, versionId: v1.id, signatoryId: 's-caf', png: 'data:image/png;base64,AAAA' });
    expect(notPng.ok).toBe(false);
    // The first PAdES signature certifies the document: a drawn signature (an annotation) after it is refused.
    const after = await h.call('versions.signDrawn', { docId, versionId: v1.id, signatoryId: 's-caf', png: PNG });
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.error.message).toContain('qui le certifie');
    const report = await h.must('versions.verify', { docId, versionId: v1.id });
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0].valid).toBe(true);
    expect(report.signatures[0].coversWholeDocument).toBe(true);
    expect(report.signatures[0].docMdp).toBe(2);
    expect(report.ok).toBe(true);
    expect(report.expected).toBe(5); // six signatories, one drew
    expect(report.summary).toContain('1 signature sur 5 attendues');
    const signed = path.join(h.dir, 'v1-signe.pdf');
    await h.must('versions.exportPdf', { docId, versionId: v1.id, path: signed });
    expect(pdfsig(signed).map((s) => s.valid)).toEqual([true]);
    expect(readFileSync(signed).subarray(0, readFileSync(frozen).length).equals(readFileSync(frozen))).toBe(true);
    // Export refusals: an existing file (not replaced), a folder without write permission.
    const exists = await h.call('versions.exportPdf', { docId, versionId: v1.id, path: signed });
    expect(exists.ok).toBe(false);
    // A folder that cannot be written: a file standing where the folder should be (root ignores permissions).
    const denied = await h.call('versions.exportPdf', { docId, versionId: v1.id, path: path.join(frozen, 'x.pdf') });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.message).toMatch(/écrire|dossier/);
    const missingDir = await h.call('versions.exportPdf', { docId, versionId: v1.id, path: path.join(h.dir, 'absent', 'x.pdf') });
    expect(missingDir.ok).toBe(false);
    expect(readdirSync(h.dir).filter((f) => f.includes('.tmp'))).toEqual([]);

    // Import back a PDF signed elsewhere (pdfsig as the parapheur), then sign further in Trame.
    const outside = path.join(h.dir, 'parapheur.pdf');
    signWithPdfsig(certs, path.join(certs, 'prefete.p12'), 'secret', signed, outside);
    const imported = await h.must('versions.importSigned', { docId, versionId: v1.id, path: outside, signerName: 'Nadia Benali' });
    expect(imported.statusLabel).toBe('Signé par 3 sur 6');
    expect(imported.signatures[2]).toMatchObject({ kind: 'imported', signatoryId: 's-france-travail' });
    const notOurs = await h.call('versions.importSigned', { docId, versionId: v1.id, path: frozen });
    expect(notOurs.ok).toBe(false);

    // An avenant: its annex is the diff.
    const v2 = await h.mustJob('versions.freeze', { docId });
    expect(v2.title).toBe('Avenant n° 1');
    const v2pdf = path.join(h.dir, 'v2.pdf');
    await h.must('versions.exportPdf', { docId, versionId: v2.id, path: v2pdf });
    expect(pdftotext(v2pdf)).toContain('Titre changé après le gel');
    // Its title page says what it is (issue 16), and it carries no « Projet » mark.
    expect(pdftotext(v2pdf).replace(/\s+/g, ' ')).toContain('Avenant n° 1 au Contrat de ville 2024-2030');
    expect(pdftotext(v2pdf)).not.toContain('Projet');
    expect(pdftotext(v2pdf)).toContain('Annexe');

    // A frozen version whose stored PDF was altered in the file is reported, and cannot be signed any more.
    const file = info.path;
    await h.must('doc.close', { docId });
    const raw = new Database(file);
    const guard = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'version_immutable_update'").pluck().get() as string;
    raw.exec('DROP TRIGGER version_immutable_update');
    raw.prepare("UPDATE version SET pdf = CAST('%PDF-1.7 altéré' AS BLOB) WHERE number = 2").run();
    raw.exec(guard); // put back verbatim, as a program that hides its change would
    raw.close();
    const reopened = await h.must('doc.open', { path: file });
    const vs = (await h.must('versions.list', { docId: reopened.docId })).versions;
    expect(vs[1].status).toBe('altere');
    expect(vs[1].statusLabel).toBe('Altéré dans le fichier');
    const refused = await h.call('versions.signDrawn', { docId: reopened.docId, versionId: vs[1].id, signatoryId: 's-caf', png: PNG });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('altéré');
  });

  it('a copy without history keeps the contrat and drops the journal, deleted texts and frozen versions', async () => {
    const h = harness();
    const info = await h.must('contrat.createDemo', { path: path.join(h.dir, 'source.trame') });
    const docId = info.docId;
    const SECRET = 'Texte confidentiel supprimé 7f3a9';
    const OLD = 'Ancien intitulé retiré 5b2c1';
    const added = await h.must('tree.add', { docId, parentId: null, kind: 'enjeu', title: SECRET });
    await h.must('tree.remove', { docId, id: added.focusId! });
    const tree = await h.must('tree.get', { docId });
    await h.must('tree.update', { docId, id: tree.nodes[0].id, patch: { title: OLD } });
    await h.mustJob('versions.freeze', { docId });
    await h.must('tree.update', { docId, id: tree.nodes[0].id, patch: { title: 'Intitulé actuel' } });
    const source = readFileSync(info.path);
    const target = path.join(h.dir, 'copie.trame');
    const out = await h.must('versions.cleanCopy', { docId, path: target });
    expect(out.path).toBe(target);
    const bytes = readFileSync(target);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from(OLD))).toBe(false);
    expect(bytes.includes(Buffer.from('Intitulé actuel'))).toBe(true);
    // The original keeps all of it (in its journal), and was not changed by the copy.
    await h.must('doc.close', { docId });
    const original = new Database(info.path, { readonly: true });
    expect((original.prepare('SELECT count(*) AS n FROM journal_group').get() as { n: number }).n).toBeGreaterThan(0);
    expect((original.prepare('SELECT count(*) AS n FROM version').get() as { n: number }).n).toBe(1);
    original.close();
    expect(source.length).toBeGreaterThan(0);
    const copy = await h.must('doc.open', { path: target });
    const journal = await h.must('journal.list', { docId: copy.docId });
    expect(journal).toEqual([]);
    expect((await h.must('versions.list', { docId: copy.docId })).versions).toEqual([]);
    const copyTree = await h.must('tree.get', { docId: copy.docId });
    expect(copyTree.nodes[0].title).toBe('Intitulé actuel');
    expect(copyTree.nodes.length).toBe(tree.nodes.length);
    // No temporary file left; an existing target is refused.
    expect(readdirSync(h.dir).filter((f) => f.includes('.tmp') || f.startsWith('.'))).toEqual([]);
    const again = await h.call('versions.cleanCopy', { docId: copy.docId, path: path.join(h.dir, 'source.trame') });
    expect(again.ok).toBe(false);
    expect(existsSync(target)).toBe(true);
    writeFileSync(path.join(h.dir, 'unused'), '');
  });
});
