// Focus never falls to the page: on every screen of an open contrat, a scripted series of actions and dialogs by
// roles and keys, and after each one `document.activeElement` is an element of the page, never <body>. Each action
// first waits for what it does (a row, a heading, a dialog gone), then the focus is read. Every action where the
// focus fell is listed at the end, with where the focus was after each of the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openContrat, pageErrors, startWithDemo, type Harness } from './harness';

/** The focused element, described: « body » when the focus fell to the page. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body || a === document.documentElement) return 'body';
    const name = (a.getAttribute('aria-label') ?? a.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}${a.getAttribute('role') ? `[${a.getAttribute('role')}]` : ''} « ${name} »`;
  });

describe('focus never falls to the page', () => {
  let h: Harness;
  let file: string;
  const fell: string[] = [];
  const trail: string[] = [];

  /**
   * After `what` (its effect already waited for): the focus must be, or land within two seconds, on an element — and,
   * when `expected` is given, on that one (the next thing to do, or what opened the dialog).
   */
  async function after(page: Page, what: string, expected?: RegExp): Promise<void> {
    let where = 'body';
    try {
      await expect.poll(async () => (where = await focused(page)), { timeout: 10_000 }).toMatch(expected ?? /^(?!body$)/);
    } catch {
      fell.push(`${what} → ${where}${expected ? ` (attendu : ${expected})` : ''}`);
    }
    trail.push(`${what} → ${where}`);
  }

  beforeAll(async () => {
    ({ h, file } = await startWithDemo('focus', { userName: 'Camille Animatrice' }));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('after each action and dialog of each screen, the focus is on an element', async () => {
    const page = await openContrat(h, file);
    const rows = page.getByRole('treeitem');

    // ── Arbre ──
    await page.keyboard.press('2');
    await expect.poll(() => rows.first().locator('.tag-badge').textContent()).toContain('À garder');
    await after(page, 'Arbre : 2 (à garder)');
    const count = await rows.count();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: /Nom/ }).or(page.locator('.rename-input')).first().waitFor();
    await page.keyboard.type('Élément pour le focus');
    await page.keyboard.press('Enter');
    await rows.filter({ hasText: 'Élément pour le focus' }).first().waitFor();
    await after(page, 'Arbre : nouvel élément (Entrée, nom, Entrée)');
    await page.keyboard.press('Delete');
    await expect.poll(() => rows.filter({ hasText: 'Élément pour le focus' }).count()).toBe(0);
    await after(page, 'Arbre : Suppr');
    await page.keyboard.press('Control+z');
    await rows.filter({ hasText: 'Élément pour le focus' }).first().waitFor();
    await after(page, 'Arbre : Ctrl+Z');
    // The status line names the step undone (the deletion), not just « Modification annulée. ».
    await expect.poll(() => page.locator('.doc-status').textContent()).toMatch(/^Annulé : .*Élément pour le focus.*\.$/);
    expect(await rows.count()).toBeGreaterThanOrEqual(Math.min(count, 1));
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => focused(page)).toMatch(/^textarea/);
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).not.toMatch(/^textarea/);
    await after(page, 'Arbre : Maj+Entrée puis Échap');
    await page.getByRole('button', { name: 'Raccourcis' }).click();
    await page.getByRole('dialog', { name: 'Raccourcis clavier' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Raccourcis clavier' }).waitFor({ state: 'detached' });
    await after(page, 'Raccourcis : Échap');

    // ── Atelier ──
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: 'Démarrer un atelier' }).waitFor();
    await after(page, 'Alt+2 (Atelier)');
    await page.getByRole('button', { name: 'Démarrer l’atelier…' }).click();
    await page.getByRole('button', { name: 'Revenir à la liste' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await after(page, 'Atelier : Démarrer… puis Revenir à la liste', /^button « Démarrer l’atelier… »$/);
    await page.getByRole('button', { name: 'Démarrer l’atelier…' }).click();
    await page.getByRole('button', { name: 'Commencer avec ces présents' }).click();
    await page.getByRole('heading', { name: /^Atelier en cours/ }).waitFor();
    await after(page, 'Atelier : démarrer');
    await page.getByRole('button', { name: 'Commencer la revue →' }).click();
    await page.getByRole('button', { name: 'Suivant →' }).waitFor();
    await after(page, 'Atelier : commencer la revue');
    await page.keyboard.press('1');
    await page.getByRole('button', { name: /À ajouter$/, pressed: true }).waitFor();
    await after(page, 'Atelier : 1 (à ajouter)');
    await page.getByRole('button', { name: 'Terminer l’atelier…' }).click();
    await page.getByRole('dialog', { name: 'Terminer l’atelier ?' }).waitFor();
    await page.getByRole('button', { name: 'Continuer l’atelier' }).click();
    await page.getByRole('dialog', { name: 'Terminer l’atelier ?' }).waitFor({ state: 'detached' });
    await after(page, 'Atelier : Terminer… puis Continuer l’atelier', /^button « Terminer l’atelier… »$/);
    await page.getByRole('button', { name: 'Terminer l’atelier…' }).click();
    await page.getByRole('button', { name: 'Terminer et établir le relevé' }).click();
    await page.getByRole('heading', { name: /^Relevé de l’atelier/ }).waitFor();
    await after(page, 'Atelier : terminer (relevé)');
    await page.getByRole('button', { name: 'Retour aux ateliers' }).click();
    await page.getByRole('heading', { name: 'Ateliers passés' }).waitFor();
    await after(page, 'Atelier : Retour aux ateliers', /^button « Atelier du /);

    // ── Partenaires ──
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: 'Partenaires', exact: true }).waitFor();
    await after(page, 'Alt+3 (Partenaires)');
    // The usual partners already in the contrat under their local names are not offered again.
    const usual = page.getByRole('list', { name: 'Partenaires habituels du pilier emploi' });
    const offered = async () => (await usual.getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label'))));
    expect(await offered()).not.toEqual(expect.arrayContaining(['Ajouter France Travail']));
    for (const present of ['France Travail', 'Mission locale', 'Région', 'Département', 'CAF', 'EPIDE', 'EPCI', 'Préfecture — délégué du préfet']) {
      expect(await offered()).not.toContain(`Ajouter ${present}`);
    }
    const first = (await offered())[0]!;
    const second = (await offered())[1]!;
    await usual.getByRole('button').first().click();
    await expect.poll(() => usual.getByRole('button', { name: first, exact: true }).count()).toBe(0);
    await after(page, `Partenaires : ${first}`, new RegExp(`^button « ${second} »$`));
    const name = page.getByRole('textbox', { name: 'Nom', exact: true });
    await name.fill('Club des entreprises du Val');
    await name.press('Enter');
    await page.getByRole('button', { name: /^Club des entreprises du Val/ }).waitFor();
    await after(page, 'Partenaires : ajouter un partenaire (Entrée)');
    await page.getByRole('button', { name: /^Club des entreprises du Val/ }).click();
    await page.getByRole('heading', { name: 'Club des entreprises du Val' }).waitFor();
    await after(page, 'Partenaires : ouvrir la page d’un partenaire');
    await page.getByRole('button', { name: 'Supprimer ce partenaire' }).click();
    const removeDialog = page.getByRole('dialog');
    await removeDialog.waitFor();
    await page.keyboard.press('Escape');
    await removeDialog.waitFor({ state: 'detached' });
    await after(page, 'Partenaires : Supprimer… puis Échap', /^button « Supprimer ce partenaire »$/);
    await page.getByRole('button', { name: 'Supprimer ce partenaire' }).click();
    await removeDialog.getByRole('button', { name: 'Supprimer le partenaire' }).click();
    await removeDialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('button', { name: /^Club des entreprises du Val/ }).count()).toBe(0);
    await after(page, 'Partenaires : supprimer le partenaire');

    // ── Engagements ──
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: 'Engagements des partenaires' }).waitFor();
    await after(page, 'Alt+4 (Engagements)');
    await page.getByRole('button', { name: 'Nouvel engagement' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await after(page, 'Engagements : Nouvel engagement puis Échap', /^button « Nouvel engagement »$/);
    const cellButton = page.locator('.matrix-table button, table button').filter({ hasText: /\d/ }).first();
    await cellButton.click();
    await page.getByRole('button', { name: 'Fermer la case' }).waitFor();
    await after(page, 'Engagements : ouvrir une case de la matrice');
    await page.getByRole('button', { name: 'Fermer la case' }).click();
    await page.getByRole('button', { name: 'Fermer la case' }).waitFor({ state: 'detached' });
    await after(page, 'Engagements : Fermer la case', /^button « [^»,]+, /); // the cell: « partenaire, enjeu : … »
    const remove = page.getByRole('button', { name: /^Supprimer : / }).first();
    const removed = (await remove.getAttribute('aria-label'))!;
    const before = await page.getByRole('button', { name: removed, exact: true }).count();
    await remove.click();
    await expect.poll(() => page.getByRole('button', { name: removed, exact: true }).count()).toBeLessThan(before);
    await after(page, 'Engagements : supprimer un engagement', /^button « Supprimer : |^h3#all-title/);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByRole('button', { name: removed, exact: true }).count()).toBe(before);
    await after(page, 'Engagements : Ctrl+Z');

    // ── COPIL ──
    await page.keyboard.press('Alt+5');
    await page.getByRole('button', { name: 'Enregistrer un COPIL…' }).waitFor();
    await after(page, 'Alt+5 (COPIL)');
    await page.getByRole('button', { name: 'Enregistrer un COPIL…' }).click();
    const copil = page.getByRole('dialog');
    await copil.waitFor();
    await copil.getByRole('textbox', { name: 'Intitulé' }).fill('COPIL du focus');
    await copil.getByRole('textbox', { name: 'Date' }).fill('15/11/2026');
    await copil.getByRole('button', { name: 'Enregistrer' }).click();
    await copil.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Supprimer le COPIL COPIL du focus/ }).waitFor();
    await after(page, 'COPIL : enregistrer un COPIL', /^button « Enregistrer un COPIL… »$/);
    await page.getByRole('button', { name: /^Supprimer le COPIL COPIL du focus/ }).click();
    const confirm = page.getByRole('dialog');
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: /Supprimer/ }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Supprimer le COPIL COPIL du focus/ }).count()).toBe(0);
    await after(page, 'COPIL : supprimer le COPIL');

    // ── Protocole ──
    await page.keyboard.press('Alt+6');
    await page.getByRole('checkbox', { name: /^Annexe/ }).waitFor();
    await after(page, 'Alt+6 (Protocole)');
    await page.getByRole('checkbox', { name: /^Annexe/ }).click();
    await after(page, 'Protocole : retirer une partie');

    // ── Signatures, Contrat, Journal ──
    await page.keyboard.press('Alt+7');
    await page.getByRole('heading', { name: /Versions et signatures/ }).first().waitFor();
    await after(page, 'Alt+7 (Signatures)');
    await page.keyboard.press('Alt+8');
    await page.getByRole('heading', { name: 'Identité du contrat' }).waitFor();
    await after(page, 'Alt+8 (Contrat)');
    await page.getByRole('button', { name: 'Enregistrer le cadre juridique' }).click();
    await after(page, 'Contrat : Enregistrer le cadre juridique');
    await page.getByRole('textbox', { name: /Nom du contrat/ }).fill('Contrat de ville — focus');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => page.locator('.doc-name').textContent()).toBe('Contrat de ville — focus');
    await after(page, 'Contrat : Enregistrer');
    await page.keyboard.press('Alt+9');
    await page.getByRole('heading', { name: 'Journal des modifications' }).waitFor();
    await after(page, 'Alt+9 (Journal)');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.doc-name').textContent()).not.toBe('Contrat de ville — focus');
    await after(page, 'Journal : Ctrl+Z');

    console.log(trail.join('\n'));
    expect(fell, trail.join('\n')).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
  }, 240_000);
});
