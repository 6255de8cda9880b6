// The review in front of a room, in a real Chromium against the real handlers, by roles and keys only: the reason
// never traps the keyboard (R, Ctrl+Entrée, Échap, Page suivante / précédente from the reason), R never glues a new
// reason to the old one, « Raccourcis » lists those keys. A workshop that forgives: its attendees corrected while it
// runs (in its minutes), one started by mistake abandoned without minutes. What is saved is read back from the
// contrat's handlers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TreeNode } from '../../core/api/contract';
import { axe, openContrat, pageErrors, screenshot, startWithDemo, type Harness } from './harness';

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
    ({ h, file } = await startWithDemo('revue', { userName: 'Camille Animatrice' }));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('R, typing, Ctrl+Entrée then Page suivante twice: two steps, the reason exactly as typed; R on a reason edits after it', async () => {
    const page = await openContrat(h, file, 'atelier');
    await page.getByRole('heading', { name: 'Démarrer un atelier' }).waitFor();
    await page.getByRole('button', { name: 'Démarrer l’atelier…' }).click();
    await page.getByRole('button', { name: 'Commencer avec ces présents' }).click();
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

    // Back to the item with a reason: R opens it with the cursor at its end, after a space; never glued. R comes as
    // soon as the room sees the item (a remote's next key, sent before the page's own updates have all run): it is
    // pressed from the moment the heading changes, not after the page settles.
    await page.evaluate((title) => {
      const heading = document.getElementById('atelier-element')!;
      const watch = new MutationObserver(() => {
        if (!heading.isConnected || !heading.textContent?.endsWith(` : ${title}`)) return;
        watch.disconnect();
        heading.dispatchEvent(new KeyboardEvent('keydown', { key: 'R', bubbles: true }));
      });
      watch.observe(heading, { childList: true, characterData: true, subtree: true });
    }, all[at].title);
    await page.keyboard.press('PageUp');
    await expect.poll(() => shown(page)).toBe(all[at].title);
    await expect.poll(() => active(page)).toBe('atelier-raison');
    const field = page.getByRole('textbox', { name: 'Pourquoi ce choix ?' });
    expect(await field.inputValue()).toBe(`${typed} `);
    expect(await field.evaluate((t: HTMLTextAreaElement) => [t.selectionStart, t.selectionEnd])).toEqual([typed.length + 1, typed.length + 1]);
    await screenshot(page, 'revue-01-raison-1024x768');
    await page.keyboard.type('Fusion à prévoir.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => active(page)).toBe('atelier-element');
    await expect.poll(async () => (await nodes())[at].tagNote).toBe(`${typed} Fusion à prévoir.`);
    // The page's own end of the save (its announcement) before the next keys: the file may hold the reason before the
    // page has its answer, and an announcement that came late would then replace the one awaited below.
    await page.getByText('Raison enregistrée.').waitFor();

    // Échap leaves without saving: the contrat and the field keep the saved reason.
    await page.keyboard.press('r');
    await page.keyboard.type(' 415rDoublon');
    await page.keyboard.press('Escape');
    await expect.poll(() => active(page)).toBe('atelier-element');
    expect(await field.inputValue()).toBe(`${typed} Fusion à prévoir.`);
    await page.getByText('Raison laissée telle qu’elle était : rien n’a été enregistré.').waitFor();
    expect((await nodes())[at].tagNote).toBe(`${typed} Fusion à prévoir.`);

    // A save answered after a newer message (its answer held back until Échap has spoken): the reason is saved, and
    // its late « Raison enregistrée. » does not replace the newer message in the status line.
    const status = page.locator('.doc-status');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/tree.update', async (route) => {
      await held;
      await route.continue();
    });
    await page.keyboard.press('r');
    await page.keyboard.type('Relu.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => active(page)).toBe('atelier-element');
    await page.keyboard.press('r');
    await page.keyboard.type('x');
    await page.keyboard.press('Escape');
    await expect.poll(() => status.textContent()).toBe('Raison laissée telle qu’elle était : rien n’a été enregistré.');
    const answered = page.waitForResponse('**/api/tree.update');
    release();
    await answered;
    await page.unroute('**/api/tree.update');
    const saved = `${typed} Fusion à prévoir. Relu.`;
    await expect.poll(async () => (await nodes())[at].tagNote).toBe(saved);
    // The page has its answer once the field shows the saved reason; two frames more for a late announcement.
    await expect.poll(() => field.inputValue()).toBe(saved);
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    expect(await status.textContent()).toBe('Raison laissée telle qu’elle était : rien n’a été enregistré.');
    // R then Ctrl+Entrée with nothing typed changes nothing (the space added on opening is not saved).
    await page.keyboard.press('r');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => active(page)).toBe('atelier-element');
    expect((await nodes())[at].tagNote).toBe(saved);

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

  it('the attendees are corrected while the workshop runs and the minutes list them; a workshop started by mistake is abandoned', async () => {
    const page = h.page;
    const docId = () => h.set.openDocs()[0].docId;
    // The workshop of the test above runs: correct who is in the room.
    await page.getByRole('button', { name: 'Corriger les présents…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Corriger les présents' });
    await dialog.waitFor();
    const boxes = dialog.getByRole('checkbox');
    const names = (await dialog.locator('.workshop-partners label').allTextContents()).map((t) => t.trim());
    await boxes.nth(0).check();
    await boxes.nth(2).check();
    await dialog.getByRole('textbox', { name: 'Autres personnes présentes' }).fill('M. Leroy, habitant\nMme Petit, conseil citoyen');
    expect(await axe(page, 'atelier — corriger les présents')).toEqual([]);
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'revue-03-presents-1024x768');
    await dialog.getByRole('button', { name: 'Enregistrer les présents' }).click();
    await dialog.waitFor({ state: 'detached' });
    const line = page.getByText(/^Présents \(/);
    await expect.poll(() => line.textContent()).toBe(`Présents (4) : ${names[0]}, ${names[2]}, M. Leroy, habitant, Mme Petit, conseil citoyen.`);
    await expect.poll(() => active(page), { timeout: 10_000 }).toBe('BUTTON');
    // Corrected again: one partner unticked, one name taken off.
    await page.getByRole('button', { name: 'Corriger les présents…' }).click();
    await dialog.waitFor();
    await dialog.getByRole('checkbox', { name: names[0] }).uncheck();
    await dialog.getByRole('textbox', { name: 'Autres personnes présentes' }).fill('M. Leroy, habitant');
    await dialog.getByRole('button', { name: 'Enregistrer les présents' }).click();
    await expect.poll(() => line.textContent()).toBe(`Présents (2) : ${names[2]}, M. Leroy, habitant.`);
    const state = (await h.handlers['workshop.state']({ docId: docId() })) as { active: { attendees: { name: string }[] } };
    expect(state.active.attendees.map((a) => a.name)).toEqual([names[2], 'M. Leroy, habitant']);

    // Its minutes list the corrected attendees.
    await page.getByRole('button', { name: 'Terminer l’atelier…' }).click();
    await page.getByRole('button', { name: 'Terminer et établir le relevé' }).click();
    await page.getByRole('heading', { name: /^Relevé de l’atelier/ }).waitFor();
    const present = page.locator('.minutes-section').first().getByRole('listitem');
    expect(await present.allTextContents()).toEqual([`${names[2]} (partenaire du contrat)`, 'M. Leroy, habitant']);
    await page.getByRole('button', { name: 'Retour aux ateliers' }).click();

    // Started by mistake, one decision taken, then abandoned: back to the start, no minutes, the decision kept.
    const pastBefore = await page.getByRole('heading', { name: 'Ateliers passés' }).locator('..').getByRole('listitem').count();
    await page.getByRole('textbox', { name: 'Titre de l’atelier' }).fill('Atelier par erreur');
    await page.getByRole('button', { name: 'Démarrer l’atelier…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Démarrer « Atelier par erreur » ?' });
    await confirm.getByText('Personne n’est noté présent.', { exact: false }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Atelier en cours : « Atelier par erreur »' }).waitFor();
    await page.getByLabel('Passer en revue').selectOption({ label: 'Non décidés' });
    await page.getByRole('button', { name: 'Commencer la revue →' }).click();
    await expect.poll(() => active(page)).toBe('atelier-element');
    const title = await shown(page);
    await page.keyboard.press('6');
    await expect.poll(async () => (await nodes()).find((n) => n.title === title)?.tag).toBe('mettre-en-veille');
    await page.getByRole('button', { name: 'Abandonner l’atelier…' }).click();
    const abandon = page.getByRole('dialog', { name: 'Abandonner l’atelier ?' });
    await abandon.waitFor();
    expect(await axe(page, 'atelier — abandonner')).toEqual([]);
    await screenshot(page, 'revue-04-abandonner-1024x768');
    // The safe answer has the focus: Entrée keeps the workshop going.
    await page.keyboard.press('Enter');
    await abandon.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Atelier en cours : « Atelier par erreur »' }).waitFor();
    await page.getByRole('button', { name: 'Abandonner l’atelier…' }).click();
    await abandon.getByRole('button', { name: 'Abandonner sans relevé' }).click();
    await page.getByRole('heading', { name: 'Démarrer un atelier' }).waitFor();
    await page.getByText('Atelier abandonné, sans relevé.', { exact: false }).waitFor();
    await expect.poll(() => active(page), { timeout: 10_000 }).toBe('atelier-titre-ecran');
    expect(await page.getByRole('heading', { name: 'Ateliers passés' }).locator('..').getByRole('listitem').count()).toBe(pastBefore);
    expect(await page.getByRole('button', { name: 'Atelier par erreur' }).count()).toBe(0);
    const after = (await h.handlers['workshop.state']({ docId: docId() })) as { active: unknown; past: { title: string }[] };
    expect(after.active).toBeNull();
    expect(after.past.map((w) => w.title)).not.toContain('Atelier par erreur');
    expect((await nodes()).find((n) => n.title === title)?.tag).toBe('mettre-en-veille');
    expect(pageErrors(page)).toEqual([]);
  }, 180_000);
});
