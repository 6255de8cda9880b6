// The screens beside the tree and « Engagements » on a projector: « COPIL », « Atelier » (starting one, and the review
// of one running), « Signatures », « Contrat », « Journal », at 1280×720, at 1024×768 and at 1024×768 with « Texte
// agrandi »: the first useful thing of each lies within the first screen, nothing is wider than the window, and the
// focus is on the screen's heading after arriving (never on the page). Screenshots to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { DocInfo, TreeNode } from '../../core/api/contract';
import { axe, openContrat, pageErrors, screenshot, startWithDemo, type Harness } from './harness';

const SIZES = [
  { name: '1280x720', width: 1280, height: 720, large: false },
  { name: '1024x768', width: 1024, height: 768, large: false },
  { name: '1024x768-agrandi', width: 1024, height: 768, large: true },
];

/** The element's box lies (its top, and its middle) inside the window's first screen, below nothing hiding it. */
async function inFirstScreen(page: Page, what: Locator, label: string): Promise<void> {
  await what.first().waitFor();
  const box = (await what.first().boundingBox())!;
  const height = await page.evaluate(() => window.innerHeight);
  expect(box.y, `${label} : haut dans le premier écran`).toBeGreaterThanOrEqual(0);
  expect(box.y + Math.min(box.height, 120) / 2, `${label} : dans le premier écran (${Math.round(box.y)} px sur ${height})`).toBeLessThan(height);
}

describe('the other screens on a projector', () => {
  let h: Harness;
  let file: string;
  beforeAll(async () => {
    ({ h, file } = await startWithDemo('ecrans-projecteur', { userName: 'Camille Animatrice' }));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('COPIL, Atelier, Signatures, Contrat, Journal: the first useful content in the first screen, nothing cut at the right', async () => {
    let page = await openContrat(h, file);
    for (const size of SIZES) {
      page = await openContrat(h, file, undefined, size);
      const large = await page.evaluate(() => document.documentElement.dataset.texte === 'grand');
      if (large !== size.large) {
        await page.keyboard.press('Alt+Shift+T');
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.texte === 'grand')).toBe(size.large);
      }
      // Each screen by its key (Alt + its place in the navigation), as a keyboard user arrives there.
      const go = async (key: string, heading: string) => {
        await page.keyboard.press(`Alt+${key}`);
        await page.getByRole('heading', { name: heading, exact: true }).first().waitFor();
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? 'BODY'), { timeout: 10_000, message: `focus en arrivant sur « ${heading} »` }).not.toBe('BODY');
      };
      const wide = async () => {
        const over = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('main, main *')]
          .filter((e) => (getComputedStyle(e).overflowX !== 'visible' || e.tagName === 'MAIN') && !e.closest('.sr-only') && !['INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName))
          .filter((e) => e.scrollWidth > e.clientWidth + 1)
          .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${e.scrollWidth}>${e.clientWidth}`));
        if (over.length) console.log(over.join('\n'));
        return over.length === 0;
      };

      await go('5', 'Tableau de bord COPIL');
      await inFirstScreen(page, page.locator('.dash-indicator .small-chart svg'), `COPIL ${size.name} : premier graphique`);
      expect(await wide(), `COPIL ${size.name} : rien ne dépasse à droite`).toBe(true);
      await screenshot(page, `ecran-copil-${size.name}`);

      await go('2', 'Atelier');
      await inFirstScreen(page, page.locator('.workshop-start input').first(), `Atelier ${size.name} : titre de l’atelier à démarrer`);
      await screenshot(page, `ecran-atelier-${size.name}`);

      await go('7', 'Versions et signatures');
      await inFirstScreen(page, page.locator('main button, main input').first(), `Signatures ${size.name} : première action`);
      expect(await wide(), `Signatures ${size.name} : rien ne dépasse à droite`).toBe(true);
      await screenshot(page, `ecran-versions-${size.name}`);

      await go('8', 'Identité du contrat');
      await inFirstScreen(page, page.locator('.contrat-form input').first(), `Contrat ${size.name} : premier champ`);
      expect(await wide(), `Contrat ${size.name} : rien ne dépasse à droite`).toBe(true);
      await screenshot(page, `ecran-contrat-${size.name}`);

      await go('9', 'Journal des modifications');
      expect(await wide(), `Journal ${size.name} : rien ne dépasse à droite`).toBe(true);
      await screenshot(page, `ecran-journal-${size.name}`);
    }
    expect(await axe(page, 'journal')).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  }, 240_000);

  it('the review of a running workshop: the item, its decision keys and the walk in the first screen', async () => {
    // The contrat through the page's own session (it holds the file open).
    const info = { docId: h.set.openDocs().find((d) => d.path === file)?.docId ?? ((await h.handlers['doc.open']({ path: file })) as DocInfo).docId };
    const { nodes } = (await h.handlers['tree.get']({ docId: info.docId })) as { nodes: TreeNode[] };
    await h.handlers['workshop.start']({ docId: info.docId, title: 'Atelier emploi', attendees: [] });
    await h.handlers['workshop.show']({ docId: info.docId, itemId: nodes[3].id, review: null });
    for (const size of SIZES) {
      const page = await openContrat(h, file, 'atelier', size);
      const large = await page.evaluate(() => document.documentElement.dataset.texte === 'grand');
      if (large !== size.large) {
        await page.keyboard.press('Alt+Shift+T');
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.texte === 'grand')).toBe(size.large);
      }
      await page.locator('#atelier-element').waitFor();
      await inFirstScreen(page, page.locator('#atelier-element'), `Revue ${size.name} : l’élément`);
      await inFirstScreen(page, page.getByRole('button', { name: /Suivant/ }), `Revue ${size.name} : élément suivant`);
      await inFirstScreen(page, page.locator('.workshop-review').getByRole('button', { name: /À garder/ }).first(), `Revue ${size.name} : décider`);
      await screenshot(page, `ecran-revue-${size.name}`);
      // Page suivante: the next item, the focus on its heading (never on the page).
      const before = await page.locator('#atelier-element').textContent();
      await page.keyboard.press('PageDown');
      await expect.poll(() => page.locator('#atelier-element').textContent()).not.toBe(before);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('atelier-element');
    }
  }, 240_000);
});
