// The workshop scenario in a real Chromium against the real handlers: first run, new contrat form, a four-level tree
// built by keyboard only, tags, filters, drag and drop, undo/redo, delete + toast, details of an indicateur,
// reload, and the rows really on disk. axe-core runs on every screen.
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, pageErrors, released, screenshot, startHarness, type Harness } from './harness';

interface VisibleRow { title: string; level: number; kind: string; tag: string; context: boolean; note: string }

async function visibleRows(page: Page): Promise<VisibleRow[]> {
  return page.$$eval('[role=treeitem]', (els) =>
    els
      .map((el) => ({
        y: parseFloat((el as HTMLElement).style.top),
        title: el.querySelector('.row-title')?.textContent ?? '',
        level: Number(el.getAttribute('aria-level')),
        kind: (el as HTMLElement).dataset.kind ?? '',
        tag: el.querySelector('.tag-badge')?.textContent ?? '',
        context: el.classList.contains('is-context'),
        note: el.querySelector('.row-note')?.textContent ?? '',
      }))
      .sort((a, b) => a.y - b.y)
      .map(({ y: _y, ...r }) => r),
  );
}

const outline = (rows: VisibleRow[]) => rows.map((r) => `${'  '.repeat(r.level - 1)}${r.kind}:${r.title}`);

async function focusedTitle(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const a = document.activeElement;
    return a?.getAttribute('role') === 'treeitem' ? (a.querySelector('.row-title')?.textContent ?? null) : null;
  });
}

/** In rename mode (after Enter, Ctrl+Enter…): type the title and commit with Enter. */
async function typeTitle(page: Page, title: string): Promise<void> {
  const input = page.locator('.rename-input');
  await input.waitFor({ state: 'visible' });
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('rename-input'))).toBe(true);
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'detached' });
  await expect.poll(() => focusedTitle(page)).toBe(title);
}

async function key(page: Page, k: string, expectFocus?: string): Promise<void> {
  await page.keyboard.press(k);
  if (expectFocus !== undefined) await expect.poll(() => focusedTitle(page)).toBe(expectFocus);
}

function row(page: Page, title: string) {
  return page.locator('[role=treeitem]').filter({ has: page.locator('.row-title', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
}

async function noAxeViolations(page: Page, screen: string): Promise<void> {
  expect(await axe(page, screen), `violations axe sur « ${screen} »`).toEqual([]);
}

async function dragTo(page: Page, from: string, to: string, part: 'top' | 'middle' | 'bottom', expectClass: RegExp): Promise<void> {
  const a = await row(page, from).boundingBox();
  const b = await row(page, to).boundingBox();
  if (!a || !b) throw new Error('lignes introuvables pour le glisser-déposer');
  const y = part === 'top' ? b.y + b.height * 0.15 : part === 'bottom' ? b.y + b.height * 0.85 : b.y + b.height / 2;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + 12, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, y, { steps: 14 });
  // The tree may scroll under the pointer during the drag (dnd-kit's auto-scroll near its edges): aim again at the
  // target where it now is.
  await expect
    .poll(async () => {
      const c = await row(page, to).boundingBox();
      if (c) await page.mouse.move(c.x + c.width / 2, part === 'top' ? c.y + c.height * 0.15 : part === 'bottom' ? c.y + c.height * 0.85 : c.y + c.height / 2);
      return row(page, to).getAttribute('class');
    })
    .toMatch(expectClass);
  await page.mouse.up();
}

describe('atelier : du formulaire à l’arbre sur disque', () => {
  let h: Harness;
  let page: Page;
  let file: string;
  const contratName = 'Contrat de ville 2024-2030 — Agglo Test';

  beforeAll(async () => {
    h = await startHarness('atelier');
    page = h.page;
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('premier lancement : demande le nom, puis l’écran d’accueil', async () => {
    await page.goto(h.server.url);
    const dialog = page.getByRole('dialog', { name: 'Bienvenue dans Trame' });
    await dialog.waitFor();
    await screenshot(page, '01-nom');
    await noAxeViolations(page, 'dialogue du nom');
    await dialog.getByRole('button', { name: 'Continuer' }).click();
    await expect.poll(() => dialog.locator('.field-error').textContent()).toBe('Votre nom est obligatoire.');
    await page.getByLabel('Votre nom et prénom').fill('Camille Martin');
    await dialog.getByRole('button', { name: 'Continuer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: /Trame — le pilier emploi/ }).waitFor();
    await page.getByText('Aucun fichier ouvert récemment.').waitFor();
    await screenshot(page, '02-accueil');
    await noAxeViolations(page, 'accueil');
  });

  it('nouveau contrat : erreurs en français, QPV, fichier réellement créé', async () => {
    await page.getByRole('button', { name: 'Nouveau contrat' }).click();
    await page.getByRole('heading', { name: 'Nouveau contrat' }).waitFor();
    await noAxeViolations(page, 'formulaire');
    await page.getByLabel('Année de fin').fill('2020');
    await page.getByRole('button', { name: 'Créer le contrat' }).click();
    await page.getByText('Le nom du contrat est obligatoire.').waitFor();
    await page.getByText('L’EPCI est obligatoire.').waitFor();
    await page.getByText('L’année de fin doit suivre l’année de début.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('name');
    await screenshot(page, '03-formulaire-erreurs', true);
    await noAxeViolations(page, 'formulaire avec erreurs');

    await page.getByLabel('Nom du contrat').fill(contratName);
    await page.getByLabel('EPCI').fill('Communauté d’agglomération Test');
    await page.getByLabel('Année de fin').fill('2030');
    await page.getByLabel('Code QPV 1').fill('QN09101M');
    await page.getByLabel('Nom du QPV 1').fill('Les Tarterêts');
    await page.getByLabel('Commune (facultatif)').first().fill('Corbeil-Essonnes');
    await page.getByRole('button', { name: 'Ajouter un QPV' }).click();
    await page.getByLabel('Code QPV 2').fill('QN09102M');
    await page.getByRole('button', { name: 'Créer le contrat' }).click();
    await page.getByText('Le nom du QPV est obligatoire.').waitFor();
    await page.getByRole('button', { name: 'Retirer le QPV 2' }).click();
    await expect.poll(() => page.getByLabel('Code QPV 2').count()).toBe(0);
    file = path.join(h.defaultDir, 'contrat-de-ville-2024-2030-agglo-test.trame');
    expect(await page.getByLabel('Fichier du contrat (.trame)').inputValue()).toBe(file);
    await screenshot(page, '04-formulaire', true);
    await page.getByRole('button', { name: 'Créer le contrat' }).click();

    await page.getByRole('heading', { name: contratName }).waitFor();
    expect(existsSync(file)).toBe(true);
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(`#/contrat?path=${file}`);
    expect(await page.title()).toBe(`${contratName} — ${path.basename(file)} — Trame`); // as the Electron window's
    // The EPCI is in the header's tooltip (the header is one line on a projector).
    await expect.poll(() => page.locator('.doc-name').getAttribute('title')).toContain('\nCommunauté d’agglomération Test · ');
    await page.getByText(/L’arbre est vide/).waitFor();
    await noAxeViolations(page, 'contrat vide');
  });

  it('construit l’arbre à quatre niveaux au clavier seulement', async () => {
    await page.getByRole('tree').focus();
    await key(page, 'Enter');
    await typeTitle(page, 'Insertion des jeunes');
    await key(page, 'Control+Enter');
    await typeTitle(page, 'Accompagner vers l’emploi');
    await key(page, 'Control+Enter');
    await typeTitle(page, 'Cafés emploi');
    await key(page, 'Control+Enter');
    await typeTitle(page, 'Jeunes accompagnés');
    await key(page, 'ArrowUp', 'Cafés emploi');
    await key(page, 'Enter');
    await typeTitle(page, 'Forum alternance');
    await key(page, 'Home', 'Insertion des jeunes');
    await key(page, 'ArrowDown', 'Accompagner vers l’emploi');
    await key(page, 'Enter');
    await typeTitle(page, 'Lever les freins');
    await key(page, 'Enter');
    await typeTitle(page, 'Mobilité');
    // Tab: under the previous sibling, and an objectif one level down becomes an action.
    await key(page, 'Tab', 'Mobilité');
    await expect.poll(async () => (await visibleRows(page)).find((r) => r.title === 'Mobilité')?.kind).toBe('action');
    await key(page, 'Shift+Tab', 'Mobilité');
    await expect.poll(async () => (await visibleRows(page)).find((r) => r.title === 'Mobilité')?.kind).toBe('objectif');
    await key(page, 'Tab', 'Mobilité');
    await expect.poll(async () => (await visibleRows(page)).find((r) => r.title === 'Mobilité')?.level).toBe(3);
    // A refused indent: a polite message, the focus stays.
    await key(page, 'Home', 'Insertion des jeunes');
    await key(page, 'Tab');
    await expect.poll(() => page.locator('.tree-status').textContent()).toMatch(/premier de son niveau/);
    expect(await focusedTitle(page)).toBe('Insertion des jeunes');
    // A second enjeu after the first (Enter = new sibling after the current item).
    await key(page, 'Enter');
    await typeTitle(page, 'Mobiliser les entreprises');
    // Escape on a just-created empty item removes it.
    const before = (await visibleRows(page)).length;
    await key(page, 'Enter');
    await page.locator('.rename-input').waitFor();
    await key(page, 'Escape');
    await expect.poll(async () => (await visibleRows(page)).length).toBe(before);
    // Typing replaces the title; F2 keeps it, Escape cancels.
    await row(page, 'Forum alternance').click();
    await page.keyboard.type('Salon');
    expect(await page.locator('.rename-input').inputValue()).toBe('Salon');
    await page.keyboard.type(' de l’alternance');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedTitle(page)).toBe('Salon de l’alternance');
    await key(page, 'F2');
    expect(await page.locator('.rename-input').inputValue()).toBe('Salon de l’alternance');
    await page.keyboard.type(' 2025');
    await key(page, 'Escape', 'Salon de l’alternance');

    expect(outline(await visibleRows(page))).toEqual([
      'enjeu:Insertion des jeunes',
      '  objectif:Accompagner vers l’emploi',
      '    action:Cafés emploi',
      '      indicateur:Jeunes accompagnés',
      '    action:Salon de l’alternance',
      '  objectif:Lever les freins',
      '    action:Mobilité',
      'enjeu:Mobiliser les entreprises',
    ]);
    const tree = page.getByRole('tree');
    expect(await tree.locator('[role=treeitem][aria-level="4"]').count()).toBe(1);
    expect(await row(page, 'Insertion des jeunes').getAttribute('aria-expanded')).toBe('true');
  });

  it('marque les éléments au clavier (1 à 6, 0 efface)', async () => {
    const tags: [string, string, string][] = [
      ['Insertion des jeunes', '3', 'À repenser'],
      ['Accompagner vers l’emploi', '2', 'À garder'],
      ['Cafés emploi', '1', 'À ajouter'],
      ['Jeunes accompagnés', '4', 'À renouveler'],
      ['Salon de l’alternance', '5', 'À jeter'],
      ['Lever les freins', '1', 'À ajouter'],
      ['Mobilité', '6', 'En veille'],
      ['Mobiliser les entreprises', '1', 'À ajouter'],
    ];
    await row(page, 'Insertion des jeunes').click();
    for (const [title, k, label] of tags) {
      await expect.poll(() => focusedTitle(page)).toBe(title);
      await key(page, k);
      await expect.poll(() => row(page, title).locator('.tag-badge').textContent()).toBe(label);
      await key(page, 'ArrowDown');
    }
    await row(page, 'Mobiliser les entreprises').click();
    await key(page, '0');
    await expect.poll(() => row(page, 'Mobiliser les entreprises').locator('.tag-badge').textContent()).toBe('Non décidé');
    // Each filter's whole name and count (below 1440 px a short name is shown too, hidden from screen readers).
    const counts = await page.locator('.filters button').evaluateAll((bs) =>
      bs.map((b) => `${b.querySelector('.filter-label:not(.filter-short)')?.textContent}${b.querySelector('.filter-count')?.textContent}`),
    );
    expect(counts).toEqual(['Tout8 éléments', 'À ajouter2 éléments', 'À garder, repenser, renouveler3 éléments', 'À jeter, mettre en veille2 éléments', 'Non décidé1 élément']);
    await screenshot(page, '05-arbre');
    await noAxeViolations(page, 'arbre marqué');
  });

  it('filtre par famille : les éléments retenus et leurs ancêtres grisés', async () => {
    const filters = page.getByRole('group', { name: 'Filtrer par décision' });
    await filters.getByRole('button', { name: /^À ajouter/ }).click();
    expect(await filters.getByRole('button', { name: /^À ajouter/ }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await visibleRows(page)).map((r) => `${r.context ? '(' : ''}${r.title}${r.context ? ')' : ''}`)).toEqual([
      '(Insertion des jeunes)',
      '(Accompagner vers l’emploi)',
      'Cafés emploi',
      'Lever les freins',
    ]);
    await screenshot(page, '06-filtre-ajouter');
    await noAxeViolations(page, 'filtre À ajouter');
    await filters.getByRole('button', { name: /^À jeter/ }).click();
    await expect.poll(async () => (await visibleRows(page)).map((r) => `${r.context ? '(' : ''}${r.title}${r.context ? ')' : ''}`)).toEqual([
      '(Insertion des jeunes)',
      '(Accompagner vers l’emploi)',
      'Salon de l’alternance',
      '(Lever les freins)',
      'Mobilité',
    ]);
    await filters.getByRole('button', { name: /^Non décidé/ }).click();
    await expect.poll(async () => (await visibleRows(page)).map((r) => r.title)).toEqual(['Mobiliser les entreprises']);
    await filters.getByRole('button', { name: /^À garder/ }).click();
    await expect.poll(async () => (await visibleRows(page)).map((r) => r.title)).toEqual([
      'Insertion des jeunes',
      'Accompagner vers l’emploi',
      'Cafés emploi',
      'Jeunes accompagnés',
    ]);
    await filters.getByRole('button', { name: /^Tout/ }).click();
    await expect.poll(async () => (await visibleRows(page)).length).toBe(8);
  });

  it('panneau de détails d’un indicateur : valeurs, dates, erreurs en français', async () => {
    await row(page, 'Jeunes accompagnés').click();
    const details = page.getByRole('complementary', { name: 'Détails' });
    await details.getByText('Indicateur de suivi', { exact: true }).first().waitFor();
    await details.getByLabel('Unité').fill('%');
    await details.getByLabel('Valeur de départ').fill('24,7');
    await details.getByLabel('Date de départ').fill('2017');
    await details.getByLabel('Valeur cible').fill('18');
    await details.getByLabel('Échéance').fill('fin 2030');
    await details.getByLabel('Source').click();
    await details.getByText(/Mois inconnu : « fin »/).waitFor();
    expect(await details.getByLabel('Échéance').getAttribute('aria-invalid')).toBe('true');
    await details.getByLabel('Sens du progrès').selectOption('baisse');
    await details.getByLabel('Pourquoi ce choix ?').fill('Suivi annuel demandé par le COPIL');
    await details.getByLabel('Source').click();
    await expect.poll(() => row(page, 'Jeunes accompagnés').locator('.row-note').textContent()).toBe('Suivi annuel demandé par le COPIL');
    await screenshot(page, '07-details-indicateur');
    await noAxeViolations(page, 'détails d’un indicateur');
    await details.getByLabel('Échéance').fill('2030');
    await details.getByLabel('Source').fill('France Travail');
    await details.getByLabel('Valeur du territoire').click();
    await expect.poll(() => details.getByText(/Mois inconnu/).count()).toBe(0);
    await expect.poll(() => page.locator('.btn-history').first().textContent()).toMatch(/Annuler : /);
  });

  it('glisser-déposer : refus visible, puis déplacement sous un autre objectif ; annuler, rétablir', async () => {
    // An action cannot go inside an indicateur: refused with the French reason, nothing moves.
    const rowsBefore = outline(await visibleRows(page));
    await dragTo(page, 'Salon de l’alternance', 'Jeunes accompagnés', 'middle', /drop-refused/);
    await expect.poll(() => page.locator('.tree-status').textContent()).toMatch(/Déplacement impossible : .*indicateur/);
    expect(outline(await visibleRows(page))).toEqual(rowsBefore);

    await dragTo(page, 'Salon de l’alternance', 'Lever les freins', 'middle', /drop-inside/);
    const moved = [
      'enjeu:Insertion des jeunes',
      '  objectif:Accompagner vers l’emploi',
      '    action:Cafés emploi',
      '      indicateur:Jeunes accompagnés',
      '  objectif:Lever les freins',
      '    action:Mobilité',
      '    action:Salon de l’alternance',
      'enjeu:Mobiliser les entreprises',
    ];
    await expect.poll(async () => outline(await visibleRows(page))).toEqual(moved);
    await expect.poll(() => focusedTitle(page)).toBe('Salon de l’alternance');
    expect(await page.locator('.btn-history').first().textContent()).toMatch(/Annuler : Déplacer/);

    await key(page, 'Control+z');
    await expect.poll(async () => outline(await visibleRows(page))).toEqual(rowsBefore);
    await key(page, 'Control+Shift+Z');
    await expect.poll(async () => outline(await visibleRows(page))).toEqual(moved);
    await key(page, 'Control+z');
    await expect.poll(async () => outline(await visibleRows(page))).toEqual(rowsBefore);
    await key(page, 'Control+y');
    await expect.poll(async () => outline(await visibleRows(page))).toEqual(moved);

    // Drop in the upper part of a row = before it, under its parent.
    await dragTo(page, 'Salon de l’alternance', 'Mobilité', 'top', /drop-before/);
    await expect.poll(async () => outline(await visibleRows(page)).slice(4, 7)).toEqual([
      '  objectif:Lever les freins',
      '    action:Salon de l’alternance',
      '    action:Mobilité',
    ]);
    await page.getByRole('button', { name: /^Annuler : Déplacer/ }).click();
    await expect.poll(async () => outline(await visibleRows(page))).toEqual(moved);
  });

  it('supprimer : un message « Élément supprimé — Annuler » qui rétablit', async () => {
    await row(page, 'Mobilité').click();
    await key(page, 'Delete');
    const toast = page.locator('.toast');
    await toast.waitFor();
    expect(await toast.textContent()).toContain('Élément supprimé');
    await expect.poll(async () => (await visibleRows(page)).some((r) => r.title === 'Mobilité')).toBe(false);
    await screenshot(page, '08-suppression');
    await noAxeViolations(page, 'message de suppression');
    await toast.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(async () => (await visibleRows(page)).some((r) => r.title === 'Mobilité')).toBe(true);
    await expect.poll(() => toast.count()).toBe(0);
  });

  it('recharger la page retrouve tout comme on l’a laissé', async () => {
    await row(page, 'Salon de l’alternance').click();
    const before = await visibleRows(page);
    await page.reload();
    await page.getByRole('heading', { name: contratName }).waitFor();
    await expect.poll(async () => await visibleRows(page)).toEqual(before);
    expect(await row(page, 'Salon de l’alternance').getAttribute('aria-selected')).toBe('true');
    // The history comes with its own request after the tree: wait for it.
    await expect.poll(() => page.getByRole('button', { name: /^Annuler : / }).isEnabled()).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  });

  it('le fichier .trame contient vraiment l’arbre (lu par better-sqlite3)', async () => {
    await page.getByRole('button', { name: 'Fermer le contrat' }).click();
    await page.getByRole('heading', { name: 'Fichiers récents' }).waitFor();
    await page.getByRole('button', { name: contratName }).waitFor();
    await released(h);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const nodes = db.prepare(`SELECT id, parent_id, kind, title, tag, (SELECT count(*) FROM node s WHERE s.parent_id IS n.parent_id
        AND (s.order_key < n.order_key OR (s.order_key = n.order_key AND s.id < n.id))) AS position FROM node n`).all() as {
        id: string; parent_id: string | null; kind: string; position: number; title: string; tag: string | null;
      }[];
      const byTitle = new Map(nodes.map((n) => [n.title, n]));
      expect(nodes.length).toBe(8);
      const salon = byTitle.get('Salon de l’alternance')!;
      const freins = byTitle.get('Lever les freins')!;
      expect(salon).toMatchObject({ kind: 'action', tag: 'jeter', parent_id: freins.id, position: 1 });
      expect(freins).toMatchObject({ kind: 'objectif', tag: 'ajouter', parent_id: byTitle.get('Insertion des jeunes')!.id, position: 1 });
      expect(byTitle.get('Mobilité')).toMatchObject({ kind: 'action', tag: 'mettre-en-veille', parent_id: freins.id, position: 0 });
      expect(byTitle.get('Mobiliser les entreprises')).toMatchObject({ kind: 'enjeu', tag: null, parent_id: null, position: 1 });
      const jeunes = byTitle.get('Jeunes accompagnés')!;
      expect(jeunes).toMatchObject({ kind: 'indicateur', tag: 'renouveler', parent_id: byTitle.get('Cafés emploi')!.id });
      const ind = db.prepare('SELECT unit, direction, baseline_value, baseline_date, target_value, target_date, source FROM indicator WHERE node_id = ?').get(jeunes.id);
      expect(ind).toEqual({ unit: '%', direction: 'baisse', baseline_value: 24.7, baseline_date: '2017', target_value: 18, target_date: '2030', source: 'France Travail' });
      const note = db.prepare('SELECT tag_note FROM node WHERE id = ?').get(jeunes.id) as { tag_note: string };
      expect(note.tag_note).toBe('Suivi annuel demandé par le COPIL');
      const contrat = db.prepare('SELECT name, epci, period_start, period_end FROM contrat').get();
      expect(contrat).toEqual({ name: contratName, epci: 'Communauté d’agglomération Test', period_start: 2024, period_end: 2030 });
      expect(db.prepare('SELECT code, name, commune FROM qpv').all()).toEqual([{ code: 'QN09101M', name: 'Les Tarterêts', commune: 'Corbeil-Essonnes' }]);
    } finally {
      db.close();
    }
    // And it opens again from the recent files.
    await page.getByRole('button', { name: contratName }).click();
    await page.getByRole('heading', { name: contratName }).waitFor();
    await expect.poll(async () => (await visibleRows(page)).length).toBe(8);
    expect(pageErrors(page)).toEqual([]);
  });
});
