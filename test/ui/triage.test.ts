// The workshop triage in a real Chromium, at 1024×768 and 1280×720 (issue 8): deciding inside a filter keeps the
// place (scroll, focus, highlight and details on one item, ↓ to the item below), the keys of the flow (filters,
// Espace, Maj+Entrée, Échap, F6 never on « Annuler »), a name typed at once after Entrée, one undo for « add then
// name », long titles readable, nothing covering « Rétablir », a reason surviving a reload, French messages next to
// the field, French dates. axe-core on each state.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, importDocument, pageErrors, screenshot, startHarness, type Harness } from './harness';
import type { TreeNode } from '../../core/api/contract';
import { generateContrat, KIND_WORDS } from '../helpers/contrat-generator';

const LONG = 'Garde d’enfants à horaires atypiques pour les parents en insertion qui travaillent tôt le matin, tard le soir ou le week-end dans les quartiers prioritaires';

/** 6 enjeux × 3 objectifs × 3 actions (+ one indicateur under each action of the first objectif): enough rows to scroll. */
function workshopDocument(): unknown {
  return generateContrat({
    counts: [6, 3, 3, ([, o]) => (o === 1 ? 1 : 0)],
    tags: { cycle: ['garder', undefined, 'ajouter', undefined, 'jeter'], order: 'post' },
    // The indicateurs under an action that has one alone: « Indicateur 1.1.1 ».
    title: (kind, path) => (kind === 'enjeu' && path[0] === 1 ? LONG : `${KIND_WORDS[kind]} ${path.slice(0, 3).join('.')}`),
    contrat: { name: 'Contrat de ville — Atelier', epci: 'Communauté d’agglomération du Val de Test', period: { start: 2024, end: 2030 }, qpv: [] },
  });
}

interface Focus { id: string | null; title: string | null; role: string | null; cls: string }

async function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return {
      id: a?.getAttribute('data-id') ?? null,
      title: a?.querySelector('.row-title')?.textContent ?? null,
      role: a?.getAttribute('role') ?? null,
      cls: `${a?.tagName ?? ''}#${a?.id ?? ''}.${a?.className ?? ''}`,
    };
  });
}

async function selectedTitle(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('[role=treeitem][aria-selected=true] .row-title')?.textContent ?? null);
}

const detailsTitle = (page: Page) => page.locator('#d-title').inputValue();
const scrollTop = (page: Page) => page.locator('[role=tree]').evaluate((e) => e.scrollTop);
const statusText = (page: Page) => page.locator('.doc-status').textContent();

function row(page: Page, title: string) {
  return page.locator('[role=treeitem]').filter({ has: page.locator('.row-title', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

/** The row of `title`, scrolled to (the tree draws only the rows in view). */
async function shown(page: Page, title: string) {
  const r = row(page, title);
  const tree = page.locator('[role=tree]');
  const frame = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await tree.evaluate((e) => (e.scrollTop = 0));
  await frame();
  for (let i = 0; i < 80 && (await r.count()) === 0; i++) {
    await tree.evaluate((e) => (e.scrollTop += e.clientHeight * 0.8));
    await frame();
  }
  await r.scrollIntoViewIfNeeded();
  return r;
}

async function nodes(h: Harness, docId: string): Promise<TreeNode[]> {
  return ((await h.handlers['tree.get']({ docId })) as { nodes: TreeNode[] }).nodes;
}

/** The one open contrat's id (the page opened it). */
function docIdOf(h: Harness): string {
  const d = h.set.openDocs()[0] as { docId?: string } | undefined;
  if (!d?.docId) throw new Error('aucun contrat ouvert');
  return d.docId;
}

async function noAxeViolations(page: Page, screen: string): Promise<void> {
  expect(await axe(page, screen), `violations axe sur « ${screen} »`).toEqual([]);
}

/** The element at the centre of `selector`'s box is it (or inside it): nothing covers it. */
async function uncovered(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.width > 0 && !!at && el.contains(at);
  });
}

describe('triage d’atelier : garder sa place, au clavier, à 1024×768 et 1280×720', () => {
  let h: Harness;
  let page: Page;
  let file: string;
  let docId = '';

  beforeAll(async () => {
    h = await startHarness('triage', { userName: 'Camille Animatrice' });
    page = h.page;
    file = path.join(h.defaultDir, 'atelier.trame');
    await importDocument(h, file, workshopDocument());
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('after opening, the focus is on the tree; the toolbar covers nothing at 1024×768, 1280×720 and 1280×800', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${h.server.url}#/contrat?${new URLSearchParams({ path: file })}`);
    await page.locator('[role=treeitem]').first().waitFor();
    await expect.poll(() => focused(page).then((f) => f.role)).toBe('treeitem');
    docId = docIdOf(h);
    for (const [width, height] of [[1024, 768], [1280, 720], [1280, 800]] as const) {
      await page.setViewportSize({ width, height });
      for (const name of ['Annuler', 'Rétablir']) {
        const sel = `.btn-history:has(.hist-verb:text-is("${name}"))`;
        expect(await uncovered(page, sel), `« ${name} » couvert à ${width}×${height}`).toBe(true);
      }
      // Every filter button shows its whole label (nothing cut by an ellipsis or the edge).
      const cut = await page.locator('.filter').evaluateAll((els) =>
        els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth).map((e) => e.textContent),
      );
      expect(cut, `filtres coupés à ${width}×${height}`).toEqual([]);
      // The header is one line; the EPCI is whole in the contrat's tooltip.
      const name = page.locator('.doc-name');
      expect(await name.getAttribute('title'), `EPCI dans l’infobulle à ${width}×${height}`).toContain(`\nCommunauté d’agglomération du Val de Test · `);
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    // A long title wraps (the row grows) and its tooltip is the title, not the reason.
    const long = row(page, LONG);
    const box = await long.boundingBox();
    expect(box!.height).toBeGreaterThan(60);
    expect(await long.getAttribute('title')).toBe(LONG);
    expect(await detailsTitle(page)).toBe(LONG);
    expect(await page.locator('#d-title').evaluate((e) => e.tagName)).toBe('TEXTAREA');
    await screenshot(page, 'triage-1024-ouvert');
    await noAxeViolations(page, 'arbre 1024×768');
  });

  it('deciding inside « Non décidé » keeps the scroll, the focus, the highlight and the details on the item; ↓ goes below', async () => {
    for (const [width, height] of [[1024, 768], [1280, 720]] as const) {
      await page.setViewportSize({ width, height });
      await page.locator('.filter-undecided').click();
      // The keys belong to the tree right after the click.
      await expect.poll(() => focused(page).then((f) => f.role)).toBe('treeitem');
      await page.keyboard.press('Home');
      // Far enough down that the list has scrolled.
      for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowDown');
      await expect.poll(() => scrollTop(page)).toBeGreaterThan(100);
      const before = await focused(page);
      expect(before.role).toBe('treeitem');
      const below = await page.evaluate((id) => {
        const rows = [...document.querySelectorAll<HTMLElement>('[role=treeitem]')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
        const i = rows.findIndex((r) => r.dataset.id === id);
        return rows[i + 1]?.querySelector('.row-title')?.textContent ?? null;
      }, before.id);
      expect(below).not.toBeNull();
      const top = await scrollTop(page);
      await page.keyboard.press('2');
      const decided = page.locator(`[role=treeitem][data-id="${before.id}"]`);
      await expect.poll(() => decided.locator('.tag-badge').textContent()).toMatch(/garder/i);
      // Same place, same item everywhere.
      expect(Math.abs((await scrollTop(page)) - top)).toBeLessThan(2);
      expect((await focused(page)).id).toBe(before.id);
      expect(await selectedTitle(page)).toBe(before.title);
      expect(await detailsTitle(page)).toBe(before.title);
      await screenshot(page, `triage-${width}-decide`);
      await noAxeViolations(page, `arbre filtré ${width}×${height}`);
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => focused(page).then((f) => f.title)).toBe(below);
      expect(await selectedTitle(page)).toBe(below);
      expect(await detailsTitle(page)).toBe(below);
      // Moving on lets the filter hide the decided item (unless undecided items under it keep it, greyed, as context).
      await expect.poll(async () => (await decided.count()) === 0 || /is-context/.test((await decided.getAttribute('class')) ?? '')).toBe(true);
    }
  });

  it('Espace goes to the next undecided item; Maj+Entrée writes the reason at its end; Échap comes back', async () => {
    await page.locator('.filter-all').click();
    await expect.poll(() => focused(page).then((f) => f.role)).toBe('treeitem');
    await page.keyboard.press('Home');
    expect(await page.locator('[role=treeitem]').first().locator('.tag-badge').textContent()).toMatch(/garder/i);
    await page.keyboard.press(' ');
    const all = await nodes(h, docId);
    const firstUndecided = all.find((n) => n.tag === null)!;
    await expect.poll(() => focused(page).then((f) => f.title)).toBe(firstUndecided.title);
    // Alt+N: the « Non décidé » filter, by keyboard, with the keys still on the tree.
    await page.keyboard.press('Alt+N');
    await expect.poll(() => page.locator('.filter-undecided').getAttribute('aria-pressed')).toBe('true');
    expect((await focused(page)).role).toBe('treeitem');
    await page.keyboard.press('Alt+T');
    await expect.poll(() => page.locator('.filter-all').getAttribute('aria-pressed')).toBe('true');

    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => focused(page).then((f) => f.cls)).toMatch(/^TEXTAREA#d-tagnote/);
    await page.keyboard.type('Les partenaires y tiennent');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page).then((f) => f.role)).toBe('treeitem');
    await expect.poll(async () => (await nodes(h, docId))[0].tagNote).toBe('Les partenaires y tiennent');
    // Again: the cursor lands after what is written.
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => focused(page).then((f) => f.cls)).toMatch(/^TEXTAREA#d-tagnote/);
    expect(await page.locator('#d-tagnote').evaluate((e: HTMLTextAreaElement) => [e.selectionStart, e.value.length])).toEqual([26, 26]);
    await page.keyboard.type(', dit la préfecture');
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await nodes(h, docId))[0].tagNote).toBe('Les partenaires y tiennent, dit la préfecture');
    // The row's reason has its own tooltip; the row's is the title.
    expect(await page.locator('[role=treeitem]').first().locator('.row-note').getAttribute('title')).toMatch(/^Pourquoi ce choix : Les partenaires/);
  });

  it('F6 from the tree lands on the details’ first field, and never on « Annuler »', async () => {
    await expect.poll(() => focused(page).then((f) => f.role)).toBe('treeitem');
    await page.keyboard.press('F6');
    await expect.poll(() => focused(page).then((f) => f.cls)).toMatch(/^TEXTAREA#d-title/);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('F6');
      seen.push((await focused(page)).cls);
    }
    expect(seen.some((c) => /btn-history/.test(c)), seen.join(' | ')).toBe(false);
    expect(seen.some((c) => /filter/.test(c)), seen.join(' | ')).toBe(true);
    // Space and Enter on the focused toolbar (a filter) never undo.
    const undoLabel = await page.locator('.btn-history').first().getAttribute('title');
    await page.keyboard.press(' ');
    expect(await page.locator('.btn-history').first().getAttribute('title')).toBe(undoLabel);
    // Escape from any panel comes back to the tree.
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page).then((f) => f.role)).toBe('treeitem');
    await page.keyboard.press('F6');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page).then((f) => f.role)).toBe('treeitem');
    // Closing « Raccourcis » gives the keys back to the tree.
    await page.getByRole('button', { name: 'Raccourcis' }).click();
    await page.getByRole('dialog', { name: 'Raccourcis clavier' }).waitFor();
    await noAxeViolations(page, 'raccourcis');
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page).then((f) => f.role)).toBe('treeitem');
  });

  it('a name typed with no delay after Entrée is whole, and « add then name » is one undo', async () => {
    await page.locator('.filter-all').click();
    await (await shown(page, 'Action 2.2.1')).click();
    const count = (await nodes(h, docId)).length;
    await page.keyboard.press('Enter');
    await page.keyboard.type('Auto-école sociale'); // no wait for the field: the first letter must not be lost
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page).then((f) => f.title)).toBe('Auto-école sociale');
    const after = await nodes(h, docId);
    expect(after).toHaveLength(count + 1);
    const added = after.find((n) => n.title === 'Auto-école sociale')!;
    expect(added.kind).toBe('action');
    expect(after.find((n) => n.id === added.parentId)?.title).toBe('Objectif 2.2');
    await expect.poll(() => page.locator('.btn-history').first().getAttribute('title')).toBe('Annuler : Ajouter action « Auto-école sociale » (Ctrl+Z)');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await nodes(h, docId)).length).toBe(count);
    expect((await nodes(h, docId)).some((n) => n.title === 'Auto-école sociale' || n.title === 'Nouvelle action')).toBe(false);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await nodes(h, docId)).some((n) => n.title === 'Auto-école sociale')).toBe(true);
  });

  it('« + Indicateur » creates an indicateur right under an objectif', async () => {
    await (await shown(page, 'Objectif 3.2')).click();
    await page.getByRole('button', { name: 'Élément', exact: true }).click();
    await page.getByRole('button', { name: '+ Indicateur' }).click();
    await page.keyboard.type('Taux d’emploi des femmes');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page).then((f) => f.title)).toBe('Taux d’emploi des femmes');
    const all = await nodes(h, docId);
    const ind = all.find((n) => n.title === 'Taux d’emploi des femmes')!;
    expect(ind.kind).toBe('indicateur');
    expect(all.find((n) => n.id === ind.parentId)?.title).toBe('Objectif 3.2');
    // The same by keyboard: Ctrl+Maj+Entrée on an objectif.
    await (await shown(page, 'Objectif 3.3')).click();
    await page.keyboard.press('Control+Shift+Enter');
    await page.keyboard.type('Nombre de contrats signés');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await nodes(h, docId)).find((n) => n.title === 'Nombre de contrats signés')?.kind).toBe('indicateur');
  });

  it('messages for people: a 600-character title is refused whole, next to its field; nesting and dates in French', async () => {
    await (await shown(page, 'Action 3.1.1')).click();
    const tooLong = 'Insertion '.repeat(60); // 600 characters
    // In the row's name field.
    await page.keyboard.press('F2');
    await page.locator('.rename-input').fill(tooLong);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.rename-error').textContent()).toBe('Le titre est trop long : 500 caractères au plus (vous en avez 599).');
    expect(await page.locator('.rename-input').inputValue()).toBe(tooLong); // nothing cut
    await page.keyboard.press('Escape');
    // In the details: pasted, refused with the same sentence beside the field, in view.
    await page.locator('#d-title').fill(tooLong + 'xyz');
    await page.locator('#d-title').press('Tab');
    const err = page.locator('#d-title-error');
    await expect.poll(() => err.textContent()).toBe('Le titre est trop long : 500 caractères au plus (vous en avez 603).');
    expect(await err.isVisible()).toBe(true);
    expect(await page.locator('#d-title').getAttribute('aria-describedby')).toContain('d-title-error');
    expect((await nodes(h, docId)).some((n) => n.title === 'Action 3.1.1')).toBe(true);
    await screenshot(page, 'triage-1024-titre-trop-long');
    await noAxeViolations(page, 'titre trop long');
    await page.locator('#d-title').fill('Action 3.1.1');
    await page.locator('#d-title').press('Enter');
    await expect.poll(() => focused(page).then((f) => f.title)).toBe('Action 3.1.1');

    // Shift+Tab on an indicateur right under its objectif: refused in plain French; the next success clears it.
    await (await shown(page, 'Taux d’emploi des femmes')).click();
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => statusText(page)).toBe('Un enjeu ne contient que des objectifs, pas un indicateur de suivi.');
    await page.keyboard.press('2');
    await expect.poll(() => statusText(page)).toBe('Décision : À garder.');

    // A date typed the French way, understood and shown back as such.
    await (await shown(page, 'Indicateur 3.1.1')).click();
    await page.locator('#d-target-date').fill('30/06/2026');
    await page.locator('#d-target-date').press('Tab');
    await expect.poll(async () => (await nodes(h, docId)).find((n) => n.title === 'Indicateur 3.1.1')?.indicator?.targetDate).toBe('2026-06-30');
    await page.locator('#d-baseline-date').fill('juin 2020');
    await page.locator('#d-baseline-date').press('Tab');
    await expect.poll(async () => (await nodes(h, docId)).find((n) => n.title === 'Indicateur 3.1.1')?.indicator?.baselineDate).toBe('2020-06');
    await page.locator('#d-ref-date').fill('31/02/2026');
    await page.locator('#d-ref-date').press('Tab');
    await expect.poll(() => page.locator('#d-ref-date-error').textContent()).toMatch(/^Ce jour n’existe pas|février|jour/i);
    await page.locator('#d-ref-date').fill('');
    await page.locator('#d-ref-date').press('Tab');
    await (await shown(page, 'Indicateur 3.1.2')).click();
    await (await shown(page, 'Indicateur 3.1.1')).click();
    expect(await page.locator('#d-target-date').inputValue()).toBe('30/06/2026');
    expect(await page.locator('#d-baseline-date').inputValue()).toBe('juin 2020');
  });

  it('a reason being typed survives a reload, with a notice, after a warning before leaving', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await (await shown(page, 'Action 4.1.1')).click();
    const id = (await focused(page)).id;
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => focused(page).then((f) => f.cls)).toMatch(/^TEXTAREA#d-tagnote/);
    await page.keyboard.type('Le bailleur finance la moitié');
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.reload();
    await page.locator('[role=treeitem]').first().waitFor();
    expect(dialogs).toEqual(['beforeunload']);
    docId = docIdOf(h);
    await expect.poll(() => selectedTitle(page)).toBe('Action 4.1.1');
    await expect.poll(() => page.locator('#d-tagnote').inputValue()).toBe('Le bailleur finance la moitié');
    expect(await page.locator('.draft-notice').textContent()).toMatch(/non enregistré retrouvé/);
    await screenshot(page, 'triage-1280-brouillon');
    await noAxeViolations(page, 'brouillon retrouvé 1280×720');
    // Saved once the field is left; the notice goes.
    await page.locator('#d-tagnote').focus();
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await nodes(h, docId)).find((n) => n.id === id)?.tagNote).toBe('Le bailleur finance la moitié');
    await expect.poll(() => page.locator('.draft-notice').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('trame.brouillon')))).toEqual([]);
    await screenshot(page, 'triage-1280-ouvert');
    await noAxeViolations(page, 'arbre 1280×720');
    expect(pageErrors(page)).toEqual([]);
  });
});
