// What the page does when files are not as expected: an export over an existing file is refused until the user ticks
// « Remplacer… »; a contrat whose file was replaced under it (as a sync client or `git pull` does) is not closed: the
// user is told, and « Enregistrer sous » keeps everything.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DocInfo } from '../../core/api/contract';
import { hashFile } from '../helpers/files';
import { pageErrors, screenshot, startHarness, type Harness } from './harness';

const hashFor = (file: string) => '#/contrat?' + new URLSearchParams({ path: file }).toString();
const FIELDS = { epci: 'CA Test', period: { start: 2024, end: 2030 }, qpv: [] };

describe('fichiers inattendus', () => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    h = await startHarness('fichiers', { userName: 'Dominique Leroy' });
    page = h.page;
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('un export sur un fichier existant est refusé, puis fait quand « Remplacer » est coché', async () => {
    const file = path.join(h.defaultDir, 'export.trame');
    const d = (await h.handlers['contrat.create']({ path: file, contrat: { name: 'Contrat export', ...FIELDS } })) as DocInfo;
    await h.handlers['doc.close']({ docId: d.docId });
    const out = path.join(h.defaultDir, 'deja-la.json');
    writeFileSync(out, '{"ancien": true}\n');
    const before = hashFile(out);
    await page.goto(h.server.url + hashFor(file));
    await page.locator('.tree').waitFor();
    await page.getByRole('button', { name: 'Fichier' }).click();
    await page.getByRole('button', { name: 'Exporter (JSON)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Exporter le contrat (JSON)' });
    await dialog.getByLabel('Fichier JSON à écrire').fill(out);
    await dialog.getByRole('button', { name: 'Exporter', exact: true }).click();
    await dialog.getByText(/existe déjà/).first().waitFor();
    expect(hashFile(out)).toBe(before);
    await screenshot(page, '50-export-existe-deja');
    const box = dialog.getByRole('checkbox', { name: /Remplacer le fichier/ });
    expect(await box.isChecked()).toBe(false);
    await box.focus();
    await page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Exporter', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'trame', contrat: { name: 'Contrat export' } });
    expect(pageErrors(page)).toEqual([]);
  });

  it('un fichier remplacé sous le contrat ouvert : la fermeture est refusée, « Enregistrer sous » garde tout', async () => {
    const file = path.join(h.defaultDir, 'remplace.trame');
    const other = path.join(h.defaultDir, 'autre.trame');
    const d = (await h.handlers['contrat.create']({ path: file, contrat: { name: 'Contrat remplacé', ...FIELDS } })) as DocInfo;
    await h.handlers['tree.add']({ docId: d.docId, parentId: null, kind: 'enjeu', title: 'Insertion des jeunes' });
    await h.handlers['doc.close']({ docId: d.docId });
    const o = (await h.handlers['contrat.create']({ path: other, contrat: { name: 'Un autre contrat', ...FIELDS } })) as DocInfo;
    await h.handlers['doc.close']({ docId: o.docId });
    await page.goto(h.server.url + hashFor(file));
    await page.locator('[role=treeitem]').first().waitFor();
    // A sync client puts another file at the path.
    renameSync(other, file);
    const replacing = hashFile(file);
    await page.getByRole('button', { name: /^Fermer/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await screenshot(page, '51-fichier-remplace');
    expect(await page.locator('.banner-offline').textContent()).toMatch(/remplacé par un autre/);
    await dialog.getByRole('button', { name: /Enregistrer sous/ }).click();
    const saveAs = page.getByRole('dialog', { name: /Enregistrer le contrat sous/ });
    const copy = path.join(h.defaultDir, 'remplace-sauve.trame');
    await saveAs.getByLabel(/Nouveau fichier/).fill(copy);
    await saveAs.getByRole('button', { name: 'Enregistrer' }).click();
    await saveAs.waitFor({ state: 'detached' });
    await page.locator('.banner-offline').waitFor({ state: 'detached' });
    expect(hashFile(file)).toBe(replacing);
    // The page goes on editing the copy, with everything.
    const open = h.set.openDocs().find((x) => x.path === copy)!;
    const tree = (await h.handlers['tree.get']({ docId: open.docId })) as { nodes: { title: string }[] };
    expect(tree.nodes.map((n) => n.title)).toEqual(['Insertion des jeunes']);
    expect(pageErrors(page)).toEqual([]);
  });
});
