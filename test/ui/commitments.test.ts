// Partners and commitments in Chromium, by a facilitator: three usual partners added in one click, commitments on two
// actions, a status changed with a comment, the late list and the matrix, a commitment detached from an item, an item
// that had one deleted and the deletion undone. axe on every new screen and dialog; screenshots at 1280×720 and 1024×768.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CommitmentsView } from '../../core/features/commitments/contract';
import type { DocInfo } from '../../core/api/contract';
import { axe, pageErrors, screenshot, startHarness, type Harness } from './harness';

async function clean(page: Page, screen: string): Promise<void> {
  expect(await axe(page, screen), `violations axe sur « ${screen} »`).toEqual([]);
}

async function both(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe('partenaires et engagements', () => {
  let h: Harness;
  let page: Page;
  let file: string;
  let docId = '';
  const view = async (): Promise<CommitmentsView> => {
    const docs = h.set.openDocs();
    docId = docs[0].docId;
    return (await h.handlers['commitments.view']({ docId })) as CommitmentsView;
  };

  beforeAll(async () => {
    h = await startHarness('engagements', { userName: 'Karim Haddad' });
    page = h.page;
    file = path.join(h.defaultDir, 'engagements.trame');
    const d = (await h.handlers['contrat.create']({ path: file, contrat: { name: 'Contrat de Vaudrecourt', epci: 'CA du Val', period: { start: 2024, end: 2030 }, qpv: [] } })) as DocInfo;
    const add = async (parentId: string | null, title: string, kind?: 'enjeu' | 'objectif' | 'action') =>
      ((await h.handlers['tree.add']({ docId: d.docId, parentId, title, ...(kind ? { kind } : {}) })) as { focusId: string }).focusId;
    const e1 = await add(null, 'Accès à l’emploi');
    const o1 = await add(e1, 'Aller vers les publics invisibles', 'objectif');
    await add(o1, 'Cafés emploi', 'action');
    const e2 = await add(null, 'Formation');
    const o2 = await add(e2, 'Qualifier les jeunes', 'objectif');
    await add(o2, 'Parcours EPIDE', 'action');
    await h.handlers['doc.close']({ docId: d.docId });
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('partenaires habituels, engagements, statut commenté, retard, matrice, détacher, supprimer puis annuler', async () => {
    await page.goto(`${h.server.url}#/contrat?${new URLSearchParams({ path: file, vue: 'partenaires' })}`);
    await page.getByRole('heading', { name: 'Partenaires', exact: true }).waitFor();
    for (const name of ['France Travail', 'Mission locale', 'EPCI']) {
      await page.getByRole('button', { name: `Ajouter ${name}`, exact: true }).click();
      await page.getByRole('button', { name: new RegExp(`^${name}`) }).first().waitFor();
    }
    expect((await view()).partners.map((p) => [p.name, p.type])).toEqual([
      ['France Travail', 'service-public-emploi'], ['Mission locale', 'service-public-emploi'], ['EPCI', 'collectivite'],
    ]);
    await page.locator('.partner-item', { hasText: 'France Travail' }).click();
    await page.getByRole('heading', { name: 'France Travail', level: 3 }).waitFor();
    await clean(page, 'partenaires');
    await both(page, '90-partenaires');

    // A commitment for France Travail on « Cafés emploi »: errors next to their fields first, nothing written.
    const opener = page.getByRole('button', { name: 'Nouvel engagement de ce partenaire' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Nouvel engagement' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-partner');
    await dialog.getByLabel('Montant (€)').fill('-5');
    await dialog.getByLabel('Échéance').fill('31/02/2024');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.locator('#c-text-error').waitFor();
    expect(await dialog.locator('#c-text-error').textContent()).toContain('obligatoire');
    expect(await dialog.locator('#c-amount-error').textContent()).toContain('négatif');
    expect(await dialog.locator('#c-due-error').textContent()).toMatch(/n'existe pas|29|28/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-text');
    await clean(page, 'dialogue engagement avec erreurs');
    await screenshot(page, '91-engagement-erreurs-1280');
    expect((await view()).commitments).toEqual([]);
    await dialog.getByLabel('Engagement', { exact: true }).fill('Une permanence hebdomadaire dans chaque QPV');
    await dialog.getByLabel('Cafés emploi').check();
    await dialog.getByLabel('Montant (€)').fill('25 000,5');
    await dialog.getByLabel('Nature du financement').selectOption('droit-commun');
    await dialog.getByLabel('Échéance').fill('juin 2024');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Nouvel engagement de ce partenaire');
    let v = await view();
    expect(v.commitments[0]).toMatchObject({ due: '2024-06', funding: { amount: 25000.5, nature: 'droit-commun' }, nodes: [{ title: 'Cafés emploi' }] });

    // Its status, with a comment; the history shows it. Escape closes and gives the focus back.
    await page.getByRole('button', { name: 'Changer le statut : Une permanence hebdomadaire dans chaque QPV' }).click();
    const status = page.getByRole('dialog', { name: 'Changer le statut' });
    await status.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('s-status');
    await status.getByLabel('Nouveau statut').selectOption('en-cours');
    await status.getByLabel('Commentaire ou preuve (facultatif)').fill('Première permanence le 3 mars');
    await status.getByRole('button', { name: 'Enregistrer le statut' }).click();
    await status.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Changer le statut : Une permanence hebdomadaire dans chaque QPV' }).click();
    await status.waitFor();
    expect(await status.locator('.history-list').textContent()).toMatch(/En cours, par Karim Haddad : « Première permanence le 3 mars »/);
    await clean(page, 'dialogue statut');
    await screenshot(page, '92-statut-1280');
    await page.keyboard.press('Escape');
    await status.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Changer le statut : Une permanence hebdomadaire dans chaque QPV');

    // The second, for the Mission locale on « Parcours EPIDE », from the Engagements screen (Alt+4).
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: 'Engagements des partenaires' }).waitFor();
    await page.getByRole('button', { name: 'Nouvel engagement' }).click();
    await dialog.waitFor();
    await dialog.getByLabel('Partenaire').selectOption({ label: 'Mission locale' });
    await dialog.getByLabel('Engagement', { exact: true }).fill('20 % de jeunes QPV en contrat d’engagement jeune');
    await dialog.getByLabel('Chercher un élément').fill('epide');
    await dialog.getByLabel('Parcours EPIDE').check();
    await dialog.getByLabel('Échéance').fill('2030');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The late list has the first (June 2024 counts to 30/06/2024), not the second; the matrix opens its cell.
    const lateSection = page.locator('section', { has: page.getByRole('heading', { name: /^En retard/ }) });
    await lateSection.getByText('Une permanence hebdomadaire dans chaque QPV').waitFor();
    expect(await lateSection.textContent()).not.toContain('contrat d’engagement jeune');
    expect(await lateSection.textContent()).toMatch(/en retard de \d+ jours/);
    const cell = page.getByRole('button', { name: 'France Travail, Accès à l’emploi : 1 engagement, pire statut En cours. Ouvrir.' });
    await cell.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^France Travail — Accès à l’emploi \(1\sengagement\)/);
    expect(await page.locator('.cell-detail').textContent()).toContain('Une permanence hebdomadaire');
    expect(await page.locator('table.matrix caption').textContent()).toContain('par partenaire');
    expect(await page.locator('.funding-table').first().textContent()).toMatch(/25\s000,50\s€/);
    await clean(page, 'engagements');
    await both(page, '93-engagements');
    await page.getByRole('button', { name: 'Exporter en CSV' }).click();
    await page.getByRole('dialog', { name: 'Exporter les engagements (CSV)' }).waitFor();
    await clean(page, 'dialogue CSV');
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText(/2 engagements exportés/).first().waitFor();

    // The tree: count badges, the details panel's list; detach one from « Parcours EPIDE ».
    await page.keyboard.press('Alt+1');
    const epide = page.getByRole('treeitem', { name: /Parcours EPIDE/ });
    await epide.waitFor();
    expect(await epide.locator('.commitment-count').textContent()).toContain('1');
    await epide.click();
    const panel = page.locator('.node-commitments');
    await panel.getByText('20 % de jeunes QPV').waitFor();
    await clean(page, 'arbre avec engagements');
    await both(page, '94-arbre-engagements');
    await panel.getByRole('button', { name: /Détacher l’engagement/ }).click();
    await panel.getByText('Aucun engagement ne sert cet élément.').waitFor();
    await expect.poll(() => epide.locator('.commitment-count').count()).toBe(0);
    v = await view();
    expect(v.commitments[1].nodes).toEqual([]);

    // « Cafés emploi » has one: deleted with it detached, in one step, then undone.
    const cafes = page.getByRole('treeitem', { name: /Cafés emploi/ });
    await cafes.click();
    await panel.getByRole('button', { name: 'Supprimer l’élément et détacher ses engagements…' }).click();
    await panel.getByRole('button', { name: 'Supprimer et détacher' }).click();
    await expect.poll(() => cafes.count()).toBe(0);
    expect((await view()).commitments[0].nodes).toEqual([]);
    await page.getByRole('button', { name: /Annuler : Supprimer « Cafés emploi »/ }).click();
    await cafes.waitFor();
    expect((await view()).commitments[0].nodes.map((n) => n.title)).toEqual(['Cafés emploi']);
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});
