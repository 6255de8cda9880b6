// Frozen versions when two copies are merged (issue 19): both copies froze a version after they parted (the same
// number on each side), one side signed a version both hold, one side froze and signed a version of its own. The
// merged file keeps every version, numbered in one order (the same whichever copy merges the other), each brought
// over with its PDF and signatures intact: the versions' own checks pass (content fingerprint printed in the PDF's
// footer, read back with pdftotext; each signed PDF extending the one before). Then: two copies that share no
// journal (a « copie sans historique » on one side) merge from the newest frozen version both hold.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness } from '../../helpers/handlers';
import { hashFile } from '../../helpers/files';
import { makeP12, pdfsig } from '../signing/fixtures';

let certs: string;
beforeAll(() => {
  certs = mkdtempSync(path.join(os.tmpdir(), 'trame-fusion-certs-'));
  makeP12(certs, 'agglo.p12', { cn: 'Jean-Marc Delattre', passphrase: 'secret' });
});
afterAll(() => rmSync(certs, { recursive: true, force: true }));
const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.cjs');

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
type H = ReturnType<typeof harness>;

async function withDoc<T>(h: H, file: string, run: (docId: string) => Promise<T>): Promise<T> {
  const d = await h.must('doc.open', { path: file });
  try {
    return await run(d.docId);
  } finally {
    await h.must('doc.close', { docId: d.docId });
  }
}
const retitle = async (h: H, docId: string, index: number, title: string) => {
  const { nodes } = await h.must('tree.get', { docId });
  await h.must('tree.update', { docId, id: nodes[index].id, patch: { title } });
};
const versionsOf = (h: H, docId: string) => h.must('versions.list', { docId }).then((l) => l.versions);
const summary = (vs: Awaited<ReturnType<typeof versionsOf>>) =>
  vs.map((v) => ({ id: v.id, number: v.number, sha: v.contentSha256, signatures: v.signatures.map((s) => s.signerName), intact: v.intact, problems: v.problems }));
const copy = (from: string, name: string) => {
  const to = path.join(path.dirname(from), name);
  copyFileSync(from, to);
  return to;
};

function pdftext(file: string): string {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.error) throw new Error('pdftotext introuvable : installez poppler-utils.');
  return r.stdout.replace(/\s+/g, '');
}

describe('frozen versions in a merge', () => {
  it('keeps every version, numbered in one order on both sides, with PDFs and signatures intact', async () => {
    const h = harness();
    const info = await h.must('contrat.createDemo', { path: path.join(h.dir, 'epci.trame') });
    const v1 = await h.mustJob('versions.freeze', { docId: info.docId });
    await h.must('doc.close', { docId: info.docId });
    const mine = info.path;
    const theirs = copy(mine, 'prefecture.trame');
    // Mine: retitles an item, freezes version 2 and has it signed (drawn) once.
    const mineV2 = await withDoc(h, mine, async (docId) => {
      await retitle(h, docId, 0, 'Emploi des jeunes — côté EPCI');
      const v = await h.mustJob('versions.freeze', { docId });
      await h.must('versions.signDrawn', { docId, versionId: v.id, signatoryId: v.signatories[0].id, png: PNG });
      return v;
    });
    // Theirs: signs version 1 (both hold it), retitles another item, freezes its own version 2, has it signed twice:
    // drawn, then PAdES (a certified signature over the whole PDF).
    const theirsV2 = await withDoc(h, theirs, async (docId) => {
      await h.must('versions.signDrawn', { docId, versionId: v1.id, signatoryId: v1.signatories[1].id, png: PNG });
      await retitle(h, docId, 1, 'Titre changé côté préfecture');
      const v = await h.mustJob('versions.freeze', { docId });
      await h.must('versions.signDrawn', { docId, versionId: v.id, signatoryId: v.signatories[0].id, png: PNG });
      await h.mustJob('versions.signPades', { docId, versionId: v.id, signatoryId: v.signatories[1].id, p12Path: path.join(certs, 'agglo.p12'), passphrase: 'secret', acceptNameMismatch: true });
      return v;
    });
    expect([mineV2.number, theirsV2.number]).toEqual([2, 2]);
    expect(mineV2.contentSha256).not.toBe(theirsV2.contentSha256);
    const inputs = [hashFile(mine), hashFile(theirs)];

    // A←B and B←A, each on its own working copy.
    const a1 = copy(mine, 'a1.trame');
    const b1 = copy(theirs, 'b1.trame');
    const [ab, afterA, again] = await withDoc(h, a1, async (docId) => {
      const preview = await h.must('merge.preview', { docId, path: theirs });
      expect(preview.conflicts).toEqual([]);
      const done = await h.must('merge.apply', { docId, path: theirs });
      const list = await versionsOf(h, docId);
      const twice = await h.must('merge.preview', { docId, path: theirs });
      return [done.preview, list, twice];
    });
    const [ba, afterB] = await withDoc(h, b1, async (docId) => {
      const done = await h.must('merge.apply', { docId, path: mine });
      return [done.preview, await versionsOf(h, docId)];
    });
    expect([hashFile(mine), hashFile(theirs)]).toEqual(inputs);

    // Three versions, none lost, numbered 1, 2, 3 by freeze time (mine froze first), the same on both sides.
    expect(afterA.map((v) => [v.id, v.number])).toEqual([[v1.id, 1], [mineV2.id, 2], [theirsV2.id, 3]]);
    expect(summary(afterB)).toEqual(summary(afterA));
    for (const v of afterA) expect({ n: v.number, intact: v.intact, problems: v.problems }).toEqual({ n: v.number, intact: true, problems: [] });
    expect(afterA.map((v) => v.signatures.map((x) => x.kind))).toEqual([['drawn'], ['drawn'], ['drawn', 'pades']]);
    // French notes: theirs' version 2 becomes version 3 in A; in B, its own version 2 is renumbered.
    expect(ab.notes.join('\n')).toMatch(/« Avenant n° 1 » \(figé par .* le .*\) est reprise de « prefecture\.trame » avec son PDF et ses 2 signatures, comme version 3 \(« Avenant n° 2 »\)/);
    expect(ab.notes.join('\n')).toMatch(/« Protocole d’engagements » : 1 signature recueillie sur « prefecture\.trame » est reprise/);
    expect(ba.notes.join('\n')).toMatch(/Votre « Avenant n° 1 » \(figé par .*\) devient la version 3 \(« Avenant n° 2 »\) : les deux copies ont figé une version n° 2/);
    // Merging the same copy again: nothing to bring, nothing renumbered.
    expect(again.notes).toEqual([]);
    expect(again.changes).toBe(0);

    // The versions' mutual checks on the merged file, on the PDFs as exported: each carries its content's
    // fingerprint in its footer, and the last signed PDF of the brought version starts with its frozen PDF.
    await withDoc(h, a1, async (docId) => {
      for (const v of afterA) {
        const out = path.join(h.dir, `v${v.number}.pdf`);
        await h.must('versions.exportPdf', { docId, versionId: v.id, path: out });
        expect(pdftext(out)).toContain(v.contentSha256);
      }
      // The PAdES signature brought over still verifies, in Trame and with pdfsig.
      const report = await h.must('versions.verify', { docId, versionId: theirsV2.id });
      expect(report.signatures.map((x) => x.valid)).toEqual([true]);
      expect(report.ok).toBe(true);
      expect(pdfsig(path.join(h.dir, 'v3.pdf')).map((x) => x.valid)).toEqual([true]);
      // Undoing the merge takes the journaled content back, never a frozen version.
      await h.must('journal.undo', { docId });
      expect((await versionsOf(h, docId)).map((v) => v.id)).toEqual(afterA.map((v) => v.id));
    });

    // The CLI says the same (a new merged file, both inputs untouched), and the versions check there too.
    const out = path.join(h.dir, 'fusion.trame');
    const r = spawnSync(process.execPath, [cli, 'merge', mine, theirs, '-o', out], { cwd: h.dir, env: { ...process.env, TRAME_DATA_DIR: path.join(h.dir, 'cli-data') }, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Note : « Avenant n° 1 » \(figé par .*\) est reprise de « prefecture\.trame » avec son PDF et ses 2 signatures, comme version 3/);
    expect([hashFile(mine), hashFile(theirs)]).toEqual(inputs);
    const fromCli = await withDoc(h, out, (docId) => versionsOf(h, docId));
    expect(summary(fromCli)).toEqual(summary(afterA));
  }, 180_000);

  it('merges from the newest frozen version both hold when the copies share no journal', async () => {
    const h = harness();
    const info = await h.must('contrat.createDemo', { path: path.join(h.dir, 'epci.trame') });
    const docId = info.docId;
    await retitle(h, docId, 0, 'Titre avant la copie');
    const clean = path.join(h.dir, 'copie.trame');
    await h.must('versions.cleanCopy', { docId, path: clean });
    const noVersion = copy(clean, 'copie-sans-version.trame');
    // Both freeze the same content: the same fingerprint on each side.
    const mineV = await h.mustJob('versions.freeze', { docId });
    const theirsV = await withDoc(h, clean, (d) => h.mustJob('versions.freeze', { docId: d }));
    expect(theirsV.contentSha256).toBe(mineV.contentSha256);
    // Then each edits apart: mine retitles item 1, theirs retitles item 2 and item 3.
    await retitle(h, docId, 1, 'Côté EPCI');
    await withDoc(h, clean, async (d) => {
      await retitle(h, d, 2, 'Côté préfecture');
      await retitle(h, d, 3, 'Encore côté préfecture');
    });
    await withDoc(h, noVersion, (d) => retitle(h, d, 2, 'Côté préfecture'));

    const preview = await h.must('merge.preview', { docId, path: clean });
    expect(preview.noBase).toBeNull();
    expect(preview.notes[0]).toMatch(/aucun historique commun .* la fusion part de la dernière version figée qu'elles contiennent toutes deux, « Protocole d’engagements » du .* \(même empreinte\)/);
    expect(preview.conflicts).toEqual([]);
    const done = await h.must('merge.apply', { docId, path: clean });
    expect(done.outcome).not.toBeNull();
    const titles = (await h.must('tree.get', { docId })).nodes.slice(0, 4).map((n) => n.title);
    expect(titles).toEqual(['Titre avant la copie', 'Côté EPCI', 'Côté préfecture', 'Encore côté préfecture']);
    // Merged back into the copy without history: the two contents and version lists become identical, no conflict.
    await h.set.settle();
    const back = await withDoc(h, clean, async (d) => {
      const done2 = await h.must('merge.apply', { docId: d, path: info.path });
      return { conflicts: done2.preview.conflicts, titles: (await h.must('tree.get', { docId: d })).nodes.map((n) => n.title), versions: summary(await versionsOf(h, d)) };
    });
    expect(back.conflicts).toEqual([]);
    expect(back.titles).toEqual((await h.must('tree.get', { docId })).nodes.map((n) => n.title));
    expect(back.versions).toEqual(summary(await versionsOf(h, docId)));
    expect(back.versions.map((v) => [v.id, v.number])).toEqual([[mineV.id, 1], [theirsV.id, 2]]);
    // One step: undone, mine is back.
    await h.must('journal.undo', { docId });
    expect((await h.must('tree.get', { docId })).nodes.slice(1, 4).map((n) => n.title)).not.toContain('Côté préfecture');

    // Without a common frozen version: every difference is a conflict, and the preview says why.
    const bare = await h.must('merge.preview', { docId, path: noVersion });
    expect(bare.noBase).toMatch(/aucun historique commun .* et aucune version figée en commun/);
    expect(bare.conflicts.length).toBeGreaterThan(0);
    expect(new Set(bare.conflicts.map((c) => c.kind))).toEqual(new Set(['sans-historique']));
  }, 120_000);
});
