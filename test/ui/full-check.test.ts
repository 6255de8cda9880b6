// The full check of a contrat runs once it is shown (issue 22, item 1): the open runs SQLite's quick_check only, so
// a file whose index disagrees with its table (seen by integrity_check alone) opens, its tree is drawn, and then the
// check run in the worker on a snapshot puts a French banner above the screen, read out as an alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAME_CASES } from '../corpus/trame-cases';
import { axe, pageErrors, screenshot, startHarness, type Harness } from './harness';

const hashFor = (file: string) => '#/contrat?' + new URLSearchParams({ path: file }).toString();

describe('contrôle complet après l’ouverture', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('controle', { userName: 'Dominique Leroy' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('un index désaccordé : le contrat s’affiche, puis un bandeau dit en français que le fichier est peut-être endommagé', async () => {
    const damaged = TRAME_CASES.find((c) => c.fullCheckOnly)!;
    const file = damaged.make(h.defaultDir);
    const page = h.page;
    await page.goto(h.server.url + hashFor(file));
    await page.locator('.tree').waitFor();
    const banner = page.locator('#integrity-banner');
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toMatch(/^Contrôle complet du fichier\.[\s\S]*index\.trame[\s\S]*incohérences[\s\S]*peut-être endommagé\. Enregistrez/);
    await screenshot(page, '60-controle-complet');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, '60-controle-complet-1024');
    // The tree keeps the focus and stays usable under the banner.
    expect(await page.locator('[role=treeitem]').first().isVisible()).toBe(true);
    expect(await axe(page, 'bandeau du contrôle complet')).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });

  it('des éléments en boucle : le contrat s’affiche, puis le bandeau donne le refus des contrôles de contenu', async () => {
    // The content checks run after the first screen too: same French refusal as at open before, writes refused.
    const looped = TRAME_CASES.find((c) => c.name === 'éléments en boucle')!;
    const file = looped.make(h.defaultDir);
    const page = h.page;
    await page.goto(h.server.url + hashFor(file));
    await page.locator('.tree').waitFor();
    const banner = page.locator('#integrity-banner');
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toMatch(/boucle\.trame[\s\S]*ne respectent pas les règles de Trame/);
    expect(await banner.getAttribute('role')).toBe('alert');
    await screenshot(page, '60-controle-contenu');
    expect(await axe(page, 'bandeau des contrôles de contenu')).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  });
});
