// The other screens and edge cases in Chromium: a recent file gone missing, a file that is not a Trame file,
// the address that reopens a file, a read-only contrat, and a 10 000-item tree that renders only what is visible.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bigDocument } from './documents';
import { axe, importDocument, pageErrors, screenshot, startHarness, type Harness } from './harness';
import type { DocInfo } from '../../core/api/contract';

async function noAxeViolations(page: Page, screen: string): Promise<void> {
  expect(await axe(page, screen), `violations axe sur « ${screen} »`).toEqual([]);
}

interface DocNode { kind: string; title: string; tag?: string; children?: DocNode[] }
interface ExpectedRow { title: string; context: boolean }

const JETER_FAMILY = new Set(['jeter', 'mettre-en-veille']);

/**
 * The rows the tree must show under the « À jeter… » filter, worked out from the document itself (not with the
 * renderer's code): each item tagged jeter or mettre-en-veille, and its ancestors greyed as context; nothing below a
 * folded item.
 */
function expectedJeterRows(tree: DocNode[], folded: ReadonlySet<string>): ExpectedRow[] {
  const out: ExpectedRow[] = [];
  const hasMatch = (n: DocNode): boolean => JETER_FAMILY.has(n.tag ?? '') || (n.children ?? []).some(hasMatch);
  const walk = (nodes: DocNode[]) => {
    for (const n of nodes) {
      if (!hasMatch(n)) continue;
      out.push({ title: n.title, context: !JETER_FAMILY.has(n.tag ?? '') });
      if (!folded.has(n.title)) walk(n.children ?? []);
    }
  };
  walk(tree);
  return out;
}

function countTagged(tree: DocNode[], family: ReadonlySet<string>): number {
  return tree.reduce((k, n) => k + (family.has(n.tag ?? '') ? 1 : 0) + countTagged(n.children ?? [], family), 0);
}

/** The rendered rows (virtualized: only some), each with its index in the whole list, from its position. */
async function renderedRows(page: Page): Promise<{ index: number; title: string; context: boolean }[]> {
  return page.locator('[role=treeitem]').evaluateAll((els) =>
    els.map((e) => ({
      index: Math.round(parseFloat((e as HTMLElement).style.top) / (e as HTMLElement).offsetHeight),
      title: e.querySelector('.row-title')?.textContent ?? '',
      context: e.classList.contains('is-context'),
    })),
  );
}

function hashFor(file: string): string {
  return '#/contrat?' + new URLSearchParams({ path: file }).toString();
}

describe('écrans : fichiers récents, erreurs, lecture seule, 10 000 éléments', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness('ecrans', { userName: 'Dominique Leroy' });
    page = h.page;
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('un fichier récent disparu est signalé et peut être retiré', async () => {
    const gone = path.join(h.defaultDir, 'disparu.trame');
    const kept = path.join(h.defaultDir, 'garde.trame');
    const fields = { epci: 'CA Test', period: { start: 2024, end: 2030 }, qpv: [] };
    for (const [file, name] of [[gone, 'Contrat disparu'], [kept, 'Contrat gardé']] as const) {
      const d = (await h.handlers['contrat.create']({ path: file, contrat: { name, ...fields } })) as DocInfo;
      await h.handlers['doc.close']({ docId: d.docId });
    }
    rmSync(gone);
    await page.goto(h.server.url);
    const missing = page.locator('.recent-missing');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('Fichier introuvable');
    await page.getByRole('button', { name: 'Contrat gardé' }).waitFor();
    await screenshot(page, '10-accueil-recents');
    await noAxeViolations(page, 'accueil avec fichiers récents');
    await page.getByRole('button', { name: 'Retirer Contrat disparu de la liste' }).click();
    await expect.poll(() => missing.count()).toBe(0);
    await page.getByRole('button', { name: 'Contrat gardé' }).waitFor();
  });

  it('ouvrir un fichier qui n’est pas un contrat Trame : un message clair', async () => {
    const bad = path.join(h.defaultDir, 'pas-un-contrat.trame');
    writeFileSync(bad, 'ceci n’est pas une base SQLite');
    await page.getByRole('button', { name: 'Ouvrir un fichier' }).click();
    await page.getByLabel('Chemin du fichier .trame').fill(bad);
    await page.getByRole('button', { name: 'Ouvrir', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: /./ });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Trame|fichier/);
    expect(new URL(page.url()).hash).toBe('#/');
    await screenshot(page, '11-accueil-erreur');
    await noAxeViolations(page, 'accueil avec erreur');
  });

  it('une adresse #/contrat?path=… rouvre le fichier, même déjà ouvert', async () => {
    const file = path.join(h.defaultDir, 'garde.trame');
    await page.goto(h.server.url + hashFor(file));
    await page.getByRole('heading', { name: 'Contrat gardé' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Contrat gardé' }).waitFor();
    await page.getByText(/L’arbre est vide/).waitFor();
    await page.getByRole('button', { name: 'Fermer le contrat' }).click();
    await page.getByRole('heading', { name: 'Fichiers récents' }).waitFor();
  });

  it('un contrat en lecture seule : bandeau, et aucune modification possible', async () => {
    const file = path.join(h.defaultDir, 'lecture-seule.trame');
    const d = (await h.handlers['contrat.createDemo']({ path: file })) as DocInfo;
    await h.handlers['doc.close']({ docId: d.docId });
    // Root can write anywhere, so the read-only state is simulated at the API boundary.
    const reason = 'Le fichier est en lecture seule : vous pouvez le consulter, pas le modifier.';
    for (const ch of ['doc.open', 'doc.info']) {
      await page.route(`**/api/${ch}`, async (route) => {
        const res = await route.fetch();
        const body = await res.json();
        if (body.ok) Object.assign(body.value, { readOnly: true, readOnlyReason: reason });
        await route.fulfill({ response: res, json: body });
      });
    }
    const writes: string[] = [];
    page.on('request', (r) => {
      const m = /\/api\/(tree\.(?!get)[a-zA-Z]+|history\.(undo|redo))/.exec(r.url());
      if (m) writes.push(m[1]);
    });
    await page.goto(h.server.url + hashFor(file));
    const banner = page.locator('.banner-readonly');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(reason);
    const first = page.locator('[role=treeitem]').first();
    await first.click();
    for (const k of ['Enter', 'Control+Enter', 'Tab', 'Delete', '1', 'F2', 'x']) await page.keyboard.press(k);
    await expect.poll(() => page.locator('.tree-status').textContent()).toMatch(/Modification impossible/);
    expect(await page.locator('.rename-input').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Élément', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Titre', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Décision', { exact: true }).isDisabled()).toBe(true);
    // Dragging does nothing either.
    const a = (await page.locator('[role=treeitem]').nth(2).boundingBox())!;
    await page.mouse.move(a.x + 300, a.y + 20);
    await page.mouse.down();
    await page.mouse.move(a.x + 300, a.y + 140, { steps: 10 });
    expect(await page.locator('.drag-card').count()).toBe(0);
    await page.mouse.up();
    expect(writes).toEqual([]);
    await screenshot(page, '12-lecture-seule');
    await noAxeViolations(page, 'contrat en lecture seule');
    await page.unrouteAll();
    await page.getByRole('button', { name: 'Fermer le contrat' }).click();
    await page.getByRole('heading', { name: 'Fichiers récents' }).waitFor();
  });

  it('10 000 éléments : seules les lignes visibles sont rendues, et le clavier suit', async () => {
    const file = path.join(h.defaultDir, 'grand.trame');
    const big = bigDocument() as { tree: DocNode[] };
    await importDocument(h, file, big);
    const marks = () => page.evaluate(() => performance.getEntriesByName('trame:tree-render').length);
    const marksBefore = await marks();
    await page.goto(h.server.url + hashFor(file));
    await page.locator('[role=treeitem]').first().waitFor();
    // The mark the render benchmark (test/bench/render.ts) waits for. (How fast: `npm run bench`, render-10k-ms.)
    await expect.poll(marks).toBe(marksBefore + 1);
    const rendered = await page.locator('[role=treeitem]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(await page.locator('.filters button').first().textContent()).toContain('10110');

    await page.locator('[role=treeitem]').first().click();
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('.row-title')?.textContent)).toBe('Indicateur 10.10.10.9');
    expect(await page.locator('[role=treeitem]').count()).toBeLessThan(60);
    const last = page.locator('[role=treeitem][aria-selected=true]');
    expect(await last.getAttribute('aria-level')).toBe('4');
    expect(await last.getAttribute('aria-posinset')).toBe('9');
    expect(await last.getAttribute('aria-setsize')).toBe('9');

    // The list is as long as every row (its height), though only those in view are drawn.
    const rowHeight = await page.locator('[role=treeitem]').first().evaluate((e) => (e as HTMLElement).offsetHeight);
    const listRows = () => page.locator('.tree-inner').evaluate((e, h) => (e as HTMLElement).offsetHeight / h, rowHeight);
    expect(await listRows()).toBe(10_110);
    // Collapse an enjeu with ←: the 1 010 items under it leave the list.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('[role=treeitem]').first().getAttribute('aria-expanded')).toBe('false');
    await expect.poll(listRows).toBe(10_110 - 1_010);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('.row-title')?.textContent)).toBe('Enjeu 2');

    // « À jeter… »: the rows shown are those the document says, matches plain and their ancestors greyed, in order;
    // the list is as long as that (its height), and the count on the button is the document's.
    const expected = expectedJeterRows(big.tree, new Set(['Enjeu 1']));
    const button = page.getByRole('button', { name: /^À jeter/ });
    const jeterShown = await button.locator('.filter-count').textContent();
    expect(jeterShown).toBe(`${countTagged(big.tree, JETER_FAMILY)} éléments`);
    // Enough matches that the filtered list is itself virtualised.
    expect(Number(jeterShown!.replace(/\D/g, ''))).toBeGreaterThan(1000);
    await button.click();
    await expect.poll(listRows).toBe(expected.length);
    // The filter really filters: the app's list is shorter than the whole one (matches and their ancestors only).
    expect(await listRows()).toBeLessThan(10_110 - 1_010);
    await expect
      .poll(async () => (await renderedRows(page)).map((r) => ({ title: r.title, context: r.context, want: expected[r.index] })))
      .toSatisfy((rows: { title: string; context: boolean; want: ExpectedRow | undefined }[]) =>
        rows.length > 5 && rows.every((r) => r.want !== undefined && r.want.title === r.title && r.want.context === r.context),
      );
    const shown = await renderedRows(page);
    expect(shown.length).toBeLessThan(60);
    // Both kinds are on screen: greyed ancestors and plain matches.
    expect(shown.some((r) => r.context)).toBe(true);
    expect(shown.some((r) => !r.context)).toBe(true);
    // An item not in the family, with no match below it, is not there.
    const kept = new Set(expected.map((r) => r.title));
    const hiddenSample = ['Indicateur 2.1.1.1', 'Indicateur 2.1.1.2', 'Indicateur 2.1.1.3', 'Indicateur 2.1.1.4', 'Indicateur 2.1.1.5', 'Indicateur 2.1.1.6', 'Indicateur 2.1.1.7'].filter((t) => !kept.has(t));
    expect(hiddenSample.length).toBeGreaterThan(0);
    for (const t of hiddenSample) expect(shown.map((r) => r.title)).not.toContain(t);
    await screenshot(page, '13-grand-arbre');
    expect(pageErrors(page)).toEqual([]);
  });
});
