// File safety in a real Chromium against the real handlers: « Enregistrer sous » (typed path in the browser),
// the USB key pulled out (write failure injected into the store: banner, edits kept in memory, save elsewhere),
// and « Restaurer une sauvegarde » into a new file. Every file is read back from disk with better-sqlite3.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, pageErrors, released, screenshot, startHarness, type Harness } from './harness';
import type { BackupInfo, DocInfo } from '../../core/api/contract';
import {
  backupLabels, backupStamp, copyPathFor, dirName, formatBackupDate, formatItems, formatSize, hasTrameExtension, restorePathFor,
} from '../../renderer/features/files/paths';

const NBSP = '\u00a0';

async function noAxeViolations(page: Page, screen: string): Promise<void> {
  expect(await axe(page, screen), `violations axe sur « ${screen} »`).toEqual([]);
}

function hashFor(file: string): string {
  return '#/contrat?' + new URLSearchParams({ path: file }).toString();
}

function routePath(page: Page): string | null {
  const h = new URL(page.url()).hash.replace(/^#/, '');
  const [p, q = ''] = h.split('?', 2);
  return p === '/contrat' ? new URLSearchParams(q).get('path') : null;
}

function row(page: Page, title: string) {
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('[role=treeitem]').filter({ has: page.locator('.row-title', { hasText: exact }) });
}

async function rowTitles(page: Page): Promise<string[]> {
  return page.$$eval('[role=treeitem]', (els) =>
    els
      .map((el) => ({ y: parseFloat((el as HTMLElement).style.top), t: el.querySelector('.row-title')?.textContent ?? '' }))
      .sort((a, b) => a.y - b.y)
      .map((r) => r.t),
  );
}

/** In rename mode (after Enter, + Enjeu…): type the title and commit with Enter. */
async function typeTitle(page: Page, title: string): Promise<void> {
  const input = page.locator('.rename-input');
  await input.waitFor({ state: 'visible' });
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('rename-input'))).toBe(true);
  await page.keyboard.type(title);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'detached' });
  await row(page, title).waitFor();
}

/** The titles stored in a .trame file, top-level items first, in order (read-only, outside Trame). */
function titlesOnDisk(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT title FROM node ORDER BY parent_id IS NOT NULL, order_key, id').all() as { title: string }[]).map((r) => r.title);
  } finally {
    db.close();
  }
}

const FIELDS = { epci: 'Communauté d’agglomération Test', period: { start: 2024, end: 2030 }, qpv: [] };

async function prepare(h: Harness, stem: string, name: string, titles: string[]): Promise<string> {
  const file = path.join(h.defaultDir, `${stem}.trame`);
  const d = (await h.handlers['contrat.create']({ path: file, contrat: { name, ...FIELDS } })) as DocInfo;
  for (const title of titles) await h.handlers['tree.add']({ docId: d.docId, parentId: null, kind: 'enjeu', title });
  await h.handlers['doc.close']({ docId: d.docId });
  return file;
}

function docIdOf(h: Harness, file: string): string {
  const want = realpathSync(file);
  const d = h.set.openDocs().find((o) => o.path === want || o.path === file);
  if (!d) throw new Error(`contrat non ouvert : ${file}`);
  return d.docId;
}

/** The file of the open contrat, as the header's tooltip gives it (« Fichier : … », its last line). */
const docPath = (page: Page) => page.locator('.doc-header .doc-name').evaluate((el) => /\nFichier : (.*)$/.exec(el.getAttribute('title') ?? '')?.[1] ?? '');

describe('noms de fichiers et dates des sauvegardes, en français', () => {
  it('dates, nombres d’éléments, tailles et chemins proposés', () => {
    expect(formatBackupDate('2026-11-21T22:40:00.000Z', { timeZone: 'Europe/Paris' })).toBe(`samedi 21 novembre 2026 à 23${NBSP}h${NBSP}40`);
    expect(formatBackupDate('2026-03-02T07:05:09.000Z', { timeZone: 'UTC', seconds: true })).toBe(
      `lundi 2 mars 2026 à 7${NBSP}h${NBSP}05${NBSP}min${NBSP}09${NBSP}s`,
    );
    // Seconds only where two backups share the same minute.
    expect(backupLabels(['2026-11-21T22:40:30Z', '2026-11-21T22:40:10Z', '2026-11-21T21:00:00Z'], 'UTC')).toEqual([
      `samedi 21 novembre 2026 à 22${NBSP}h${NBSP}40${NBSP}min${NBSP}30${NBSP}s`,
      `samedi 21 novembre 2026 à 22${NBSP}h${NBSP}40${NBSP}min${NBSP}10${NBSP}s`,
      `samedi 21 novembre 2026 à 21${NBSP}h${NBSP}00`,
    ]);
    expect(formatItems(42)).toBe(`42${NBSP}éléments`);
    expect(formatItems(1)).toBe(`1${NBSP}élément`);
    expect(formatItems(0)).toBe(`0${NBSP}élément`);
    expect(formatItems(null)).toBe('contenu illisible');
    expect(formatSize(48 * 1024)).toBe(`48${NBSP}Ko`);
    expect(formatSize(300)).toBe(`300${NBSP}octets`);
    expect(formatSize(1.25 * 1024 * 1024)).toBe(`1,3${NBSP}Mo`);
    expect(copyPathFor('/media/cle/contrat-evry.trame')).toBe('/media/cle/contrat-evry-copie.trame');
    expect(copyPathFor('C:\\Contrats\\evry.trame')).toBe('C:\\Contrats\\evry-copie.trame');
    expect(dirName('/contrat.trame')).toBe('/');
    const at = new Date(2026, 10, 21, 23, 40, 12).toISOString();
    expect(backupStamp(at)).toBe('2026-11-21-23h40');
    expect(restorePathFor('/home/camille/evry.trame', at)).toBe('/home/camille/evry-restauré-2026-11-21-23h40.trame');
    expect(hasTrameExtension('/a/b.TRAME')).toBe(true);
    expect(hasTrameExtension('/a/.trame')).toBe(false);
    expect(hasTrameExtension('/a/b.json')).toBe(false);
  });
});

describe('enregistrer sous, et la clé USB retirée', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness('securite', { userName: 'Camille Martin' });
    page = h.page;
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('« Enregistrer sous… » : erreurs en français, puis le contrat continue dans le nouveau fichier', async () => {
    const file = await prepare(h, 'plan-emploi', 'Plan emploi Agglo Test', ['Insertion des jeunes']);
    await page.goto(h.server.url + hashFor(file));
    await page.getByRole('heading', { name: 'Plan emploi Agglo Test' }).waitFor();
    await row(page, 'Insertion des jeunes').waitFor();

    await page.locator('.doc-actions').getByRole('button', { name: 'Enregistrer sous…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enregistrer le contrat sous…' });
    await dialog.waitFor();
    const field = dialog.getByLabel('Nouveau fichier (.trame)');
    expect(await field.inputValue()).toBe(path.join(h.defaultDir, 'plan-emploi-copie.trame'));
    // The focus is in the field, the file name selected so that typing replaces it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('save-as-path');
    expect(await page.evaluate(() => {
      const i = document.activeElement as HTMLInputElement;
      return i.value.slice(i.selectionStart ?? 0, i.selectionEnd ?? 0);
    })).toBe('plan-emploi-copie');
    await screenshot(page, '2x-enregistrer-sous');
    await noAxeViolations(page, 'dialogue « Enregistrer sous »');

    const submit = dialog.getByRole('button', { name: 'Enregistrer', exact: true });
    const error = dialog.locator('.field-error');
    // Not a .trame name: refused before any call.
    await field.fill(path.join(h.defaultDir, 'plan-emploi.json'));
    await submit.click();
    await expect.poll(() => error.textContent()).toMatch(/doit se terminer par « \.trame »/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain('save-as-path-error');
    // A file that exists is never replaced.
    const existing = path.join(h.defaultDir, 'deja-la.trame');
    writeFileSync(existing, 'ne pas toucher');
    await field.fill(existing);
    await submit.click();
    await expect.poll(() => error.textContent()).toMatch(/« deja-la\.trame » existe déjà/);
    expect(readFileSync(existing, 'utf8')).toBe('ne pas toucher');
    // A folder that does not exist.
    await field.fill(path.join(h.dir, 'absent', 'plan.trame'));
    await submit.click();
    await expect.poll(() => error.textContent()).toMatch(/Le dossier « .*absent » n'existe pas/);
    // The open file itself.
    await field.fill(file);
    await submit.click();
    await expect.poll(() => error.textContent()).toMatch(/un autre fichier que celui qui est ouvert/);
    await screenshot(page, '2x-enregistrer-sous-erreur');
    await noAxeViolations(page, 'dialogue « Enregistrer sous » avec erreur');
    // Typing again clears the message.
    await field.fill('');
    await expect.poll(() => error.count()).toBe(0);

    const target = path.join(h.dir, 'copies', 'plan-emploi-2.trame');
    mkdirSync(path.dirname(target));
    await field.fill(target);
    await submit.click();
    await dialog.waitFor({ state: 'detached' });
    expect(existsSync(target)).toBe(true);
    await expect.poll(() => docPath(page)).toBe(target);
    expect(routePath(page)).toBe(target);
    await expect.poll(() => page.locator('.tree-status').textContent()).toContain('Contrat enregistré dans');
    // The focus is back in the tree, ready for the next edit.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('treeitem');

    // The next edit goes into the new file.
    await page.keyboard.press('Enter');
    await typeTitle(page, 'Mobiliser les entreprises');
    // A reload reopens the NEW file.
    await page.reload();
    await row(page, 'Mobiliser les entreprises').waitFor();
    await expect.poll(() => docPath(page)).toBe(target);

    await page.getByRole('button', { name: 'Fermer le contrat' }).click();
    await page.getByRole('heading', { name: 'Fichiers récents' }).waitFor();
    await released(h);
    expect(titlesOnDisk(target)).toEqual(['Insertion des jeunes', 'Mobiliser les entreprises']);
    expect(titlesOnDisk(file)).toEqual(['Insertion des jeunes']);
    expect(pageErrors(page)).toEqual([]);
  });

  it('clé USB retirée : bandeau, les modifications continuent en mémoire, « Enregistrer sous » ailleurs', async () => {
    const file = await prepare(h, 'cle-usb', 'Contrat sur clé USB', ['Insertion des jeunes']);
    await page.goto(h.server.url + hashFor(file));
    await row(page, 'Insertion des jeunes').waitFor();
    const docId = docIdOf(h, file);
    h.set.store(docId)!.simulateWriteFailure = true;

    const banner = page.locator('.banner-offline');
    expect(await banner.count()).toBe(0);
    // First edit after the key is gone: a rename.
    await row(page, 'Insertion des jeunes').click();
    await page.keyboard.press('F2');
    await page.locator('.rename-input').fill('Insertion des jeunes et des femmes');
    await page.keyboard.press('Enter');
    await row(page, 'Insertion des jeunes et des femmes').waitFor();
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toMatch(/Contrat non enregistré sur le disque\..*«\scle-usb\.trame\s» ne peut plus être enregistré/);
    expect(((await h.handlers['doc.info']({ docId })) as DocInfo).offline).not.toBeNull();

    // Edits keep working, in memory.
    await page.keyboard.press('Enter');
    await typeTitle(page, 'Ajouté sans clé');
    await expect.poll(() => rowTitles(page)).toEqual(['Insertion des jeunes et des femmes', 'Ajouté sans clé']);
    expect(await banner.isVisible()).toBe(true);
    await screenshot(page, '2x-bandeau-hors-ligne');
    await noAxeViolations(page, 'bandeau « contrat non enregistré »');

    // A reload finds the contrat still in memory, and the banner again (from DocInfo.offline this time).
    await page.reload();
    await expect.poll(() => rowTitles(page)).toEqual(['Insertion des jeunes et des femmes', 'Ajouté sans clé']);
    await banner.waitFor();
    expect(await banner.textContent()).toContain('ne peut plus être enregistré');

    // Closing now would lose them: Trame asks first.
    await page.getByRole('button', { name: 'Fermer le contrat' }).click();
    const confirm = page.getByRole('dialog', { name: 'Fermer sans enregistrer ?' });
    await confirm.waitFor();
    await noAxeViolations(page, 'fermer sans enregistrer');
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(routePath(page)).toBe(file);

    await banner.getByRole('button', { name: 'Enregistrer sous…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enregistrer le contrat sous…' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('« cle-usb.trame » n’est plus accessible');
    await screenshot(page, '2x-enregistrer-sous-hors-ligne');
    await noAxeViolations(page, 'dialogue « Enregistrer sous » hors ligne');
    const target = path.join(h.dir, 'disque-local', 'cle-usb-sauve.trame');
    mkdirSync(path.dirname(target));
    await dialog.getByLabel('Nouveau fichier (.trame)').fill(target);
    await dialog.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => banner.count()).toBe(0);
    await expect.poll(() => docPath(page)).toBe(target);
    expect(routePath(page)).toBe(target);
    expect(((await h.handlers['doc.info']({ docId })) as DocInfo).offline).toBeNull();
    expect(await rowTitles(page)).toEqual(['Insertion des jeunes et des femmes', 'Ajouté sans clé']);

    // Back on a real file: closing needs no confirmation.
    await page.getByRole('button', { name: 'Fermer le contrat' }).click();
    await page.getByRole('heading', { name: 'Fichiers récents' }).waitFor();
    await released(h);
    expect(titlesOnDisk(target)).toEqual(['Insertion des jeunes et des femmes', 'Ajouté sans clé']);
    // The file on the "key" kept its last committed state.
    expect(titlesOnDisk(file)).toEqual(['Insertion des jeunes']);
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('restaurer une sauvegarde dans un nouveau fichier', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness('sauvegardes', { userName: 'Camille Martin', backupIntervalMs: 0 });
    page = h.page;
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('liste datée en français, restauration d’une sauvegarde antérieure dans un nouveau fichier, ouvert à sa place', async () => {
    const file = await prepare(h, 'restauration', 'Contrat à restaurer', []);
    await page.goto(h.server.url + hashFor(file));
    await page.getByText(/L’arbre est vide/).waitFor();
    await page.getByRole('button', { name: 'Élément', exact: true }).click();
    await page.getByRole('button', { name: '+ Enjeu' }).click();
    await typeTitle(page, 'Premier enjeu');
    await h.set.settle();
    await page.getByRole('button', { name: 'Élément', exact: true }).click();
    await page.getByRole('button', { name: '+ Enjeu' }).click();
    await typeTitle(page, 'Deuxième enjeu');
    await h.set.settle();

    const docId = docIdOf(h, file);
    const backups = (await h.handlers['backup.list']({ docId })) as BackupInfo[];
    expect(backups.length).toBeGreaterThanOrEqual(3);
    // The newest backup that holds only the first enjeu: older than the second edit.
    const older = backups.find((b) => b.items === 1)!;
    expect(older).toBeDefined();

    const menu = page.getByRole('button', { name: 'Fichier' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Exporter (JSON)' }).waitFor();
    await screenshot(page, '2x-menu-fichier');
    await noAxeViolations(page, 'menu « Fichier » ouvert');
    // Escape closes it and leaves the focus on its button.
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('button', { name: 'Restaurer une sauvegarde…' }).count()).toBe(0);
    await menu.click();
    await page.getByRole('button', { name: 'Restaurer une sauvegarde…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restaurer une sauvegarde' });
    await dialog.waitFor();
    const radios = dialog.getByRole('radio');
    await expect.poll(() => radios.count()).toBe(backups.length);
    // Newest first, as the handler lists them; the newest is chosen and focused.
    expect(await radios.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(backups.map((b) => b.id));
    expect(await radios.first().isChecked()).toBe(true);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    const items = dialog.locator('.backup-item');
    const first = (await items.first().textContent()) ?? '';
    expect(first).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} [a-zéû]+ \d{4} à \d{1,2}\sh\s\d{2}/);
    expect(first).toContain('(la plus récente)');
    expect(first).toMatch(/2\séléments/);
    expect(first).toMatch(/\d+\s(Ko|octets)/);
    expect(await dialog.getByRole('radiogroup').getAttribute('aria-labelledby')).toBeTruthy();
    expect(await dialog.getByRole('radiogroup', { name: `${backups.length} sauvegardes, de la plus récente à la plus ancienne` }).count()).toBe(1);

    const chosen = dialog.locator(`input[type=radio][value="${older.id}"]`);
    await chosen.check();
    const field = dialog.getByLabel('Restaurer dans le fichier (.trame)');
    const proposed = await field.inputValue();
    expect(path.dirname(proposed)).toBe(h.defaultDir);
    expect(path.basename(proposed)).toMatch(/^restauration-restauré-\d{4}-\d{2}-\d{2}-\d{2}h\d{2}\.trame$/);
    expect(path.basename(proposed)).toBe(`restauration-restauré-${backupStamp(older.at)}.trame`);
    expect(await chosen.evaluate((e) => e.closest('label')!.textContent)).toMatch(/1\sélément(?!s)/);
    await screenshot(page, '2x-sauvegardes');
    await noAxeViolations(page, 'dialogue des sauvegardes');

    // Never over the open file: the handler's French message, in the dialog.
    const before = readFileSync(file);
    await field.fill(file);
    await dialog.getByRole('button', { name: 'Restaurer dans un nouveau fichier' }).click();
    await expect.poll(() => dialog.locator('.field-error').textContent()).toMatch(/jamais à la place du contrat ouvert/);
    expect(readFileSync(file).equals(before)).toBe(true);
    await noAxeViolations(page, 'dialogue des sauvegardes avec erreur');

    await field.fill(proposed);
    await dialog.getByRole('button', { name: 'Restaurer dans un nouveau fichier' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => docPath(page)).toBe(proposed);
    expect(routePath(page)).toBe(proposed);
    await expect.poll(() => rowTitles(page)).toEqual(['Premier enjeu']);
    // The restored file is open in place of the other one, which is released.
    await expect.poll(() => h.set.openDocs().map((d) => d.path)).toEqual([realpathSync(proposed)]);

    await page.getByRole('button', { name: 'Fermer le contrat' }).click();
    await page.getByRole('heading', { name: 'Fichiers récents' }).waitFor();
    await released(h);
    expect(titlesOnDisk(proposed)).toEqual(['Premier enjeu']);
    expect(titlesOnDisk(file)).toEqual(['Premier enjeu', 'Deuxième enjeu']);
    expect(pageErrors(page)).toEqual([]);
  });

  it('aucune sauvegarde : une phrase dit quand Trame en fait', async () => {
    const file = await prepare(h, 'sans-sauvegarde', 'Contrat sans sauvegarde', ['Un enjeu']);
    await page.route('**/api/backup.list', (route) => route.fulfill({ json: { ok: true, value: [] } }));
    await page.goto(h.server.url + hashFor(file));
    await row(page, 'Un enjeu').waitFor();
    await page.getByRole('button', { name: 'Fichier' }).click();
    await page.getByRole('button', { name: 'Restaurer une sauvegarde…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restaurer une sauvegarde' });
    await dialog.getByText(/Aucune sauvegarde de ce contrat pour l’instant\./).waitFor();
    expect(await dialog.textContent()).toContain('à chaque ouverture, puis toutes les heures tant qu’il est modifié');
    await screenshot(page, '2x-sauvegardes-vide');
    await noAxeViolations(page, 'dialogue des sauvegardes vide');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The focus goes back to the menu button that led there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Fichier');
    await page.unrouteAll();
    await page.getByRole('button', { name: 'Fermer le contrat' }).click();
    await page.getByRole('heading', { name: 'Fichiers récents' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  });
});
