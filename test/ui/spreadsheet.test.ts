// Spreadsheets in Chromium (issue 20): « Fichier → Importer un tableur… » with a plan d'actions whose amount cannot
// be read (the error names the sheet, line and column; nothing can be imported), the column's role changed by
// keyboard (the preview follows), the import into the open contrat, undone in one step (Ctrl+Z), the mapping
// remembered for the same layout; « Exporter en tableur… » in ODS. axe on every dialog; screenshots.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DocInfo } from '../../core/api/contract';
import { workbookBytes, type Aoa } from '../features/spreadsheet/fixtures';
import { axe, pageErrors, screenshot, startHarness, type Harness } from './harness';

let h: Harness;
let page: Page;
let file: string;

const PLAN: Aoa = [
  ['Programmation 2026 — volet emploi'],
  ['Axe', 'Objectif', 'Action', 'Pilote', 'Partenaires', 'Montant', 'Échéance'],
  ['Accès à l’emploi', 'Lever les freins', 'Permanences emploi', 'France Travail', 'Mission locale, PLIE', '12 000 €', '30/06/2026'],
  [null, null, 'Garde d’enfants', 'CAF', null, 'environ 10 000', 'S1 2026'],
  [null, 'Former', 'Chantier d’insertion', 'PLIE', 'FRANCE TRAVAIL', '12k€', 'T3 2026'],
];

async function noAxe(screen: string): Promise<void> {
  expect(await axe(page, screen), `violations axe sur « ${screen} »`).toEqual([]);
}
async function shots(name: string): Promise<void> {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 720 });
}
const treeItems = () => page.locator('[role=treeitem]').count();

describe('tableurs : importer un plan d’actions, exporter en feuilles liées', () => {
  beforeAll(async () => {
    h = await startHarness('tableur', { userName: 'Dominique Leroy' });
    page = h.page;
    file = path.join(h.defaultDir, 'tableur.trame');
    const d = (await h.handlers['contrat.create']({ path: file, contrat: { name: 'Contrat tableur', epci: 'CA du Val', period: { start: 2024, end: 2030 }, qpv: [] } })) as DocInfo;
    await h.handlers['partners.add']({ docId: d.docId, name: 'France Travail', type: 'service-public-emploi' });
    await h.handlers['doc.close']({ docId: d.docId });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('l’aperçu, la correspondance changée au clavier, l’import en une étape et son annulation', async () => {
    await page.goto(h.server.url + '#/contrat?' + new URLSearchParams({ path: file }).toString());
    await page.getByRole('button', { name: 'Fichier' }).click();
    await page.getByRole('button', { name: 'Importer un tableur…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer un tableur' });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sheet-file');
    await noAxe('import tableur vide');
    await page.locator('#sheet-file').setInputFiles({ name: 'plan.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(workbookBytes(PLAN, 'xlsx')) });
    await dialog.locator('.sheet-errors').waitFor();
    expect(await dialog.locator('.sheet-errors li').allTextContents()).toEqual([
      "Feuille « Plan », ligne 4, colonne F (Montant) : « environ 10 000 » n'est pas un montant : écrivez un nombre d'euros, par exemple 12 000 €, 12 000,50 ou 12k€.",
    ]);
    const submit = dialog.getByRole('button', { name: 'Importer dans ce contrat' });
    expect(await submit.isDisabled()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sheet-errors-title');
    await noAxe('import tableur en erreur');
    await shots('60-import-tableur-erreur');

    // The « Montant » column ignored, by keyboard: its list focused, « I » chooses « Ignorée ».
    const montant = dialog.getByLabel('Rôle de la colonne F (Montant)');
    expect(await montant.inputValue()).toBe('montant');
    await montant.focus();
    await page.keyboard.press('i');
    await expect.poll(() => montant.inputValue()).toBe('ignorer');
    await expect.poll(() => dialog.locator('.sheet-errors').count()).toBe(0);
    await expect.poll(() => dialog.locator('.sheet-summary').textContent()).toMatch(/1\u00a0enjeu, 2\u00a0objectifs, 3\u00a0actions, 0\u00a0indicateur ; 4\u00a0partenaires dont 3\u00a0nouveaux, 6\u00a0engagements ; 0\u00a0erreur\./);
    expect(await dialog.locator('.sheet-partners').textContent()).toContain('France Travail (déjà dans le contrat)');
    expect(await dialog.locator('.sheet-tree li').allTextContents()).toEqual([
      'Enjeu — Accès à l’emploi', 'Objectif — Lever les freins', 'Action — Permanences emploi', 'Action — Garde d’enfants', 'Objectif — Former', 'Action — Chantier d’insertion',
    ]);
    await noAxe('import tableur prêt');
    await shots('61-import-tableur-pret');
    await submit.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(treeItems).toBe(6);
    await expect.poll(() => page.locator('[role=status]').allTextContents()).toContainEqual(expect.stringContaining('Tableur « plan.xlsx » importé : 6\u00a0éléments, 3\u00a0nouveaux partenaires, 6\u00a0engagements.'));

    // Undone in one step.
    await page.locator('[role=treeitem]').first().focus();
    await page.keyboard.press('Control+z');
    await expect.poll(treeItems).toBe(0);
    await page.keyboard.press('Control+y');
    await expect.poll(treeItems).toBe(6);
    await page.keyboard.press('Control+z');
    await expect.poll(treeItems).toBe(0);

    // The same layout again: the mapping chosen comes back.
    await page.getByRole('button', { name: 'Fichier' }).click();
    await page.getByRole('button', { name: 'Importer un tableur…' }).click();
    await dialog.waitFor();
    await page.locator('#sheet-file').setInputFiles({ name: 'plan.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(workbookBytes(PLAN, 'xlsx')) });
    await expect.poll(() => dialog.locator('.sheet-summary').textContent()).toContain('(correspondance reprise du dernier import de cette mise en page)');
    expect(await dialog.getByLabel('Rôle de la colonne F (Montant)').inputValue()).toBe('ignorer');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('exporter en tableur (ODS), au clavier', async () => {
    await page.getByRole('button', { name: 'Fichier' }).click();
    await page.getByRole('button', { name: 'Exporter en tableur…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Exporter en tableur' });
    await dialog.waitFor();
    const field = dialog.getByLabel('Fichier', { exact: true });
    expect(await field.inputValue()).toBe(path.join(h.defaultDir, 'tableur.xlsx'));
    await noAxe('export tableur');
    await shots('62-export-tableur');
    await dialog.getByLabel('ODS (LibreOffice)').check();
    expect(await field.inputValue()).toBe(path.join(h.defaultDir, 'tableur.ods'));
    await dialog.getByRole('button', { name: 'Exporter' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(existsSync(path.join(h.defaultDir, 'tableur.ods'))).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);
});
