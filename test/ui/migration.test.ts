// A contrat written by an older Trame (the golden schema-1 file) opened in the UI: brought up to date after a copy of
// it was kept, and the user is told so once, in French, in a banner they can dismiss by keyboard.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, pageErrors, screenshot, startHarness, type Harness } from './harness';

const GOLDEN = path.resolve(__dirname, '../fixtures/golden-v1.trame');
const hashFor = (file: string) => '#/contrat?' + new URLSearchParams({ path: file }).toString();

describe('un contrat d’une version plus ancienne', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('migration', { userName: 'Camille Martin' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('est mis à jour, une copie est gardée, et le bandeau le dit puis se ferme au clavier', async () => {
    const file = path.join(h.defaultDir, 'ancien.trame');
    copyFileSync(GOLDEN, file);
    const page = h.page;
    for (const [w, hgt] of [[1280, 720], [1024, 768]] as const) {
      await page.setViewportSize({ width: w, height: hgt });
      if (w === 1024) await page.reload();
      else await page.goto(h.server.url + hashFor(file));
      const banner = page.locator('.banner-notice');
      if (w === 1024) {
        // Opened again, the file is up to date: nothing more to say.
        await page.locator('[role=treeitem]').first().waitFor();
        expect(await banner.count()).toBe(0);
        break;
      }
      await banner.waitFor();
      const text = (await banner.textContent()) ?? '';
      expect(text).toMatch(/Fichier mis à jour\./);
      expect(text).toMatch(/version plus ancienne de Trame \(schéma\s1\)/);
      // French spacing: narrow no-break spaces inside the guillemets.
      const copy = /«\s*([^»]+?)\s*»/.exec(text)![1];
      expect(copy.startsWith(path.join(h.appDataDir, 'sauvegardes'))).toBe(true);
      expect(existsSync(copy)).toBe(true);
      expect(readFileSync(copy).equals(readFileSync(GOLDEN))).toBe(true);
      await page.locator('[role=treeitem]').first().waitFor();
      expect(await page.locator('[role=treeitem]').count()).toBeGreaterThan(4);
      await screenshot(page, `migration-bandeau-${w}x${hgt}`);
      expect(await axe(page, 'migration')).toEqual([]);
      const dismiss = banner.getByRole('button', { name: /Compris/ });
      await dismiss.focus();
      await page.keyboard.press('Enter');
      await banner.waitFor({ state: 'detached' });
    }
    expect(pageErrors(page)).toEqual([]);
  });
});
