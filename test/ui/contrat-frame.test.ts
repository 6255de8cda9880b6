// Issue 16 in Chromium: the legal frame on the « Contrat » screen edited by keyboard (document type, a visa's blank
// filled, a considérant added, an article's text, a partner marked as not signing), saved as one undoable step, the
// list of what is missing shrinking to nothing; « Figer pour signature » on « Versions et signatures » lists what is
// missing and refuses, then asks before freezing. axe-core on both; screenshots at 1024×768 (« Texte agrandi » too)
// and 1280×720.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, importDocument, openContrat, pageErrors, screenshot, startHarness, type Harness } from './harness';

function incomplete() {
  const money = (id: string, partner: string, amount: number) => ({ id, partner, text: `Engagement ${id}`, funding: { amount, nature: 'droit-commun' } });
  return {
    format: 'trame', version: 1,
    contrat: { name: 'Contrat de ville 2024-2030 — CA du Test', epci: 'CA du Test', pillar: 'emploi', period: { start: 2024, end: 2030 } },
    tree: [],
    partners: [{ id: 'p1', name: 'Préfecture', type: 'etat' }, { id: 'p2', name: 'CA du Test', type: 'collectivite' }, { id: 'p3', name: 'CAF', type: 'social' }],
    commitments: [money('c1', 'p1', 1000), money('c2', 'p2', 2000), money('c3', 'p3', 42000)],
    signatories: [{ id: 's1', partner: 'p1', name: 'Hélène Marchetti', role: 'Préfète' }, { id: 's2', partner: 'p2', name: 'Paul Durand', role: 'Président' }],
    protocole: { place: 'Testville', preamble: 'Un préambule.' },
  };
}

async function missingCount(page: Page): Promise<string> {
  const items = await page.locator('.frame-missing li').allTextContents();
  const alert = await page.locator('.frame .field-error').allTextContents();
  return [(await page.locator('#cadre-manque').textContent()) ?? '', ...items, ...alert].join(' | ');
}

describe('cadre juridique et prêt à signer', () => {
  let h: Harness;
  let file: string;

  beforeAll(async () => {
    h = await startHarness('cadre', { userName: 'Dominique Leroy' });
    file = path.join(h.defaultDir, 'cadre.trame');
    await importDocument(h, file, incomplete());
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('refuse de figer en listant ce qui manque, se complète au clavier sur « Contrat », puis fige après confirmation', async () => {
    // « Versions et signatures »: the button lists what is missing and does not open the confirmation.
    const page = await openContrat(h, file, 'versions');
    await page.getByRole('heading', { name: 'Versions et signatures', level: 2 }).waitFor();
    const missing = page.getByRole('heading', { name: /Avant de figer pour signature, il manque 2 points/ });
    await missing.waitFor();
    await expect.poll(() => page.locator('.versions-missing li').allTextContents()).toEqual([
      expect.stringMatching(/^CAF engage 42\s000\s€ mais n’a pas de signataire/u),
      expect.stringMatching(/^Le visa n° 4 est à compléter/),
    ]);
    const freeze = page.getByRole('button', { name: 'Figer pour signature…' });
    await freeze.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => `${document.activeElement?.tagName}.${document.activeElement?.className}#${document.activeElement?.id}`)).toContain('versions-missing');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await axe(page, 'versions-manque')).toEqual([]);
    await screenshot(page, 'versions-manque-1024');

    // « Contrat » (Alt+8): the legal frame, by keyboard.
    await page.keyboard.press('Alt+Digit8');
    await page.getByRole('heading', { name: 'Cadre juridique du document signé' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Contrat de ville « Engagements Quartiers 2030 »' }).isChecked()).toBe(true);
    await expect.poll(() => missingCount(page)).toMatch(/il manque 2 points/);
    const visa4 = page.getByLabel('Visa n° 4');
    expect(await visa4.inputValue()).toMatch(/\[à compléter : date de la délibération\]/);
    await visa4.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Vu la délibération du conseil communautaire de CA du Test en date du 12 mars 2024 autorisant son président à signer le présent contrat ;');
    // A considérant added with the keyboard: focus goes to its new field in the same keystroke, so that what is
    // typed at once lands there whole (no wait between the key and the typing, as a fast typist does).
    await page.getByRole('button', { name: 'Ajouter un considérant' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Considérant la convention locale de la Cité de l’emploi ;');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cadre-considerant-3');
    expect(await page.getByLabel('Considérant n° 4').inputValue()).toBe('Considérant la convention locale de la Cité de l’emploi ;');
    const duree = page.getByLabel('Texte de l’article 2');
    expect(await duree.inputValue()).toContain('six ans, sur la période 2024-2030. Une clause de revoyure en 2027');
    await page.getByRole('checkbox', { name: /CAF \(42\s000\s€\) ne signe pas le document/u }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Enregistrer le cadre juridique' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => missingCount(page)).toBe('Rien ne manque pour figer le document pour signature.');
    expect(await axe(page, 'contrat-cadre')).toEqual([]);
    await screenshot(page, 'contrat-cadre-1024', true);
    // One undoable step: Ctrl+Z brings the list back, Ctrl+Y clears it again.
    await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await page.keyboard.press('Control+z');
    await expect.poll(() => missingCount(page)).toMatch(/il manque 2 points/);
    await page.keyboard.press('Control+y');
    await expect.poll(() => missingCount(page)).toBe('Rien ne manque pour figer le document pour signature.');

    // Back on « Versions et signatures »: asked first, then frozen.
    await page.keyboard.press('Alt+Digit7');
    await page.getByRole('heading', { name: 'Versions et signatures', level: 2 }).waitFor();
    await expect.poll(() => page.locator('.versions-missing').count()).toBe(0);
    await page.getByRole('button', { name: 'Figer pour signature…' }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Figer cette version ?' });
    await confirm.waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: /Figé|Signé/ }).first().waitFor({ timeout: 60_000 }).catch(async () => {
      await page.getByText('Figé', { exact: true }).first().waitFor({ timeout: 60_000 });
    });
    expect(pageErrors(page)).toEqual([]);
  });

  it('se lit en « Texte agrandi » à 1024×768 et à 1280×720', async () => {
    const page = await openContrat(h, file, 'contrat', { width: 1280, height: 720 });
    await page.getByRole('heading', { name: 'Cadre juridique du document signé' }).waitFor();
    await screenshot(page, 'contrat-cadre-1280');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.keyboard.press('Alt+Shift+KeyT');
    await page.getByRole('heading', { name: 'Cadre juridique du document signé' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'contrat-cadre-agrandi-1024');
    expect(await axe(page, 'contrat-cadre-agrandi')).toEqual([]);
    await page.keyboard.press('Alt+Shift+KeyT');
  });
});
