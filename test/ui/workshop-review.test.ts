// The review in front of a room, in a real Chromium against the real handlers, by roles and keys only: the reason
// never traps the keyboard (R, Ctrl+Entrée, Échap, Page suivante / précédente from the reason), R never glues a new
// reason to the old one, « Raccourcis » lists those keys. What is saved is read back from the contrat's handlers.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DocInfo, TreeNode } from '../../core/api/contract';
import { axe, pageErrors, screenshot, startHarness, type Harness } from './harness';

const active = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || null);

/** The title of the item shown in the review (its heading reads « Kind : title »). */
async function shown(page: Page): Promise<string> {
  return ((await page.locator('#atelier-element').textContent()) ?? '').split(' : ').slice(1).join(' : ');
}

describe('the review’s keyboard never types into the room', () => {
  let h: Harness;
  let file: string;
  const nodes = async (): Promise<TreeNode[]> =>
    ((await h.handlers['tree.get']({ docId: h.set.openDocs()[0].docId })) as { nodes: TreeNode[] }).nodes;

  beforeAll(async () => {
    h = await startHarness('revue', { userName: 'Camille Animatrice' });
    file = path.join(h.defaultDir, 'revue.trame');
    const doc = (await h.handlers['contrat.createDemo']({ path: file })) as DocInfo;
    await h.handlers['doc.close']({ docId: doc.docId });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('R, typing, Ctrl+Entrée then Page suivante twice: two steps, the reason exactly as typed; R on a reason edits after it', async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${h.server.url}#/contrat?path=${encodeURIComponent(file)}&vue=atelier`);
    await page.getByRole('heading', { name: 'Démarrer un atelier' }).waitFor();
    await page.getByRole('button', { name: 'Démarrer l’atelier' }).click();
    await page.getByRole('heading', { name: /^Atelier en cours/ }).waitFor();
    await page.getByLabel('Passer en revue').selectOption({ label: 'Tout l’arbre' });
    await page.getByRole('button', { name: 'Commencer la revue →' }).click();

    const all = await nodes();
    await expect.poll(() => shown(page)).toBe(all[0].title);
    // Walk by Page suivante to the first item without a reason that has two items after it.
    const at = all.findIndex((n, i) => !n.tagNote && i + 2 < all.length);
    expect(at, 'le contrat de démonstration a un élément sans raison').toBeGreaterThan(0);
    for (let i = 1; i <= at; i++) {
      await page.keyboard.press('PageDown');
      await expect.poll(() => shown(page)).toBe(all[i].title);
    }
    expect(await active(page)).toBe('atelier-element');

    // R → the reason; typed; Ctrl+Entrée: saved, and the focus back on the review.
    await page.keyboard.press('r');
    await expect.poll(() => active(page)).toBe('atelier-raison');
    const typed = 'Doublon avec l’action de repérage (40 visiteurs en 2023).';
    await page.keyboard.type(typed);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => active(page)).toBe('atelier-element');
    // The remote's next keys walk the review, and what follows (a digit, an « r ») lands in no text.
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect.poll(() => shown(page)).toBe(all[at + 2].title);
    await expect.poll(async () => (await nodes())[at].tagNote).toBe(typed);
    const before = all[at + 2];
    await page.keyboard.press('5');
    await expect.poll(async () => (await nodes())[at + 2].tag).toBe('jeter');
    expect((await nodes())[at + 2].tagNote).toBe(before.tagNote);
    expect((await nodes())[at].tagNote).toBe(typed);

    // Page précédente from inside the reason: what was typed is saved first, then the review steps back.
    await page.keyboard.press('r');
    await expect.poll(() => active(page)).toBe('atelier-raison');
    const dropped = before.tagNote ? `${before.tagNote} Sans porteur.` : 'Sans porteur.';
    await page.keyboard.type('Sans porteur.');
    await page.keyboard.press('PageUp');
    await expect.poll(() => shown(page)).toBe(all[at + 1].title);
    expect(await active(page)).toBe('atelier-element');
    await expect.poll(async () => (await nodes())[at + 2].tagNote).toBe(dropped);

    // Back to the item with a reason: R opens it with the cursor at its end, after a space; never glued.
    await page.keyboard.press('PageUp');
    await expect.poll(() => shown(page)).toBe(all[at].title);
    await page.keyboard.press('R');
    await expect.poll(() => active(page)).toBe('atelier-raison');
    const field = page.getByRole('textbox', { name: 'Pourquoi ce choix ?' });
    expect(await field.inputValue()).toBe(`${typed} `);
    expect(await field.evaluate((t: HTMLTextAreaElement) => [t.selectionStart, t.selectionEnd])).toEqual([typed.length + 1, typed.length + 1]);
    await screenshot(page, 'revue-01-raison-1024x768');
    await page.keyboard.type('Fusion à prévoir.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => active(page)).toBe('atelier-element');
    await expect.poll(async () => (await nodes())[at].tagNote).toBe(`${typed} Fusion à prévoir.`);

    // Échap leaves without saving: the contrat and the field keep the saved reason.
    await page.keyboard.press('r');
    await page.keyboard.type(' 415rDoublon');
    await page.keyboard.press('Escape');
    await expect.poll(() => active(page)).toBe('atelier-element');
    expect(await field.inputValue()).toBe(`${typed} Fusion à prévoir.`);
    await page.getByText('Raison laissée telle qu’elle était : rien n’a été enregistré.').waitFor();
    expect((await nodes())[at].tagNote).toBe(`${typed} Fusion à prévoir.`);
    // R then Ctrl+Entrée with nothing typed changes nothing (the space added on opening is not saved).
    await page.keyboard.press('r');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => active(page)).toBe('atelier-element');
    expect((await nodes())[at].tagNote).toBe(`${typed} Fusion à prévoir.`);

    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'revue-02-revue-1280x720');
    expect(await axe(page, 'atelier — revue au clavier')).toEqual([]);

    // « Raccourcis » lists the keys of the reason.
    await page.getByRole('button', { name: 'Raccourcis' }).click();
    const keys = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    await keys.waitFor();
    for (const k of ['R', 'Ctrl+Entrée (dans la raison)', 'Échap (dans la raison)']) {
      await expect.poll(() => keys.getByRole('row').filter({ has: page.getByRole('cell', { name: k, exact: true }) }).count()).toBe(1);
    }
    await page.keyboard.press('Escape');
    await keys.waitFor({ state: 'detached' });
    expect(pageErrors(page)).toEqual([]);
  }, 180_000);
});
