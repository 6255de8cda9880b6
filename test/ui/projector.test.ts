// The projector layout in a real Chromium at 1024×768, with and without « Texte agrandi » (Alt+Maj+T): a one-line
// header without the file path, the navigation on one line, one toolbar row, the details panel folded by a key and
// remembered; the tree's visible area takes at least 70 % of the window's height (65 % with larger text) and shows at
// least 12 rows of ordinary titles (8 with larger text), counted as the tree items whose box lies inside the tree's
// visible box (a contrat of one-line titles; the demo contrat, whose rows carry a reason, is measured and shown). The
// late list and the matrix start within the first screen of « Engagements ».
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateContrat } from '../helpers/contrat-generator';
import { axe, importDocument, openContrat, pageErrors, screenshot, startWithDemo, type Harness } from './harness';

/** The tree's visible box (its scroll container), as a share of the window's height, and the rows wholly inside it. */
const treeArea = (page: Page) =>
  page.evaluate(() => {
    const tree = document.querySelector<HTMLElement>('[role=tree]')!;
    const box = tree.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    const rows = [...tree.querySelectorAll('[role=treeitem]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.height > 0 && b.top >= top - 0.5 && b.bottom <= bottom + 0.5;
    }).length;
    // Heights in CSS px of the window: with « Texte agrandi » the zoom is in the boxes already.
    return { share: (bottom - top) / window.innerHeight, rows };
  });

/** How many lines the elements take: a new line starts where an element lies wholly below the line before. */
const lines = (page: Page, selector: string) =>
  page.$$eval(selector, (els) => {
    const boxes = els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getBoundingClientRect()).sort((a, b) => a.top - b.top);
    let count = 0;
    let bottom = -Infinity;
    for (const b of boxes) {
      if (b.top >= bottom - 1) {
        count++;
        bottom = b.bottom;
      } else bottom = Math.max(bottom, b.bottom);
    }
    return count;
  });

describe('a projector at 1024×768', () => {
  let h: Harness;
  let file: string;
  let plain: string;
  beforeAll(async () => {
    ({ h, file } = await startWithDemo('projecteur', { userName: 'Camille Animatrice' }));
    plain = path.join(h.defaultDir, 'titres.trame');
    await importDocument(h, plain, generateContrat({
      counts: [3, 3, 3, 1],
      contrat: { name: 'Contrat aux titres ordinaires', epci: 'Agglo Test', period: { start: 2024, end: 2030 }, qpv: [] },
    }));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('the tree fills the screen: ≥ 70 % (65 % larger) of the height, ≥ 12 rows (8), one-line header, navigation and toolbar', async () => {
    const page = await openContrat(h, file);
    const rows = page.getByRole('treeitem');

    // The header: the contrat's name on one line, no file path; the EPCI and period in its tooltip.
    const name = page.locator('.doc-name');
    expect(await page.locator('.doc-header').textContent()).not.toContain('.trame');
    expect(await name.getAttribute('title')).toContain('Communauté d\'agglomération du Val de Trame');
    expect(await name.getAttribute('title')).toContain('2024–2030');

    // The details panel is folded by a key (Alt+I) and stays folded after a reload.
    const details = page.getByRole('complementary', { name: /Détails/ });
    await details.waitFor();
    await screenshot(page, 'projecteur-01-arbre-details-1024x768');
    await page.keyboard.press('Alt+i');
    await details.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Détails', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Détails', exact: true }).getAttribute('aria-expanded')).toBe('false');

    for (const large of [false, true]) {
      if (large) {
        await page.keyboard.press('Alt+Shift+T');
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.texte)).toBe('grand');
      }
      const label = large ? 'texte agrandi' : 'texte normal';
      await page.reload();
      await rows.first().waitFor();
      expect(await details.count(), `détails repliés après rechargement (${label})`).toBe(0);
      await screenshot(page, `projecteur-02-arbre-${large ? 'agrandi' : 'normal'}-1024x768`);
      expect(await lines(page, '.doc-header > *'), `en-tête sur une ligne (${label})`).toBe(1);
      expect(await lines(page, '.doc-nav li'), `navigation sur une ligne (${label})`).toBe(1);
      expect(await lines(page, '.toolbar > *'), `barre d’outils sur une ligne (${label})`).toBe(1);
      const demo = await treeArea(page);
      expect(demo.share, `part de la hauteur pour l’arbre (${label})`).toBeGreaterThanOrEqual(large ? 0.65 : 0.7);
      expect(await axe(page, `arbre projecteur (${label})`)).toEqual([]);
      // Ordinary one-line titles: at least 12 whole rows (8 with larger text).
      await page.goto(`${h.server.url}#/contrat?path=${encodeURIComponent(plain)}`);
      await rows.first().waitFor();
      const area = await treeArea(page);
      expect(area.share, `part de la hauteur pour l’arbre, titres ordinaires (${label})`).toBeGreaterThanOrEqual(large ? 0.65 : 0.7);
      expect(area.rows, `lignes entières visibles, titres ordinaires (${label})`).toBeGreaterThanOrEqual(large ? 8 : 12);
      await screenshot(page, `projecteur-02-titres-${large ? 'agrandi' : 'normal'}-1024x768`);
      console.log(`arbre 1024×768, ${label} : ${Math.round(area.share * 100)} % de la hauteur, ${area.rows} lignes de titres ordinaires ; contrat de démonstration ${demo.rows} lignes`);
      await page.goto(`${h.server.url}#/contrat?path=${encodeURIComponent(file)}`);
      await rows.first().waitFor();
    }

    // Unfolded again by the same key; the panel is back.
    await rows.first().focus();
    await page.keyboard.press('Alt+i');
    await details.waitFor();
    await page.keyboard.press('Alt+Shift+T');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.texte ?? null)).toBeNull();
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it('« Engagements »: the late list and the matrix start within the first screen, with and without larger text', async () => {
    const page = await openContrat(h, file, 'engagements');
    await page.getByRole('heading', { name: 'Engagements des partenaires' }).waitFor();
    for (const large of [false, true]) {
      if (large) await page.keyboard.press('Alt+Shift+T');
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.texte ?? 'normal')).toBe(large ? 'grand' : 'normal');
      await screenshot(page, `projecteur-03-engagements-${large ? 'agrandi' : 'normal'}-1024x768`);
      // The matrix's enjeu titles wrap between words: no word of a column header is drawn on two lines.
      const broken = await page.locator('table.matrix thead th').evaluateAll((ths) =>
        ths.flatMap((th) => {
          const text = th.firstChild;
          if (!text || text.nodeType !== Node.TEXT_NODE) return [];
          const out: string[] = [];
          for (const m of (text.textContent ?? '').matchAll(/\S+/g)) {
            const r = document.createRange();
            r.setStart(text, m.index!);
            r.setEnd(text, m.index! + m[0].length);
            const tops = new Set([...r.getClientRects()].map((b) => Math.round(b.top)));
            if (tops.size > 1) out.push(m[0]);
          }
          return out;
        }),
      );
      expect(broken, 'mots coupés dans les titres de la matrice').toEqual([]);
      // Nothing wider than the screen (a column cut off at the right).
      expect(await page.locator('.screen-scroll').evaluate((e) => e.scrollWidth <= e.clientWidth + 1), 'rien ne dépasse à droite').toBe(true);
      for (const title of [/^En retard/, 'Matrice partenaires × enjeux']) {
        const box = (await page.getByRole('heading', { name: title }).boundingBox())!;
        const view = (await page.locator('.screen-scroll').boundingBox())!;
        expect(box.y + box.height, `${String(title)} dans le premier écran`).toBeLessThanOrEqual(view.y + view.height);
      }
    }
    await page.keyboard.press('Alt+Shift+T');
    // The file's path, gone from the header, is on « Contrat ».
    await page.keyboard.press('Alt+8');
    await expect.poll(() => page.getByText(/^Fichier : /).textContent()).toContain(file);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.keyboard.press('Alt+1');
    await page.getByRole('treeitem').first().waitFor();
    await screenshot(page, 'projecteur-04-arbre-1280x720');
    expect(await lines(page, '.toolbar > *'), 'barre d’outils sur une ligne à 1280×720').toBe(1);
    expect(await lines(page, '.doc-header > *'), 'en-tête sur une ligne à 1280×720').toBe(1);
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});
