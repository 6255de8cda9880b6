// « Versions et signatures » in Chromium: freeze, draw a signature, sign with a .p12 (a wrong passphrase first),
// see the versions and their status, export the signed PDF and look at its pages, verify a file, read a diff.
// axe-core on the screen and on the signing dialog; screenshots at 1280×720 and 1024×768.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, pageErrors, SCREENS_DIR, screenshot, startHarness, type Harness } from './harness';
import type { DocInfo } from '../../core/api/contract';
import { makeP12, pdfsig } from '../features/signing/fixtures';

const hashFor = (file: string) => '#/contrat?' + new URLSearchParams({ path: file, vue: 'versions' }).toString();

async function draw(page: Page): Promise<void> {
  const pad = page.locator('canvas.sign-pad');
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 100);
  await page.mouse.down();
  for (const [dx, dy] of [[60, -50], [110, 20], [170, -60], [230, 30], [300, -20]]) {
    await page.mouse.move(box.x + 30 + dx, box.y + 100 + dy, { steps: 6 });
  }
  await page.mouse.up();
}

describe('versions et signatures', () => {
  let h: Harness;
  let page: Page;
  let file: string;
  let p12: string;
  let other: string;

  beforeAll(async () => {
    h = await startHarness('versions', { userName: 'Dominique Leroy' });
    page = h.page;
    file = path.join(h.defaultDir, 'demo.trame');
    const d = (await h.handlers['contrat.createDemo']({ path: file })) as DocInfo;
    await h.handlers['doc.close']({ docId: d.docId });
    p12 = makeP12(h.dir, 'agglo.p12', { cn: 'Jean-Marc Delattre', passphrase: 'secret' });
    other = makeP12(h.dir, 'autre.p12', { cn: 'Préfète de Test', passphrase: 'secret' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('fige, signe (dessin puis certificat), montre les statuts, exporte, vérifie et compare', async () => {
    await page.goto(h.server.url + hashFor(file));
    const heading = page.getByRole('heading', { name: 'Versions et signatures', level: 2 });
    await heading.waitFor();
    await page.getByText('Brouillon : aucune version n’a encore été figée.').waitFor();
    expect(await axe(page, 'versions-vide')).toEqual([]);

    // Freeze, by keyboard.
    const freeze = page.getByRole('button', { name: 'Figer pour signature' });
    await freeze.focus();
    await page.keyboard.press('Enter');
    // Asked first: a frozen version never changes; Échap leaves nothing frozen, Entrée on « Figer la version » freezes.
    const confirm = page.getByRole('dialog', { name: 'Figer cette version ?' });
    await confirm.getByText(/ne pourra plus être modifiée ni supprimée/).waitFor();
    expect(await axe(page, 'versions — confirmer le gel')).toEqual([]);
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await page.getByRole('row', { name: /Protocole d’engagements/ }).count()).toBe(0);
    await freeze.click();
    await confirm.waitFor();
    await page.keyboard.press('Enter');
    const row = page.getByRole('row', { name: /Protocole d’engagements/ });
    await row.waitFor();
    await expect.poll(() => row.locator('.status').textContent()).toBe('Figé');
    await page.getByText('Le contrat est identique à « Protocole d’engagements ».').waitFor();
    expect(await freeze.isDisabled()).toBe(true);

    // A drawn signature: the préfète, with the mouse.
    await row.getByRole('button', { name: /^Signer…/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Signer « Protocole d’engagements »' });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sign-who');
    expect(await dialog.getByLabel('Signataire').inputValue()).toBe('s-prefecture');
    await dialog.getByRole('button', { name: 'Signer', exact: true }).click();
    await dialog.getByText('Tracez la signature dans le cadre, ou tapez le nom').waitFor();
    await draw(page);
    await screenshot(page, 'versions-signature-dessinee-1280');
    expect(await axe(page, 'versions-dialogue-signature')).toEqual([]);
    await dialog.getByRole('button', { name: 'Signer', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.locator('.status').textContent()).toBe('Signé par 1 sur 6');

    // A PAdES signature: the president, with a .p12; a wrong passphrase first, said under its field.
    await row.getByRole('button', { name: /^Signer…/ }).click();
    await dialog.waitFor();
    await dialog.getByLabel('Signataire').selectOption('s-agglo');
    await dialog.getByLabel(/Signature électronique avec un certificat/).check();
    await dialog.getByLabel('Certificat (.p12 ou .pfx) : chemin du fichier').fill(p12);
    const pass = dialog.getByLabel('Phrase de passe du certificat');
    expect(await pass.getAttribute('type')).toBe('password');
    await pass.fill('pas la bonne');
    await dialog.getByRole('button', { name: 'Signer', exact: true }).click();
    await dialog.getByText('Phrase de passe incorrecte pour ce certificat').waitFor();
    expect(await pass.inputValue()).toBe(''); // never kept, not even in the form
    expect(await pass.getAttribute('aria-invalid')).toBe('true');
    await pass.fill('secret');
    await dialog.getByRole('button', { name: 'Signer', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.locator('.status').textContent()).toBe('Signé par 2 sur 6');
    expect(await row.locator('.versions-sigs li').allTextContents()).toEqual(['Claire Morvan (dessinée)', 'Jean-Marc Delattre (certificat)']);

    // A certificate held by someone else: a confirmation naming both, by keyboard; Entrée signs anyway.
    await row.getByRole('button', { name: /^Signer…/ }).click();
    await dialog.waitFor();
    await dialog.getByLabel('Signataire').selectOption('s-france-travail');
    // The document is certified now: drawing is no longer offered, and the dialog says why.
    expect(await dialog.getByLabel(/Signature dessinée/).isDisabled()).toBe(true);
    await dialog.getByText('Une signature électronique certifie déjà ce document').waitFor();
    await dialog.getByLabel(/Signature électronique avec un certificat/).check();
    await dialog.getByLabel('Certificat (.p12 ou .pfx) : chemin du fichier').fill(other);
    await dialog.getByLabel('Phrase de passe du certificat').fill('secret');
    await dialog.getByRole('button', { name: 'Signer', exact: true }).click();
    const ask = dialog.getByRole('alertdialog', { name: 'Le certificat n’est pas au nom du signataire' });
    await ask.getByText('Ce certificat est au nom de « Préfète de Test », pas de « Nadia Benali »').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Signer quand même');
    expect(await dialog.getByLabel('Phrase de passe du certificat').inputValue()).toBe('');
    expect(await axe(page, 'versions — certificat d’une autre personne')).toEqual([]);
    await screenshot(page, 'versions-nom-different-1280');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.locator('.status').textContent()).toBe('Signé par 3 sur 6');

    // Export the signed PDF; poppler says the signature is valid; look at its pages.
    await row.getByRole('button', { name: /^Exporter le PDF…/ }).click();
    const exp = page.getByRole('dialog', { name: /Exporter le PDF/ });
    const out = path.join(h.dir, 'protocole-signe.pdf');
    await exp.getByLabel('Chemin du PDF à écrire').fill(out);
    await exp.getByRole('button', { name: 'Exporter' }).click();
    await exp.waitFor({ state: 'detached' });
    expect(existsSync(out)).toBe(true);
    expect(pdfsig(out).map((s) => s.valid)).toEqual([true, true]);
    mkdirSync(SCREENS_DIR, { recursive: true });
    const r = spawnSync('pdftoppm', ['-r', '60', '-png', out, path.join(SCREENS_DIR, 'versions-pdf-signe')]);
    if (r.error) throw new Error('pdftoppm introuvable : installez poppler-utils.');

    // Verify a file by its path.
    await page.getByLabel(/Chemin du PDF à vérifier/).fill(out);
    await page.getByRole('button', { name: 'Vérifier le PDF' }).click();
    await page.getByRole('heading', { name: '2 signatures sur 6 attendues : signatures valides, rien n’a changé depuis ; il en manque 4.' }).waitFor();
    await page.getByText('Certificat auto-signé', { exact: false }).first().waitFor();
    await page.getByText('Signature de certification', { exact: false }).waitFor();
    const notPdf = path.join(h.dir, 'absent.pdf');
    await page.getByLabel(/Chemin du PDF à vérifier/).fill(notPdf);
    await page.getByRole('button', { name: 'Vérifier le PDF' }).click();
    await page.locator('#verify-error').waitFor();

    // An edit after freezing, then the diff between the version and the draft.
    const docId = h.set.openDocs()[0].docId;
    const tree = (await h.handlers['tree.get']({ docId })) as { nodes: { id: string; title: string }[] };
    await h.handlers['tree.update']({ docId, id: tree.nodes[0].id, patch: { title: 'Aller vers les publics invisibles' } });
    await page.getByLabel('Depuis').selectOption({ label: 'Protocole d’engagements' });
    await page.getByLabel('Jusqu’à').selectOption('brouillon');
    await page.getByRole('button', { name: 'Comparer' }).click();
    await page.getByText('« Aller vers les publics invisibles »', { exact: false }).waitFor();
    expect(await page.locator('.diff-list li').allTextContents()).toEqual([
      `Nouveau titre : « ${tree.nodes[0].title} » devient « Aller vers les publics invisibles ».`,
    ]);
    expect(await axe(page, 'versions-signe')).toEqual([]);
    for (const [w, hgt] of [[1280, 720], [1024, 768]] as const) {
      await page.setViewportSize({ width: w, height: hgt });
      await screenshot(page, `versions-${w}x${hgt}`);
      await screenshot(page, `versions-${w}x${hgt}-page`, true);
    }
    expect(pageErrors(page)).toEqual([]);
  }, 240_000);
});
