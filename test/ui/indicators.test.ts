// Indicators in Chromium: fill a card, add and correct measurements, add a library indicator, record a COPIL, import a
// CSV (one bad line: refused; fixed: accepted; undone), and the COPIL dashboard (charts' data points, statuses,
// « depuis le dernier COPIL »). axe on every new screen and dialog; screenshots at 1280×720 and 1024×768.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DocInfo, EditOutcome } from '../../core/api/contract';
import { axe, pageErrors, screenshot, startHarness, type Harness } from './harness';

const FIELDS = { epci: 'CA du Val de Trame', period: { start: 2024, end: 2030 }, qpv: [{ code: 'QN05901M', name: 'Les Hauts', commune: 'Trameville' }] };
let h: Harness;
let page: Page;
let file: string;
const ids: Record<string, string> = {};

async function noAxe(screen: string): Promise<void> {
  expect(await axe(page, screen), `violations axe sur « ${screen} »`).toEqual([]);
}
async function shots(name: string): Promise<void> {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 720 });
}
const hashFor = (extra: Record<string, string> = {}) => '#/contrat?' + new URLSearchParams({ path: file, ...extra }).toString();
const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

describe('indicateurs, mesures, import CSV, bibliothèque et tableau de bord COPIL', () => {
  beforeAll(async () => {
    h = await startHarness('indicateurs', { userName: 'Dominique Leroy' });
    page = h.page;
    file = path.join(h.defaultDir, 'indicateurs.trame');
    const d = (await h.handlers['contrat.create']({ path: file, contrat: { name: 'Contrat indicateurs', ...FIELDS } })) as DocInfo;
    const add = async (parentId: string | null, kind: 'enjeu' | 'objectif' | 'indicateur', title: string) =>
      ((await h.handlers['tree.add']({ docId: d.docId, parentId, kind, title })) as EditOutcome).focusId!;
    ids.e = await add(null, 'enjeu', 'Accès à l’emploi');
    ids.o = await add(ids.e, 'objectif', 'Réduire le chômage des jeunes');
    ids.i = await add(ids.o, 'indicateur', 'Taux de chômage des 15-64 ans');
    await h.handlers['doc.close']({ docId: d.docId });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('remplir la fiche d’un indicateur : un avertissement pour une cible datée avant le départ, sans refus', async () => {
    await page.goto(h.server.url + hashFor({ sel: ids.i }));
    await page.getByRole('group', { name: 'Indicateur de suivi' }).waitFor();
    await page.getByLabel('Unité').fill('%');
    await page.getByLabel('Unité').press('Enter');
    await page.getByLabel('Sens du progrès').selectOption('baisse');
    await page.getByLabel('Type d’indicateur').selectOption('resultat');
    await page.getByLabel('Fréquence').selectOption('annuelle');
    await page.getByLabel('Valeur de départ').fill('24,7');
    await page.getByLabel('Valeur de départ').press('Enter');
    await page.getByLabel('Date de départ').fill('31/12/2020');
    await page.getByLabel('Date de départ').press('Enter');
    await page.getByLabel('Valeur cible').fill('18');
    await page.getByLabel('Valeur cible').press('Enter');
    await page.getByLabel('Échéance').fill('2019');
    await page.getByLabel('Échéance').press('Enter');
    const warning = page.locator('.card-warnings .warning');
    await warning.waitFor();
    expect(await warning.textContent()).toBe("L'échéance de la cible (2019) précède la date de la valeur de départ (31/12/2020) : vérifiez les deux dates.");
    await page.getByLabel('Échéance').fill('décembre 2030');
    await page.getByLabel('Échéance').press('Enter');
    await expect.poll(() => warning.count()).toBe(0);
    expect(await page.getByLabel('Échéance').inputValue()).toBe('décembre 2030');
    // A French date that does not parse: the message sits next to the field, nothing saved.
    await page.getByLabel('Date (territoire)').fill('31/02/2017');
    await page.getByLabel('Date (territoire)').press('Enter');
    await page.locator('#d-ref-date-error').waitFor();
    expect(await page.locator('#d-ref-date-error').textContent()).toMatch(/février/);
    await page.getByLabel('Date (territoire)').fill('');
    await page.getByLabel('Date (territoire)').press('Enter');
    await page.getByLabel('Les Hauts (QN05901M)').click();
    await expect.poll(() => page.getByLabel('Les Hauts (QN05901M)').isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel('Tous les QPV du contrat').isChecked()).toBe(false);
    await noAxe('fiche indicateur');
    await shots('40-fiche-indicateur');
  }, 120_000);

  it('ajouter puis corriger une mesure ; le graphique et le tableau les montrent', async () => {
    await page.locator('#m-new-date').fill('31/12/2024');
    await page.locator('#m-new-value').fill('22,1');
    await page.locator('#m-new-source').fill('ONPV');
    await page.getByRole('button', { name: 'Ajouter la mesure' }).click();
    const rows = page.locator('.indicator-card .measurement-table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await focusedId()).toBe('m-new-date');
    await page.locator('#m-new-date').fill('2025');
    await page.locator('#m-new-value').fill('beaucoup');
    await page.locator('#m-new-value').press('Enter');
    await page.locator('#m-new-value-error').waitFor();
    expect(await rows.count()).toBe(1);
    await page.locator('#m-new-value').fill('20,5');
    await page.locator('#m-new-scope').selectOption('qpv');
    await page.locator('#m-new-value').press('Enter');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('button', { name: 'Corriger la mesure du 31/12/2024 (QPV)', exact: true }).click();
    await expect.poll(focusedId).toBe('m-edit-date');
    await page.locator('#m-edit-value').fill('21,9');
    await page.locator('#m-edit-value').press('Enter');
    await expect.poll(() => rows.first().textContent()).toContain('21,9');
    // Escape leaves a correction without saving.
    await page.getByRole('button', { name: 'Corriger la mesure du 31/12/2024 (QPV)', exact: true }).click();
    await page.locator('#m-edit-value').fill('99');
    await page.keyboard.press('Escape');
    await expect.poll(() => rows.first().textContent()).toContain('21,9');
    // The chart draws one dot per QPV measurement.
    expect(await page.locator('.indicator-card circle.dot-qpv').count()).toBe(2);
    expect(await page.locator('.indicator-card .status-label').textContent()).toBe('En bonne voie');
    await noAxe('mesures');
    // In the details panel at 1024×768: no horizontal scrollbar (the chart fits), « Supprimer » wholly visible.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.locator('.indicator-card .recharts-wrapper').first().waitFor();
    const fits = () => page.locator('.details').evaluate((panel) => {
      const p = panel.getBoundingClientRect();
      // Elements that scroll or clip sideways (a field's own text aside, and what only screen readers get).
      const scrollers = [panel, ...panel.querySelectorAll<HTMLElement>('*')].filter((e) => e === panel ||
        (getComputedStyle(e).overflowX !== 'visible' && !['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName) && !e.closest('.sr-only')));
      const remove = [...panel.querySelectorAll('button')].filter((b) => b.textContent?.trim() === 'Supprimer');
      return {
        scroll: scrollers.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.tagName}.${e.className} ${e.scrollWidth}>${e.clientWidth} ` + [...e.querySelectorAll('*')].filter((c) => c.getBoundingClientRect().right > p.right + 1).slice(0, 4).map((c) => `${c.tagName}.${c.getAttribute('class')}:${Math.round(c.getBoundingClientRect().right)}/${Math.round(p.right)}`).join(',')).join(' ') || true,
        remove: remove.length > 0 && remove.every((b) => { const r = b.getBoundingClientRect(); return r.left >= p.left - 0.5 && r.right <= p.right + 0.5; }),
      };
    });
    await expect.poll(fits).toEqual({ scroll: true, remove: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await shots('41-mesures');
  }, 120_000);

  it('ajouter un indicateur de la bibliothèque nationale sous un objectif', async () => {
    await page.getByRole('treeitem', { name: /Réduire le chômage des jeunes/ }).click();
    await page.getByRole('button', { name: 'Ajouter un indicateur de la bibliothèque nationale…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bibliothèque nationale d’indicateurs' });
    await dialog.waitFor();
    expect(await focusedId()).toBe('lib-search');
    await page.keyboard.type('garantie');
    await dialog.getByLabel(/Part des jeunes en Garantie jeunes résidant en QPV/).check();
    await dialog.locator('.library-source').waitFor();
    expect(await dialog.locator('.library-source').textContent()).toContain('Nombre et part de jeunes en Garantie Jeunes résidant en QPV (cible : 20%)');
    await noAxe('bibliothèque');
    await shots('42-bibliotheque');
    await dialog.getByRole('button', { name: 'Ajouter l’indicateur' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('treeitem', { name: /Part des jeunes en Garantie jeunes/, selected: true }).waitFor();
    await expect.poll(() => page.getByLabel('Valeur cible').inputValue()).toBe('20');
    // The text it comes from, as a user cites it; never the library's internal id.
    expect(await page.locator('.indicator-card').textContent()).toContain('Issu de la bibliothèque nationale : Circulaire du 22 janvier 2019');
    expect(await page.locator('.indicator-card').textContent()).not.toContain('circ-2019-garantie-jeunes');
  }, 120_000);

  it('enregistrer un COPIL, importer un CSV : refusé, corrigé, accepté, annulé, rétabli', async () => {
    await page.keyboard.press('Alt+5');
    await page.getByRole('heading', { name: 'Tableau de bord COPIL', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer un COPIL…' }).click();
    const copilDialog = page.getByRole('dialog', { name: 'Enregistrer un COPIL' });
    await copilDialog.waitFor();
    expect(await focusedId()).toBe('copil-date');
    await noAxe('dialogue COPIL');
    const today = new Date();
    const fr = `${String(today.getDate()).padStart(2, '0')}/${String(today.getMonth() + 1).padStart(2, '0')}/${today.getFullYear()}`;
    await page.keyboard.type('32/13/2025');
    await page.keyboard.press('Enter');
    await page.locator('#copil-date-error').waitFor();
    await page.locator('#copil-date').fill(fr);
    await page.locator('#copil-title').fill('COPIL annuel');
    await page.locator('#copil-note').fill('Revue des indicateurs emploi');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await copilDialog.waitFor({ state: 'detached' });
    await page.locator('.copil-list li').filter({ hasText: 'COPIL annuel' }).waitFor();
    await expect.poll(() => page.locator('#since-copil').inputValue()).not.toBe('');
    // Right after recording today's COPIL, « depuis le dernier COPIL » starts after it: nothing yet, not even itself.
    await expect.poll(() => page.locator('.since-summary').textContent()).toMatch(/^Depuis le COPIL « COPIL annuel » du \d\d\/\d\d\/\d{4} à \d{1,2}\u00a0h\u00a0\d\d : 0\u00a0élément modifié\.$/);
    expect(await page.locator('.since-item').count()).toBe(0);

    // The CSV: one bad line → refused, nothing written.
    await page.getByRole('button', { name: 'Importer des mesures (CSV)…' }).click();
    const csv = page.getByRole('dialog', { name: 'Importer des mesures (CSV)' });
    await csv.waitFor();
    expect(await focusedId()).toBe('csv-file');
    // A French file picker (the browser's own button would speak its language), the file chosen named beside it.
    expect(await csv.getByText('Choisir un fichier…').isVisible()).toBe(true);
    expect(await csv.locator('#csv-file-chosen').textContent()).toBe('Aucun fichier choisi');
    const bad = 'indicateur;date;valeur;perimetre\nTaux de chômage des 15-64 ans;2023;23,4;qpv\nTaux de chômage des 15-64 ans;2024;vingt;qpv\nTaux de chômage des 15-64 ans;2024;9,1;reference\n';
    await page.locator('#csv-file').setInputFiles({ name: 'mesures.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await csv.locator('.csv-errors').waitFor();
    expect(await csv.locator('#csv-file-chosen').textContent()).toBe('mesures.csv');
    expect(await csv.locator('.csv-errors li').allTextContents()).toEqual(['Ligne 3, colonne « valeur » : « vingt » n’est pas un nombre (exemples : 12,5 ou 12.5).']);
    expect(await csv.getByRole('button', { name: /^Importer/ }).isDisabled()).toBe(true);
    await noAxe('import CSV en erreur');
    await shots('43-import-csv-erreur');
    // Fixed (Windows-1252 this time, as Excel writes it): accepted.
    const fixed = Buffer.from(bad.replace('vingt', '22,8'), 'latin1');
    await page.locator('#csv-file').setInputFiles({ name: 'mesures.csv', mimeType: 'text/csv', buffer: fixed });
    await csv.locator('.csv-sample').waitFor();
    expect(await csv.locator('.csv-summary').textContent()).toMatch(/Windows-1252.*3\u00a0mesures prêtes, 0\u00a0ligne en erreur/);
    await csv.getByRole('button', { name: 'Importer 3\u00a0mesures' }).click();
    await csv.waitFor({ state: 'detached' });
    const panel = page.locator(`[data-indicator-id="${ids.i}"]`);
    const valueRows = panel.locator('.dash-table tbody tr');
    // The table equivalent, built when opened (Entrée on its summary).
    await panel.locator('.dash-table summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => valueRows.count()).toBe(7); // départ, 2 + 3 measurements, cible
    // Undo (Ctrl+Z) removes the three at once; redo brings them back.
    await page.getByRole('heading', { name: 'Tableau de bord COPIL', level: 2 }).focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => valueRows.count()).toBe(4);
    await page.keyboard.press('Control+y');
    await expect.poll(() => valueRows.count()).toBe(7);
  }, 120_000);

  it('le tableau de bord : points des graphiques, tableau équivalent, statuts, « depuis le dernier COPIL », impression', async () => {
    const panel = page.locator(`[data-indicator-id="${ids.i}"]`);
    const valueRows = panel.locator('.dash-table tbody tr');
    // The dashboard: data points of the chart, the table equivalent, the statuses, the « since » list.
    await panel.locator('circle.dot-qpv').first().waitFor();
    expect(await panel.locator('circle.dot-qpv').count()).toBe(4);
    expect(await panel.locator('circle.dot-ref').count()).toBe(1);
    // Readable charts: round ticks read from the SVG, a % axis from 0 to 100, years once each, every thing in the legend.
    const frNum = (t: string) => Number(t.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.').replace('−', '-'));
    const yTicks = (await panel.locator('.small-chart-y-axis text').allTextContents()).map(frNum);
    expect(yTicks).toEqual([0, 20, 40, 60, 80, 100]);
    const xTicks = await panel.locator('.small-chart-x-axis text').allTextContents();
    expect(xTicks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(xTicks).size, xTicks.join(' ')).toBe(xTicks.length);
    for (const t of xTicks) expect(t).toMatch(/^(\d{4}|(janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4})$/);
    expect(await panel.locator('.chart-legend li').allTextContents()).toEqual(['QPV', 'Territoire de comparaison', 'Départ', 'Cible']);
    // Nothing drawn outside the chart's frame: every dot inside the SVG.
    const inside = await panel.locator('.small-chart svg').first().evaluate((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('circle')].every((c) => { const r = c.getBoundingClientRect(); return r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5; });
    });
    expect(inside).toBe(true);
    // Each point where its value and date put it (the small multiple draws on the scales itself): the value read back
    // from the y ticks' positions, the points left to right in time, each named in its title.
    const drawn = await panel.locator('.small-chart svg').first().evaluate((svg) => {
      const ticks = [...svg.querySelectorAll('.small-chart-y-axis text')].map((t) => ({ y: Number(t.getAttribute('y')), v: Number((t.textContent ?? '').replace(/[\s\u202f\u00a0]/g, '').replace(',', '.')) }));
      const [a, b] = [ticks[0], ticks[ticks.length - 1]];
      const dot = (c: Element) => ({ x: Number(c.getAttribute('cx')), v: a.v + ((Number(c.getAttribute('cy')) - a.y) / (b.y - a.y)) * (b.v - a.v), title: c.parentElement?.querySelector('title')?.textContent ?? '' });
      const xTicks = [...svg.querySelectorAll('.small-chart-x-axis text')].map((t) => ({ x: Number(t.getAttribute('x')), label: t.textContent ?? '' }));
      return { ticks, xTicks, qpv: [...svg.querySelectorAll('circle.dot-qpv')].map(dot), ref: [...svg.querySelectorAll('circle.dot-ref')].map(dot) };
    });
    // Upwards and rightwards: the larger value higher, the later date further right.
    const tickYs = [...drawn.ticks].sort((p, q) => q.v - p.v).map((t) => t.y);
    expect(tickYs).toEqual([...tickYs].sort((y1, y2) => y1 - y2));
    const tickYears = [...drawn.xTicks].sort((p, q) => p.x - q.x).map((t) => Number(t.label.slice(-4)));
    expect(tickYears).toEqual([...tickYears].sort((y1, y2) => y1 - y2));
    expect(drawn.qpv.map((d) => d.x)).toEqual([...drawn.qpv.map((d) => d.x)].sort((x, y) => x - y));
    expect(drawn.qpv.map((d) => Math.round(d.v * 10) / 10)).toEqual([23.4, 22.8, 21.9, 20.5]);
    expect(drawn.ref.map((d) => Math.round(d.v * 10) / 10)).toEqual([9.1]);
    expect(drawn.qpv[2].title).toBe('31/12/2024 · QPV : 21,9 %');
    expect(drawn.ref[0].title).toBe('2024 · Territoire de comparaison : 9,1 %');
    const cells = await valueRows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(cells).toEqual([
      ['Départ (31/12/2020)', '24,7 %', ''],
      ['2023', '23,4 %', ''],
      ['2024', '22,8 %', ''],
      ['2024', '', '9,1 %'],
      ['31/12/2024', '21,9 %', ''],
      ['2025', '20,5 %', ''],
      ['Cible (décembre 2030)', '18 %', ''],
    ]);
    expect(await page.locator('.dash-indicator .status-label').allTextContents()).toEqual(['En bonne voie', 'Pas de données récentes']);
    expect(await page.locator('.status-rule li').count()).toBe(6);
    const since = page.locator('.since-item');
    const titles = await since.locator('.since-head strong').allTextContents();
    // Only what changed after the COPIL (the measurements imported); not the COPIL's own record nor what came before.
    expect(titles).toContain('Taux de chômage des 15-64 ans');
    expect(titles).not.toContain('COPIL annuel');
    expect(titles).not.toContain('Part des jeunes en Garantie jeunes résidant en QPV');
    expect(await since.filter({ hasText: 'Taux de chômage' }).locator('.since-changes').textContent()).toContain('Dominique Leroy');
    // The commitments' place: the late list of the commitments feature (none in this contrat).
    await expect.poll(() => page.locator('.commitments-slot').textContent()).toMatch(/dont 0 en retard/);
    // Filters: by status.
    await page.getByLabel('Statut').selectOption('pas-de-donnees');
    await expect.poll(() => page.locator('.dash-indicator').count()).toBe(1);
    await page.getByLabel('Statut').selectOption('');
    await expect.poll(() => page.locator('.dash-indicator').count()).toBe(2);
    await noAxe('tableau de bord COPIL');
    // At 1280×720 the first chart is on the first screen: the rule is folded behind its disclosure.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('.copil-screen').evaluate((e) => e.scrollTo(0, 0));
    expect(await page.locator('details.status-rule').getAttribute('open')).toBeNull();
    const chart = (await panel.locator('svg').first().boundingBox())!;
    expect(chart.y + chart.height / 2, 'le premier graphique dans le premier écran à 1280×720').toBeLessThan(720 - 30);
    await shots('44-tableau-de-bord');
    await screenshot(page, '45-tableau-de-bord-page', true);
    // Printable on A4 landscape.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.copil-actions').isVisible()).toBe(false);
    await page.pdf({ path: path.join(h.dir, 'copil.pdf'), preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const info = execFileSync('pdfinfo', [path.join(h.dir, 'copil.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+84[12]\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', path.join(h.dir, 'copil.pdf'), '-'], { encoding: 'utf8' });
    for (const w of ['Tableau de bord COPIL', 'Taux de chômage des 15-64 ans', 'En bonne voie', 'Depuis le dernier COPIL']) expect(text).toContain(w);
    expect(text).not.toContain('Importer des mesures (CSV)');
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});
