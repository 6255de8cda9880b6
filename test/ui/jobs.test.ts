// JSON export and import run as background jobs: the page shows a progress bar (role="progressbar", French label)
// with « Annuler », follows the job by pushed events (server-sent events here) and, when they do not come, by asking
// its status; the result is a real file on disk (export) or the new contrat opened (import); a cancelled export
// leaves no file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { axe, importDocument, pageErrors, screenshot, startHarness, type Harness } from './harness';
import { bigDocument } from './documents';

const hashFor = (file: string) => '#/contrat?' + new URLSearchParams({ path: file }).toString();

interface Node { children?: Node[] }
const countItems = (nodes: Node[]): number => nodes.reduce((k, n) => k + 1 + countItems(n.children ?? []), 0);

/** Holds the page's job.start request until `release()`: the job has not started, the bar is up. */
async function holdJobStart(page: Page): Promise<{ held: Promise<void>; release: () => Promise<void> }> {
  let route: Route | null = null;
  let markHeld!: () => void;
  const held = new Promise<void>((r) => (markHeld = r));
  await page.route('**/api/job.start', (r) => {
    route = r;
    markHeld();
  });
  return {
    held,
    release: async () => {
      await route!.continue();
      await page.unroute('**/api/job.start');
    },
  };
}

describe('tâches de fond : export et import JSON avec barre de progression', () => {
  let h: Harness;
  let page: Page;
  let file: string;

  beforeAll(async () => {
    h = await startHarness('taches', { userName: 'Dominique Leroy' });
    page = h.page;
    file = path.join(h.defaultDir, 'grand.trame');
    await importDocument(h, file, bigDocument());
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('export : la barre de progression, puis « Annuler » : aucun fichier écrit', async () => {
    await page.goto(h.server.url + hashFor(file));
    await page.locator('[role=treeitem]').first().waitFor();
    await page.getByRole('button', { name: 'Fichier' }).click();
    await page.getByRole('button', { name: 'Exporter (JSON)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Exporter le contrat (JSON)' });
    const field = dialog.getByLabel('Fichier JSON à écrire');
    expect(await field.inputValue()).toBe(path.join(h.defaultDir, 'grand-contrat.json'));
    // A path that is not a .json file: a French message, nothing started.
    await field.fill(path.join(h.defaultDir, 'grand.trame'));
    await dialog.getByRole('button', { name: 'Exporter', exact: true }).click();
    await expect.poll(() => dialog.locator('.field-error').textContent()).toMatch(/doit se terminer par « \.json »/);
    const target = path.join(h.defaultDir, 'annule.json');
    await field.fill(target);

    const hold = await holdJobStart(page);
    await dialog.getByRole('button', { name: 'Exporter', exact: true }).click();
    await hold.held;
    const bar = dialog.getByRole('progressbar', { name: 'Export JSON du contrat' });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuetext')).toBe('Démarrage…');
    // The keyboard is on « Annuler ».
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Annuler');
    await screenshot(page, '30-export-en-cours');
    expect(await axe(page, 'export en cours')).toEqual([]);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await hold.release();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.doc-status').textContent()).toBe('Export annulé : aucun fichier n’a été écrit.');
    await h.set.settle();
    expect(existsSync(target)).toBe(false);
    expect(pageErrors(page)).toEqual([]);
  });

  it('export sans événements poussés : la page demande l’état, montre l’avancement chiffré, et le fichier est écrit', async () => {
    // No server-sent events reach the page: it must follow the job by asking job.status.
    // (An empty stream: the page's EventSource is connected but hears nothing.)
    // A fresh page load, so that no events connection opened earlier (before the route) stays connected.
    await page.goto('about:blank');
    await page.route('**/api/events*', (r) => r.fulfill({ status: 200, contentType: 'text/event-stream', body: ': rien\n\n' }));
    // While `fake` is set, job.status answers « halfway », so the bar shows a value that stays.
    let fake = true;
    await page.route('**/api/job.status', async (r) => {
      const res = await r.fetch();
      const body = await res.json();
      if (fake && body.ok) body.value = { ...body.value, state: 'running', progress: { done: 5055, total: 10110, label: 'Mise au format d’échange' } };
      await r.fulfill({ response: res, json: body });
    });
    await page.goto(h.server.url + hashFor(file));
    await page.locator('[role=treeitem]').first().waitFor();
    await page.getByRole('button', { name: 'Fichier' }).click();
    await page.getByRole('button', { name: 'Exporter (JSON)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Exporter le contrat (JSON)' });
    const target = path.join(h.defaultDir, 'export.json');
    await dialog.getByLabel('Fichier JSON à écrire').fill(target);
    await dialog.getByRole('button', { name: 'Exporter', exact: true }).click();
    const bar = dialog.getByRole('progressbar', { name: 'Export JSON du contrat' });
    await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe('50');
    expect(await bar.getAttribute('aria-valuetext')).toBe('50 %, Mise au format d’échange');
    expect(await dialog.locator('.job-label').textContent()).toBe('Mise au format d’échange — 50\u00a0%');
    await screenshot(page, '31-export-progression');
    fake = false;
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.doc-status').textContent()).toBe(`Export JSON enregistré dans « ${target} ».`);
    const written = JSON.parse(readFileSync(target, 'utf8')) as { format: string; contrat: { name: string }; tree: Node[] };
    expect(written.format).toBe('trame');
    expect(written.contrat.name).toBe('Grand contrat');
    expect(countItems(written.tree)).toBe(10_110);
    await page.unrouteAll();
    expect(pageErrors(page)).toEqual([]);
  });

  it('import d’un fichier JSON depuis l’accueil : progression poussée par le serveur, puis le contrat s’ouvre', async () => {
    await page.goto(h.server.url);
    await page.getByRole('button', { name: 'Importer un fichier JSON' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer un contrat (JSON)' });
    // Not JSON: refused in French, nothing sent.
    await dialog.getByLabel('Fichier JSON à importer').setInputFiles({ name: 'pas-du-json.json', mimeType: 'application/json', buffer: Buffer.from('{ pas du json') });
    await expect.poll(() => dialog.locator('#import-file-error').textContent()).toMatch(/n’est pas un fichier JSON lisible/);
    // Listen to the same events the page gets, to check that the job's progress is pushed.
    await page.evaluate(() => {
      const w = window as unknown as { __events: unknown[] };
      w.__events = [];
      new EventSource('/api/events').onmessage = (m) => w.__events.push(JSON.parse(m.data));
    });
    const json = Buffer.from(JSON.stringify(bigDocument()));
    await dialog.getByLabel('Fichier JSON à importer').setInputFiles({ name: 'Contrat importé.json', mimeType: 'application/json', buffer: json });
    const target = dialog.getByLabel('Nouveau fichier (.trame)');
    await expect.poll(() => target.inputValue()).toBe(path.join(h.defaultDir, 'contrat-importe.trame'));
    await expect.poll(() => dialog.locator('#import-file-error').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { name: 'Grand contrat' }).waitFor();
    await page.locator('[role=treeitem]').first().waitFor();
    expect(new URL(page.url()).hash).toContain(encodeURIComponent(path.join(h.defaultDir, 'contrat-importe.trame')).replace(/%20/g, '+'));
    expect(existsSync(path.join(h.defaultDir, 'contrat-importe.trame'))).toBe(true);
    const events = (await page.evaluate(() => (window as unknown as { __events: { kind: string; job: { type: string; state: string } }[] }).__events));
    expect(events.some((e) => e.kind === 'job' && e.job.type === 'format.import' && e.job.state === 'done')).toBe(true);
    expect(pageErrors(page)).toEqual([]);
  });
});
