// « Protocole » in Chromium: the preview of the document as it will print, choosing and ordering the parts by
// keyboard, the preamble's refused markup told next to its field, an export with its progress bar and a cancel
// (no file), then a real export whose PDF is on disk. axe: no violation; screenshots at 1280×720 and 1024×768.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { demoDocument } from '../../core/features/start';
import { axe, importDocument, pageErrors, screenshot, startHarness, type Harness } from './harness';

const hashFor = (file: string) => '#/contrat?' + new URLSearchParams({ path: file }).toString() + '&vue=protocole';
const h1s = (page: Page) => page.locator('.pv-page .pv-h1').allTextContents();

describe('écran « Protocole »', () => {
  let h: Harness;
  let page: Page;
  let file: string;

  beforeAll(async () => {
    h = await startHarness('protocole', { userName: 'Dominique Leroy' });
    page = h.page;
    file = path.join(h.defaultDir, 'demo.trame');
    await importDocument(h, file, demoDocument());
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('aperçu, parties choisies et ordonnées au clavier, préambule, export avec progression, annulation, fichier écrit', async () => {
    await page.goto(h.server.url + hashFor(file));
    const preview = page.getByRole('article', { name: 'Aperçu du document' });
    await preview.waitFor();
    // The legal structure (issue 16): parties, visas, considérants, preamble, numbered articles, signatures, annex.
    await expect.poll(() => h1s(page)).toEqual(['Sommaire', 'Entre les parties', 'Visas', 'Considérants', 'Préambule', 'Article 1 — Objet', 'Article 2 — Durée', 'Article 3 — Engagements des parties', 'Article 4 — Gouvernance', 'Article 5 — Suivi et évaluation', 'Article 6 — Avenants', 'Article 7 — Résiliation', 'Article 8 — Litiges', 'Signatures', 'Annexe : éléments abandonnés ou mis en veille']);
    expect(await preview.textContent()).toContain('Claire Morvan');
    await screenshot(page, '60-protocole-1280x720');
    expect(await axe(page, 'protocole')).toEqual([]);

    // Leave out the annex (Space on its box).
    await page.getByRole('checkbox', { name: 'Annexe : éléments abandonnés ou mis en veille' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => h1s(page)).not.toContain('Annexe : éléments abandonnés ou mis en veille');
    // « Stratégie » left out: its blocks leave « Engagements des parties », the article stays.
    await page.getByRole('checkbox', { name: 'Stratégie : enjeux, objectifs, actions, indicateurs' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await preview.textContent()) ?? '').not.toContain('Stratégie : enjeux, objectifs, actions, indicateurs');
    expect(await h1s(page)).toContain('Article 3 — Engagements des parties');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('Stratégie : enjeux, objectifs, actions, indicateurs');
    const docId = h.set.openDocs().find((d) => d.path === file)!.docId;
    expect(((await h.handlers['protocole.settings']({ docId })) as { parts: string[] }).parts).toEqual(['preambule', 'indicateurs', 'engagements', 'gouvernance', 'signatures', 'strategie']);

    // The preamble: refused markup is told next to the field, the text stays; accepted markup shows in the preview.
    const preamble = page.locator('textarea#protocole-preamble');
    await preamble.fill('# Un titre\nTexte');
    await page.getByLabel('Lieu de signature (« Fait à … »)').focus();
    await expect.poll(() => page.locator('#protocole-preamble-error').textContent()).toMatch(/^Préambule : mise en forme non prise en charge \(ligne 1 : les titres « # »/);
    expect(await preamble.inputValue()).toBe('# Un titre\nTexte');
    await preamble.fill('Les signataires s’engagent **ensemble** :\n\n- pour l’emploi\n- pour *les jeunes*');
    await page.getByLabel('Lieu de signature (« Fait à … »)').focus();
    await preview.locator('strong', { hasText: 'ensemble' }).waitFor();
    expect(await page.locator('#protocole-preamble-error').count()).toBe(0);
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, '61-protocole-1024x768');
    expect(await axe(page, 'protocole 1024×768')).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });

    // An export held before it starts: the bar is up, the keyboard is on « Annuler »; cancelled: no file.
    const target = path.join(h.defaultDir, 'annule.pdf');
    await page.getByLabel('Fichier à écrire').fill(target);
    let route: Route | null = null;
    let held!: () => void;
    const isHeld = new Promise<void>((r) => (held = r));
    await page.route('**/api/job.start', (r) => {
      route = r;
      held();
    });
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    await isHeld;
    const bar = page.getByRole('progressbar', { name: 'Export du document' });
    await bar.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Annuler');
    await screenshot(page, '62-protocole-export-en-cours');
    expect(await axe(page, 'protocole export en cours')).toEqual([]);
    await page.getByRole('button', { name: 'Annuler' }).click();
    await route!.continue();
    await page.unroute('**/api/job.start');
    await expect.poll(() => page.locator('.protocole-done').textContent(), { timeout: 60_000 }).toBe('Export annulé : aucun fichier n’a été écrit.');
    await h.set.settle();
    expect(existsSync(target)).toBe(false);

    // A real export, DOCX then PDF: the file appears when complete.
    await page.getByLabel('Document', { exact: true }).selectOption('docx');
    const docx = await page.getByLabel('Fichier à écrire').inputValue();
    expect(docx).toMatch(/protocole-.*\.docx$/);
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    await expect.poll(() => page.locator('.protocole-done').textContent(), { timeout: 60_000 }).toBe(`Document écrit : ${docx}.`);
    expect(existsSync(docx)).toBe(true);
    await page.getByLabel('Document', { exact: true }).selectOption('note-copil-pdf');
    const note = await page.getByLabel('Fichier à écrire').inputValue();
    // A date that does not exist: told next to its field, nothing started.
    await page.getByLabel('Changements depuis le').fill('31/02/2024');
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    await expect.poll(() => page.locator('#protocole-since-error').textContent()).toMatch(/février|jour|31/);
    await page.getByLabel('Changements depuis le').fill('01/01/2024');
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    await expect.poll(() => page.locator('.protocole-done').textContent(), { timeout: 60_000 }).toMatch(/^Document écrit : .*note-copil-.*\.pdf \(\d+ pages\)\.$/);
    expect(existsSync(note)).toBe(true);
    // The same file again without « Remplacer »: refused in French next to the field.
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    await expect.poll(() => page.locator('#protocole-path-error').textContent()).toMatch(/existe déjà/);
    await page.getByLabel('Voir la note de COPIL').check();
    await expect.poll(() => h1s(page)).toContain('Engagements en retard');
    await screenshot(page, '63-note-copil-apercu');
    expect(pageErrors(page)).toEqual([]);
  }, 240_000);
});

