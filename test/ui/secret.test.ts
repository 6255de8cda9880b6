// Issue 7, item 2, in the real page: the address printed by the harness carries the secret of the launch (`?cle=…`);
// the page reads it once, removes it from the address bar (not bookmarked, not shown on a projector), keeps it for
// the tab (a reload still works) and sends it on every call and on the event stream. A page opened without it shows
// the French refusal and gets nothing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { ACCESS_DENIED_MESSAGE } from '../../core/server/http';
import { released, startHarness, type Harness } from './harness';

describe('harnais HTTP : la clé de la session', () => {
  let h: Harness;
  let bare: BrowserContext;
  let exported: unknown;
  const file = () => path.join(h.defaultDir, 'cle.trame');

  beforeAll(async () => {
    h = await startHarness('cle', { userName: 'Camille Martin' });
    const d = (await h.handlers['contrat.createDemo']({ path: file() })) as { docId: string };
    exported = await h.handlers['format.export']({ docId: d.docId });
    await h.handlers['doc.close']({ docId: d.docId });
    // A context without the harness's help: only what the address gives.
    bare = await h.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
  });
  afterAll(async () => {
    await bare?.close().catch(() => undefined);
    await h?.stop();
  });

  it('l’adresse imprimée ouvre Trame, la clé quitte la barre d’adresse, un rechargement garde l’accès', async () => {
    const page = await bare.newPage();
    const calls: { url: string; secret: string | undefined }[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) calls.push({ url: r.url(), secret: r.headers()['x-trame-secret'] });
    });
    await page.goto(h.server.pageUrl + '#/');
    await page.getByRole('heading', { name: 'Fichiers récents' }).waitFor();
    expect(page.url()).not.toContain(h.server.secret);
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe('#/');
    // A job (an import from the start screen) makes the page open its event stream.
    await page.getByRole('button', { name: 'Importer un fichier JSON' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importer un contrat (JSON)' });
    await dialog.getByLabel('Fichier JSON à importer').setInputFiles({ name: 'Copie.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
    await expect.poll(() => dialog.getByLabel('Nouveau fichier (.trame)').inputValue()).toBe(path.join(h.defaultDir, 'copie.trame'));
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.locator('[role=treeitem]').first().waitFor();
    expect(calls.some((c) => new URL(c.url).pathname === '/api/events')).toBe(true);
    expect(new URL(page.url()).search).toBe('');
    // Every call, the event stream included, sends the secret in its header, never in the address.
    for (const c of calls) {
      expect(c.secret, c.url).toBe(h.server.secret);
      expect(c.url).not.toContain(h.server.secret);
    }
    // A reload (the address no longer holds the key) reopens the same contrat: the tab kept the key.
    await page.reload();
    await page.locator('[role=treeitem]').first().waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'Accès refusé' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Fermer le contrat' }).click();
    await page.getByRole('heading', { name: 'Fichiers récents' }).waitFor();
    await page.close();
    await released(h);
  });

  it('sans la clé : le refus en français, et ni fichier récent ni contrat', async () => {
    const page = await bare.newPage();
    const answers: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) answers.push(r.status());
    });
    await page.goto(h.server.url + '#/');
    const alert = page.getByRole('alert').filter({ hasText: 'Accès refusé' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe(ACCESS_DENIED_MESSAGE);
    expect(await page.content()).not.toContain('cle.trame');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((s) => s === 403)).toBe(true);
    await page.close();
  });
});
