// « Engagements » on a contrat with many partners and enjeux (issue 22, item 5), in Chromium: the first screen comes
// from commitments.overview and the matrix draws only the rows and columns in view (aria-rowcount and aria-colcount
// give the whole); scrolled to the right the last enjeu's column is drawn where it belongs and its cell opens its
// commitments (read from commitments.view once the first screen is drawn); a late line's « Statut » opens the
// commitment's history. axe on the matrix, scrolled or not.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocInfo } from '../../core/api/contract';
import { axe, openContrat, pageErrors, screenshot, startHarness, type Harness } from './harness';

const ENJEUX = 30;
const PARTNERS = 45;

describe('la matrice partenaires × enjeux d’un grand contrat', () => {
  let h: Harness;
  let file: string;

  beforeAll(async () => {
    h = await startHarness('engagements-matrice', { userName: 'Karim Haddad' });
    file = path.join(h.defaultDir, 'grand.trame');
    const d = (await h.handlers['contrat.create']({ path: file, contrat: { name: 'Contrat du Val', epci: 'CA du Val', period: { start: 2024, end: 2030 }, qpv: [] } })) as DocInfo;
    const docId = d.docId;
    const add = async (parentId: string | null, title: string, kind?: 'enjeu' | 'objectif' | 'action') =>
      ((await h.handlers['tree.add']({ docId, parentId, title, ...(kind ? { kind } : {}) })) as { focusId: string }).focusId;
    const actions: string[] = [];
    for (let e = 1; e <= ENJEUX; e++) {
      const enjeu = await add(null, `Enjeu ${e}`);
      actions.push(await add(await add(enjeu, `Objectif ${e}`, 'objectif'), `Action ${e}`, 'action'));
    }
    await h.handlers['partners.addMany']({ docId, partners: Array.from({ length: PARTNERS }, (_, i) => ({ name: `Partenaire ${i + 1}`, type: 'association' })) });
    const { partners } = (await h.handlers['commitments.view']({ docId })) as { partners: { id: string }[] };
    // Partner i serves the enjeu i mod 30; the last enjeu's is late (2024) and the only one of its cell.
    for (let i = 0; i < PARTNERS; i++) {
      const e = i % ENJEUX;
      await h.handlers['commitments.add']({ docId, partnerId: partners[i].id, nodeIds: [actions[e]], text: `Engagement ${i + 1} sur l’enjeu ${e + 1}`, due: e === ENJEUX - 1 ? '2024' : '2031' });
    }
    await h.handlers['doc.close']({ docId });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('rows and columns in view only; the last column scrolled to, its cell opened; a late line’s status', async () => {
    const page = await openContrat(h, file, 'engagements', { width: 1280, height: 720 });
    const matrix = page.locator('table.matrix');
    await matrix.locator('tbody tr[data-row]').first().waitFor();
    expect(await matrix.getAttribute('aria-rowcount')).toBe(String(PARTNERS + 1));
    expect(await matrix.getAttribute('aria-colcount')).toBe(String(ENJEUX + 1));
    const drawn = () => matrix.locator('thead th[data-col]').count();
    expect(await drawn()).toBeGreaterThan(3);
    expect(await drawn()).toBeLessThan(ENJEUX);
    expect(await axe(page, 'matrice'), 'violations axe sur la matrice').toEqual([]);
    await screenshot(page, 'engagements-matrice-1280');

    // Scrolled to the far right: the last enjeu's header is drawn, at its place (its column index), in view.
    await page.locator('.matrix-scroll').evaluate((s) => s.scrollTo({ left: s.scrollWidth }));
    const last = matrix.locator('thead th', { hasText: `Enjeu ${ENJEUX}` });
    await last.waitFor();
    expect(await last.getAttribute('aria-colindex')).toBe(String(ENJEUX + 1));
    const box = (await page.locator('.matrix-scroll').boundingBox())!;
    const th = (await last.boundingBox())!;
    expect(th.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(th.x + th.width).toBeLessThanOrEqual(box.x + box.width + 1);
    expect(await axe(page, 'matrice défilée'), 'violations axe sur la matrice défilée').toEqual([]);
    await screenshot(page, 'engagements-matrice-droite-1280');

    // Its cell (partner 30, row 31: scrolled down to it, rows of 56 px) opens its one commitment.
    await page.locator('.matrix-scroll').evaluate((s, top) => s.scrollTo({ top }), (ENJEUX - 2) * 56);
    const cell = page.getByRole('button', { name: `Partenaire ${ENJEUX}, Enjeu ${ENJEUX} : 1 engagement, pire statut Proposé. Ouvrir.` });
    await cell.click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(new RegExp(`^Partenaire ${ENJEUX} — Enjeu ${ENJEUX} \\(1\\sengagement\\)`));
    await page.locator('.cell-detail').getByText(`Engagement ${ENJEUX} sur l’enjeu ${ENJEUX}`).waitFor();

    // The late list (from the overview): its « Statut » opens the commitment with its history.
    const late = page.locator('section', { has: page.getByRole('heading', { name: /^En retard \(1\)/ }) });
    await late.getByRole('button', { name: `Changer le statut : Engagement ${ENJEUX} sur l’enjeu ${ENJEUX}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Partenaire ${ENJEUX}`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});
