// The app shell of an open contrat: a navigation between screens (links with aria-current, Alt+1 … Alt+9), the
// address that names the screen, the focus where a facilitator expects it, view state kept across screens, and the
// « Journal des modifications » screen listing journal.list (author, French date and time, « annulée »).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, pageErrors, screenshot, startHarness, type Harness } from './harness';
import type { DocInfo, EditOutcome, JournalEntry } from '../../core/api/contract';

const hashFor = (file: string) => '#/contrat?' + new URLSearchParams({ path: file }).toString();
const FIELDS = { epci: 'CA Test', period: { start: 2024, end: 2030 }, qpv: [] };
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { role: el?.getAttribute('role') ?? el?.tagName.toLowerCase(), text: el?.querySelector('.row-title')?.textContent ?? el?.textContent ?? '' };
  });

describe('navigation entre les écrans et journal des modifications', () => {
  let h: Harness;
  let page: Page;
  let file: string;
  let journal: JournalEntry[];

  beforeAll(async () => {
    h = await startHarness('navigation', { userName: 'Dominique Leroy' });
    page = h.page;
    file = path.join(h.defaultDir, 'navigation.trame');
    const d = (await h.handlers['contrat.create']({ path: file, contrat: { name: 'Contrat navigation', ...FIELDS } })) as DocInfo;
    for (const title of ['Insertion des jeunes', 'Mobilité', 'Lever les freins']) {
      await h.handlers['tree.add']({ docId: d.docId, parentId: null, kind: 'enjeu', title });
    }
    const tree = (await h.handlers['tree.get']({ docId: d.docId })) as { nodes: { id: string; title: string }[] };
    const mob = tree.nodes.find((n) => n.title === 'Mobilité')!;
    (await h.handlers['tree.update']({ docId: d.docId, id: mob.id, patch: { tag: 'ajouter' } })) as EditOutcome;
    await h.handlers['journal.undo']({ docId: d.docId });
    journal = (await h.handlers['journal.list']({ docId: d.docId })) as JournalEntry[];
    await h.handlers['doc.close']({ docId: d.docId });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('la navigation : neuf écrans, l’actuel marqué, raccourcis Alt+1 à Alt+9, l’adresse suit', async () => {
    expect(journal.length).toBe(4);
    expect(journal.filter((e) => e.undone).length).toBe(1);
    await page.goto(h.server.url + hashFor(file));
    const nav = page.getByRole('navigation', { name: 'Écrans du contrat' });
    await nav.waitFor();
    const links = nav.getByRole('link');
    expect(await links.allTextContents()).toEqual([
      'ArbreAlt+1', 'AtelierAlt+2', 'PartenairesAlt+3', 'EngagementsAlt+4', 'COPILAlt+5',
      'ProtocoleAlt+6', 'SignaturesAlt+7', 'ContratAlt+8', 'JournalAlt+9',
    ]);
    expect(await links.evaluateAll((els) => els.map((e) => e.getAttribute('aria-keyshortcuts')))).toEqual(
      ['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+7', 'Alt+8', 'Alt+9'],
    );
    // Nine screens in one line, wholly visible, on the projectors of town halls (1024×768) and at 1280×720.
    for (const size of [{ width: 1024, height: 768 }, { width: 1280, height: 720 }]) {
      await page.setViewportSize(size);
      const boxes = await links.evaluateAll((els) => els.map((e) => ({ top: e.getBoundingClientRect().top, right: e.getBoundingClientRect().right })));
      expect(new Set(boxes.map((b) => b.top)).size, `une seule ligne à ${size.width} px`).toBe(1);
      expect(Math.max(...boxes.map((b) => b.right)), `rien de coupé à ${size.width} px`).toBeLessThanOrEqual(size.width);
    }
    const tree = nav.getByRole('link', { name: /^Arbre/ });
    const journalLink = nav.getByRole('link', { name: /^Journal/ });
    expect(await tree.getAttribute('aria-current')).toBe('page');
    expect(await journalLink.getAttribute('aria-current')).toBeNull();
    await page.locator('[role=treeitem]').first().waitFor();

    // From the tree, by keyboard: Alt+9 shows the journal, its heading takes the focus.
    await page.locator('[role=treeitem]').nth(1).click();
    await page.keyboard.press('Alt+9');
    await page.getByRole('heading', { name: 'Journal des modifications' }).waitFor();
    await expect.poll(() => focused(page)).toEqual({ role: 'h2', text: 'Journal des modifications' });
    expect(await journalLink.getAttribute('aria-current')).toBe('page');
    expect(await tree.getAttribute('aria-current')).toBeNull();
    expect(new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('vue')).toBe('journal');
    expect(await page.locator('[role=tree]').count()).toBe(0);

    // Alt+1 comes back to the tree, with the focus on the item that was selected.
    await page.keyboard.press('Alt+1');
    await expect.poll(() => focused(page)).toEqual({ role: 'treeitem', text: 'Mobilité' });
    expect(await tree.getAttribute('aria-current')).toBe('page');
    expect(new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('vue')).toBeNull();

    // A click on a link works as well; the back button returns to the tree.
    await journalLink.click();
    await page.getByRole('heading', { name: 'Journal des modifications' }).waitFor();
    await page.goBack();
    await page.locator('[role=treeitem]').first().waitFor();
    expect(await tree.getAttribute('aria-current')).toBe('page');
    expect(pageErrors(page)).toEqual([]);
  });

  it('le journal : chaque modification avec son auteur, sa date en français et « annulée » pour celle défaite', async () => {
    await page.keyboard.press('Alt+9');
    const table = page.getByRole('table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(journal.length);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    // Newest first, as journal.list gives them: the label, the author, the state.
    expect(cells.map((c) => c[1])).toEqual(journal.map((e) => e.label));
    expect(cells.map((c) => c[2])).toEqual(journal.map(() => 'Dominique Leroy'));
    expect(cells.map((c) => c[3])).toEqual(journal.map((e) => (e.undone ? 'annulée' : 'en vigueur')));
    for (const c of cells) expect(c[0]).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} [a-zéû]+ \d{4} à \d{1,2}\sh\s\d{2}$/);
    expect(await page.locator('.journal-summary').textContent()).toBe('4\u00a0modifications, de la plus récente à la plus ancienne ; 1\u00a0annulée');
    expect(await axe(page, 'journal des modifications')).toEqual([]);
    await screenshot(page, '40-journal-1280x720');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, '41-journal-1024x768');
    await page.keyboard.press('Alt+1');
    await page.locator('[role=treeitem]').first().waitFor();
    await screenshot(page, '42-arbre-1024x768');
    expect(await axe(page, 'arbre à 1024×768')).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, '43-arbre-1280x720');
  });

  it('le filtre de l’arbre reste en passant par le journal ; annuler depuis le journal s’y voit', async () => {
    const filters = page.getByRole('group', { name: 'Filtrer par décision' });
    await filters.getByRole('button', { name: /^Non décidé/ }).click();
    await page.keyboard.press('Alt+9');
    await page.getByRole('table').waitFor();
    await page.keyboard.press('Alt+1');
    await page.locator('[role=treeitem]').first().waitFor();
    expect(await filters.getByRole('button', { name: /^Non décidé/ }).getAttribute('aria-pressed')).toBe('true');
    await filters.getByRole('button', { name: /^Tout/ }).click();

    // Ctrl+Z on the journal undoes the last step there too, and the journal shows it undone.
    await page.keyboard.press('Alt+9');
    const states = () => page.locator('tbody tr td:nth-child(4)').allTextContents();
    await expect.poll(states).toEqual(['annulée', 'en vigueur', 'en vigueur', 'en vigueur']);
    await page.keyboard.press('Control+z');
    await expect.poll(states).toEqual(['annulée', 'annulée', 'en vigueur', 'en vigueur']);
    // The status line names the step undone: the journal's second line, now « annulée ».
    const undone = (await page.locator('tbody tr td:nth-child(2)').allTextContents())[1];
    await expect.poll(() => page.locator('.doc-status').textContent()).toBe(`Annulé : ${undone.replace(/[.\s]+$/, '')}.`);
    expect(pageErrors(page)).toEqual([]);
  });

  it('un contrat sans modification : le journal le dit en français', async () => {
    const empty = path.join(h.defaultDir, 'vide.trame');
    const d = (await h.handlers['contrat.create']({ path: empty, contrat: { name: 'Contrat vide', ...FIELDS } })) as DocInfo;
    await h.handlers['doc.close']({ docId: d.docId });
    await page.goto(h.server.url + hashFor(empty) + '&vue=journal');
    await page.getByText(/^Aucune modification pour l’instant\./).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await axe(page, 'journal vide')).toEqual([]);
    await screenshot(page, '44-journal-vide');
    expect(pageErrors(page)).toEqual([]);
  });
});
