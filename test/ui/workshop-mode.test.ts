// The workshop mode in a real Chromium against the real handlers: the facilitator's page and the audience view in
// two pages following each other (and a third page on the tree), the minutes of the scripted session (copied as
// text, printed to A4 and read back with pdftotext), the contrat's identity screen, « Texte agrandi » kept after a
// reload, and the recent files. axe-core on every screen and dialog; screenshots at 1280×720 and 1024×768.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DocInfo } from '../../core/api/contract';
import { axe, pageErrors, screenshot, startHarness, SCREENS_DIR, type Harness } from './harness';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
] as const;

async function noViolations(page: Page, screen: string): Promise<void> {
  expect(await axe(page, screen), `violations axe sur « ${screen} »`).toEqual([]);
}

async function bothSizes(page: Page, name: string): Promise<void> {
  for (const s of SIZES) {
    await page.setViewportSize(s);
    await screenshot(page, `atelier-${name}-${s.width}x${s.height}`);
  }
  await page.setViewportSize(SIZES[0]);
}

function tool(name: string, args: string[]): string {
  try {
    return execFileSync(name, args, { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`« ${name} » est introuvable ou a échoué (installez poppler-utils) : ${(err as Error).message}`);
  }
}

describe('the workshop mode, the identity screen, larger text, recent files', () => {
  let h: Harness;
  let file: string;
  beforeAll(async () => {
    h = await startHarness('atelier', { userName: 'Camille Animatrice' });
    file = path.join(h.defaultDir, 'atelier.trame');
    const doc = (await h.handlers['contrat.createDemo']({ path: file })) as DocInfo;
    await h.handlers['doc.close']({ docId: doc.docId });
    await h.set.settle();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('the facilitator decides, the audience view and a tree in another page follow; the minutes list the session', async () => {
    const page = h.page;
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.server.url });
    await page.goto(`${h.server.url}#/contrat?path=${encodeURIComponent(file)}&vue=atelier`);
    await page.getByRole('heading', { name: 'Démarrer un atelier' }).waitFor();
    await noViolations(page, 'atelier — démarrer');
    await bothSizes(page, '01-demarrer');

    // Who is in the room: a partner ticked, a name typed; by keyboard.
    const firstPartner = page.locator('.workshop-partners input[type=checkbox]').first();
    const partnerName = (await page.locator('.workshop-partners label').first().textContent())!.trim();
    await firstPartner.focus();
    await page.keyboard.press('Space');
    await page.locator('#atelier-autres').focus();
    await page.keyboard.type('Mme Durand, conseil citoyen');
    await page.locator('#atelier-titre').fill('Atelier emploi');
    await page.locator('#atelier-titre').press('Enter');
    // Starting asks to confirm who is in the room, naming them; Entrée confirms.
    const confirm = page.getByRole('dialog', { name: 'Démarrer « Atelier emploi » ?' });
    await confirm.waitFor();
    expect(await confirm.getByRole('listitem').allTextContents()).toEqual([partnerName, 'Mme Durand, conseil citoyen']);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Atelier en cours : « Atelier emploi »' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('atelier-titre-ecran');
    expect(await page.locator('.workshop-attendees').textContent()).toContain(`${partnerName}, Mme Durand, conseil citoyen`);

    // The audience view in a second page, and the tree in a third.
    const audience = await h.context.newPage();
    await audience.goto(`${h.server.url}#/salle?path=${encodeURIComponent(file)}`);
    await audience.getByText('L’atelier va commencer.').waitFor();
    const tree = await h.context.newPage();
    await tree.goto(`${h.server.url}#/contrat?path=${encodeURIComponent(file)}`);
    await tree.locator('[role=treeitem]').first().waitFor();

    // « Non décidés »: the first undecided item goes to the room.
    await page.getByRole('button', { name: 'Commencer la revue →' }).click();
    const current = page.locator('#atelier-element');
    await expect.poll(() => current.textContent()).toMatch(/ : /);
    const title1 = (await current.textContent())!.split(' : ').slice(1).join(' : ');
    await expect.poll(() => audience.locator('#salle-titre').textContent()).toBe(title1);
    expect(await audience.locator('.audience-tag').textContent()).toContain('Pas encore décidé');
    expect(await audience.locator('.audience-parents li').count()).toBeGreaterThan(0);

    // Decide by key (2 = à garder), write the reason (R, then Ctrl+Entrée): the room sees both.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('atelier-element');
    await page.keyboard.press('2');
    await expect.poll(() => audience.locator('.audience-tag').getAttribute('data-tag')).toBe('garder');
    expect(await audience.locator('.audience-tag').textContent()).toContain('À garder');
    const treeRow = tree.locator('[role=treeitem]').filter({ hasText: title1 }).first();
    await expect.poll(() => treeRow.locator('.tag-badge').textContent()).toContain('À garder');
    await page.keyboard.press('r');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('atelier-raison');
    await page.keyboard.type('Résultats solides');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => audience.locator('.audience-reason').textContent()).toBe('Résultats solides');

    // The timer is seen in the room.
    await page.getByRole('button', { name: 'Lancer' }).click();
    await expect.poll(() => audience.getByRole('timer').textContent()).toMatch(/^[12]:\d\d/);
    await noViolations(audience, 'vue salle');
    await bothSizes(audience, '02-salle');
    await noViolations(page, 'atelier — revue');
    await bothSizes(page, '03-revue');

    // Page suivante: the next undecided item, in the room too; decide it « à jeter » with a click.
    await page.locator('#atelier-element').focus();
    await page.keyboard.press('PageDown');
    await expect.poll(async () => (await current.textContent())!.includes(title1)).toBe(false);
    const title2 = (await current.textContent())!.split(' : ').slice(1).join(' : ');
    await expect.poll(() => audience.locator('#salle-titre').textContent()).toBe(title2);
    await page.getByRole('button', { name: /À jeter$/ }).click();
    await expect.poll(() => audience.locator('.audience-tag').getAttribute('data-tag')).toBe('jeter');

    // « Terminer l'atelier »: a confirmation, then the minutes.
    await page.getByRole('button', { name: 'Terminer l’atelier…' }).click();
    await page.getByRole('dialog', { name: 'Terminer l’atelier ?' }).waitFor();
    await noViolations(page, 'atelier — terminer');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Relevé de l’atelier « Atelier emploi »' }).waitFor();
    await audience.getByText('L’atelier est terminé.', { exact: false }).waitFor();
    const decisions = page.locator('.minutes-section').filter({ has: page.getByRole('heading', { name: /^Décisions/ }) });
    const lines = await decisions.locator('li').allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(title1);
    expect(lines[0]).toContain('À garder');
    expect(lines[0]).toContain('Raison : Résultats solides');
    expect(lines[0]).toContain('Camille Animatrice');
    expect(lines[1]).toContain(title2);
    expect(lines[1]).toContain('À jeter');
    const present = await page.locator('.minutes-section').first().locator('li').allTextContents();
    expect(present).toEqual([`${partnerName} (partenaire du contrat)`, 'Mme Durand, conseil citoyen']);
    await noViolations(page, 'relevé');
    await bothSizes(page, '04-releve');

    // Copied as text.
    await page.getByRole('button', { name: 'Copier le texte' }).click();
    await page.getByText('Le texte du relevé est copié').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Relevé de l’atelier « Atelier emploi »');
    expect(copied).toContain(`À garder : `);
    expect(copied).toContain('raison : Résultats solides');

    // Printed on A4: only the minutes, no header or buttons.
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'atelier-05-releve-impression', true);
    const pdf = path.join(h.dir, 'releve.pdf');
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
    await page.emulateMedia({ media: 'screen' });
    const text = tool('pdftotext', ['-layout', pdf, '-']);
    expect(text).toContain('Relevé de l’atelier « Atelier emploi »');
    expect(text).toContain('Résultats solides');
    expect(text).toMatch(/Page 1 sur \d+/);
    expect(text).not.toContain('Copier le texte');
    expect(text).not.toContain('Enregistrer sous');
    expect(tool('pdfinfo', [pdf])).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts/);
    mkdirSync(SCREENS_DIR, { recursive: true });

    await audience.close();
    await tree.close();
    expect(pageErrors(page)).toEqual([]);
  }, 240_000);

  it('the identity screen shows a refusal where the user looks, saves in one undoable step', async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.keyboard.press('Alt+8');
    await page.getByRole('heading', { name: 'Identité du contrat' }).waitFor();
    await noViolations(page, 'contrat');
    await bothSizes(page, '06-contrat');
    const original = await page.locator('.doc-name').textContent();
    await page.locator('#contrat-nom').fill('N'.repeat(600));
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const err = page.locator('#contrat-nom-error');
    await err.waitFor();
    expect(await err.textContent()).toBe('Le nom du contrat est trop long : 600 caractères, 300 au plus. Raccourcissez-le ; rien n’a été enregistré.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contrat-nom');
    const box = await err.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 720, 'le message est visible à 720 px de haut').toBe(true);
    await screenshot(page, 'atelier-07-contrat-erreur-1280x720');
    await noViolations(page, 'contrat — erreur');

    await page.locator('#contrat-nom').fill('Contrat de ville renommé');
    await page.getByRole('button', { name: 'Ajouter un QPV' }).click();
    await page.keyboard.type('QN99999X');
    const rows = page.locator('.qpv-row');
    const last = rows.last();
    await last.locator('input').nth(1).fill('Les Tilleuls');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => page.locator('.doc-name').textContent()).toBe('Contrat de ville renommé');
    expect(await page.locator('.contrat-screen .field-error').allTextContents()).toEqual([]);
    const info = (await h.handlers['doc.info']({ docId: h.set.openDocs()[0].docId })) as DocInfo;
    expect(info.contrat.qpv.at(-1)).toMatchObject({ code: 'QN99999X', name: 'Les Tilleuls' });
    // One Ctrl+Z (outside a field) undoes the whole change.
    await page.locator('#contrat-titre').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.doc-name').textContent()).toBe(original);
    await expect.poll(() => page.locator('#contrat-nom').inputValue()).toBe(original);
  }, 120_000);

  it('« Texte agrandi » is kept after a reload; recent cards open as a whole and tell same titles apart', async () => {
    const page = h.page;
    await page.keyboard.press('Alt+1');
    await page.locator('[role=treeitem]').first().waitFor();
    await page.keyboard.press('Alt+Shift+T');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.texte)).toBe('grand');
    expect(await page.getByRole('button', { name: 'A+ Texte agrandi' }).getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await page.locator('[role=treeitem]').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.texte)).toBe('grand');
    expect(JSON.parse(readFileSync(path.join(h.appDataDir, 'settings.json'), 'utf8')).largeText).toBe(true);
    await noViolations(page, 'arbre — texte agrandi');
    await bothSizes(page, '08-texte-agrandi');
    await page.getByRole('button', { name: 'A+ Texte agrandi' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.texte ?? null)).toBeNull();

    // Two contrats of the same title in two folders.
    for (const folder of ['Ville A', 'Ville B']) {
      mkdirSync(path.join(h.defaultDir, folder), { recursive: true });
      const d = (await h.handlers['contrat.createDemo']({ path: path.join(h.defaultDir, folder, 'contrat.trame') })) as DocInfo;
      await h.handlers['doc.close']({ docId: d.docId });
    }
    await page.getByRole('button', { name: 'Fermer le contrat' }).click();
    await page.getByRole('heading', { name: 'Fichiers récents' }).waitFor();
    const cards = page.locator('.recent-item');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(3);
    const folders = await page.locator('.recent-folder').allTextContents();
    expect(folders).toEqual(expect.arrayContaining(['Dossier « Ville A » — ', 'Dossier « Ville B » — ']));
    await noViolations(page, 'accueil — récents');
    await bothSizes(page, '09-recents');
    // A click on the card's path (not its title) opens it.
    const card = cards.filter({ hasText: path.join('Ville B', 'contrat.trame') });
    const where = (await card.locator('.recent-path').boundingBox())!;
    const cardBox = (await card.boundingBox())!;
    await card.click({ position: { x: where.x - cardBox.x + 20, y: where.y - cardBox.y + where.height / 2 } });
    await page.locator('[role=treeitem]').first().waitFor();
    expect(await page.locator('.doc-name').getAttribute('title')).toContain(path.join('Ville B', 'contrat.trame'));
    expect(pageErrors(page)).toEqual([]);
  }, 180_000);
});
