// Merging another copy in Chromium (issue 19): two copies of one contrat (the file copied on disk, each edited through
// the API so that they diverge with three conflicts and one change that does not collide); « Fichier → Fusionner une
// autre copie… », another contrat and a file that is not a contrat refused in French (nothing written), then the
// three conflicts resolved by keyboard (keep theirs, keep mine, a combined text), applied with Entrée, the result
// read through the API, undone in one step (Ctrl+Z) and read again. axe on the dialog; the focus never on <body>.
// Their copy also holds a frozen version mine does not: the dialog says it is brought over, and it stays after undo.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DocInfo } from '../../core/api/contract';
import type { TreeSnapshot } from '../../core/features/tree/contract';
import { axe, openContrat, pageErrors, screenshot, startHarness, type Harness } from './harness';

let h: Harness;
let page: Page;
let mine: string;
let theirs: string;
let foreign: string;
let ids: Record<string, string>;

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const contrat = (name: string) => ({ name, epci: 'CA du Val', period: { start: 2024, end: 2030 }, qpv: [] });

async function edit(file: string, steps: (docId: string) => Promise<void>): Promise<void> {
  const d = (await h.handlers['doc.open']({ path: file })) as DocInfo;
  await steps(d.docId);
  await h.handlers['doc.close']({ docId: d.docId });
}
const retitle = (docId: string, id: string, title: string) => h.handlers['tree.update']({ docId, id, patch: { title } });
const retag = (docId: string, id: string, tag: 'garder' | 'jeter') => h.handlers['tree.update']({ docId, id, patch: { tag } });

/** The open contrat's items, through the API: title → tag. */
async function items(): Promise<Record<string, string | null>> {
  const open = h.set.openDocs().find((d) => d.path === mine);
  if (!open) return {};
  const t = (await h.handlers['tree.get']({ docId: open.docId })) as TreeSnapshot;
  return Object.fromEntries(t.nodes.map((n) => [n.title, n.tag]));
}
const activeTag = () => page.evaluate(() => document.activeElement?.tagName ?? 'BODY');

describe('fusionner une autre copie', () => {
  beforeAll(async () => {
    h = await startHarness('fusion', { userName: 'Camille Martin' });
    page = h.page;
    mine = path.join(h.defaultDir, 'contrat-epci.trame');
    theirs = path.join(h.defaultDir, 'contrat-prefecture.trame');
    foreign = path.join(h.defaultDir, 'autre-contrat.trame');
    const d = (await h.handlers['contrat.create']({ path: mine, contrat: contrat('Contrat de ville du Val') })) as DocInfo;
    for (const title of ['Emploi', 'Éducation', 'Santé', 'Logement']) await h.handlers['tree.add']({ docId: d.docId, parentId: null, title });
    const t = (await h.handlers['tree.get']({ docId: d.docId })) as TreeSnapshot;
    ids = Object.fromEntries(t.nodes.map((n) => [n.title, n.id]));
    await h.handlers['doc.close']({ docId: d.docId });
    copyFileSync(mine, theirs);
    const f = (await h.handlers['contrat.create']({ path: foreign, contrat: contrat('Contrat de la Vallée') })) as DocInfo;
    await h.handlers['doc.close']({ docId: f.docId });
    // Each copy edited apart: three collisions (two titles, one tag) and one change only on their side.
    await edit(theirs, async (docId) => {
      await retitle(docId, ids.Emploi, 'Emploi et insertion');
      await retitle(docId, ids['Éducation'], 'Réussite éducative');
      await retag(docId, ids['Santé'], 'jeter');
      await retitle(docId, ids.Logement, 'Habitat et cadre de vie');
    });
    // A version frozen on their side only, written as a freeze writes it (content, its hash, a PDF carrying the
    // fingerprint; a minimal PDF here: the real freeze and its PDF are tested in test/features/merge/versions.test.ts).
    const db = new Database(theirs);
    const content = JSON.stringify({ contrat: 'figé côté préfecture' });
    const hash = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
    const pdf = Buffer.from(`%PDF-1.7\n% empreinte-sha256:${hash(content)}\n%%EOF\n`);
    db.prepare(`INSERT INTO version (id, number, frozen_at, frozen_by, content_json, content_sha256, pdf, pdf_sha256, blocks_json, signatories_total)
      VALUES ('v-prefecture', 1, '2026-03-02T10:00:00.000Z', 'Dominique Préfecture', ?, ?, ?, ?, '[]', 0)`).run(content, hash(content), pdf, hash(pdf));
    db.close();
    await edit(mine, async (docId) => {
      await retitle(docId, ids.Emploi, 'Emploi des jeunes');
      await retitle(docId, ids['Éducation'], 'Éducation populaire');
      await retag(docId, ids['Santé'], 'garder');
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('trois conflits tranchés au clavier, la fusion en une étape, annulée en une fois', async () => {
    await openContrat(h, mine);
    const before = await items();
    expect(before).toEqual({ 'Emploi des jeunes': null, 'Éducation populaire': null, Santé: 'garder', Logement: null });
    const theirsHash = sha(theirs);
    const foreignHash = sha(foreign);

    await page.getByRole('button', { name: 'Fichier' }).click();
    await page.getByRole('button', { name: 'Fusionner une autre copie…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fusionner une autre copie' });
    await dialog.waitFor();
    const field = dialog.getByLabel('Autre copie (.trame)');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('merge-path');
    expect(await axe(page, 'fusion vide')).toEqual([]);

    // Another contrat, then a file that is not a contrat: the handler's French message, nothing written.
    await field.fill(foreign);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.locator('#merge-error').textContent()).toContain('« autre-contrat.trame » est un autre contrat (« Contrat de la Vallée »)');
    const notes = path.join(h.defaultDir, 'notes.trame');
    writeFileSync(notes, 'pas un contrat');
    await field.fill(notes);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.locator('#merge-error').textContent()).toMatch(/notes\.trame/);
    expect(await dialog.locator('#merge-error').textContent()).not.toMatch(/[A-Z][a-z]+Error|SQLITE/);
    expect(await dialog.locator('fieldset').count()).toBe(0);
    expect(await items()).toEqual(before);
    expect(sha(foreign)).toBe(foreignHash);

    // The other copy: one change taken silently, three conflicts, the focus on the first.
    await field.fill(theirs);
    await page.keyboard.press('Enter');
    const conflicts = dialog.locator('fieldset.merge-conflict');
    await expect.poll(() => conflicts.count()).toBe(3);
    expect(await dialog.locator('.merge-summary').textContent()).toMatch(/«\s?contrat-prefecture\.trame\s?» \(dernier changement par Camille Martin\) : 1\schangement repris sans question, 3\sconflits à trancher/);
    expect(await dialog.getByRole('list', { name: 'À savoir sur cette fusion' }).textContent()).toMatch(/« Protocole d’engagements » \(figé par Dominique Préfecture le 02\/03\/2026\) est reprise de « contrat-prefecture\.trame » avec son PDF\./);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.dataset.conflict)).toBe('0');
    const legends = await conflicts.locator('legend').allTextContents();
    const texts = await conflicts.allTextContents();
    for (const t of texts) expect(t).toMatch(/Le mien : Camille Martin, le \d+ \S+ \d{4} à \d\d:\d\d\. Le leur : Camille Martin, le/);
    expect(texts.find((t) => t.includes('« Emploi des jeunes »'))).toContain('Garder le leur : « Emploi et insertion »');
    expect(texts.find((t) => t.includes('étiquette'))).toMatch(/Garder le mien : « À garder ».*Garder le leur : « À jeter »/);
    expect(await axe(page, 'fusion : conflits')).toEqual([]);
    await screenshot(page, '70-fusion-conflits-1024');
    await page.keyboard.press('Alt+Shift+KeyT');
    await screenshot(page, '70-fusion-conflits-agrandi-1024');
    await page.keyboard.press('Alt+Shift+KeyT');
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, '70-fusion-conflits-1280');
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.dataset.conflict)).toBe('0');

    // By keyboard: Emploi → a combined text; Éducation → theirs; Santé's tag → mine.
    for (const legend of legends) {
      if (legend.includes('Emploi')) {
        await page.keyboard.press('ArrowDown'); // leur
        await page.keyboard.press('ArrowDown'); // texte combiné
        await page.keyboard.press('Tab');
        await expect.poll(() => activeTag()).toBe('TEXTAREA');
        await page.keyboard.press('Control+a');
        await page.keyboard.type('Emploi et insertion des jeunes');
      } else if (legend.includes('Éducation')) {
        await page.keyboard.press('ArrowDown');
      } else {
        await page.keyboard.press('Space');
      }
      await page.keyboard.press('Tab');
    }
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Fusionner');
    expect(await axe(page, 'fusion : conflits tranchés')).toEqual([]);
    await screenshot(page, '71-fusion-tranchee-1024');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => activeTag(), { timeout: 10_000 }).not.toBe('BODY');
    await expect.poll(() => page.locator('[role=status]').allTextContents()).toContainEqual(expect.stringContaining('Ctrl+Z l’annule en une fois. Les versions figées reprises restent'));
    const merged = { 'Emploi et insertion des jeunes': null, 'Réussite éducative': null, Santé: 'garder', 'Habitat et cadre de vie': null };
    await expect.poll(items).toEqual(merged);
    await expect.poll(() => page.getByRole('treeitem').allTextContents()).toContainEqual(expect.stringContaining('Emploi et insertion des jeunes'));
    expect(sha(theirs)).toBe(theirsHash);

    // Undone in one step, redone, undone again.
    await page.getByRole('treeitem').first().focus();
    await page.keyboard.press('Control+z');
    await expect.poll(items).toEqual(before);
    await page.keyboard.press('Control+y');
    await expect.poll(items).toEqual(merged);
    await page.keyboard.press('Control+z');
    await expect.poll(items).toEqual(before);
    await expect.poll(() => activeTag(), { timeout: 10_000 }).not.toBe('BODY');
    expect(sha(theirs)).toBe(theirsHash);
    // The frozen version brought over stays: undo never takes a frozen version back.
    const open = h.set.openDocs().find((d) => d.path === mine)!;
    const list = (await h.handlers['versions.list']({ docId: open.docId })) as { versions: { id: string; number: number; intact: boolean }[] };
    expect(list.versions.map((v) => [v.id, v.number, v.intact])).toEqual([['v-prefecture', 1, true]]);

    // Escape closes the dialog: the focus back on « Fichier », never on <body>.
    await page.getByRole('button', { name: 'Fichier' }).click();
    await page.getByRole('button', { name: 'Fusionner une autre copie…' }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 10_000 }).toBe('Fichier');
    expect(await items()).toEqual(before);
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});
