// triage-key-ms (goal ≤ 50 ms): in Chromium, a 10 000-item contrat under the « Non décidé » filter, from the tag key
// pressed (keydown, measured in the page so the driver's latency is out) to the row redrawn with its new decision and
// the focus still on it (next animation frame). Then ↓ moves on, as in a workshop; the median of 15 decisions.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createHandlers } from '../../core/handlers';
import { startServer } from '../../core/server/http';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';
import { median } from './host';


/** triage-key-ms, and the API calls each tag key makes (triage-key-calls: the goal is the one tree.update). */
export async function benchTriage(dataDir: string, file: string): Promise<{ ms: number; calls: number }> {
  const set = createHandlers({ mode: 'web', appDataDir: path.join(dataDir, 'app-triage'), defaultDir: dataDir, version: 'bench' });
  const { handlers, closeAll } = set;
  await handlers['settings.setUserName']({ name: 'Bench' });
  const server = await startServer({ handlers, staticDir: path.join(__dirname, 'renderer'), onEvent: set.onEvent });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.pageUrl}#/contrat?path=${encodeURIComponent(file)}`);
    await page.locator('[role=treeitem]').first().waitFor({ timeout: 30_000 });
    await page.locator('.filter-undecided').click();
    // Page code as strings: this file is type-checked for Node, without the DOM's types.
    await page.waitForFunction(`document.querySelector('.filter-undecided')?.getAttribute('aria-pressed') === 'true'`);
    await page.waitForFunction(`document.activeElement?.getAttribute('role') === 'treeitem'`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
    await page.evaluate(`window.addEventListener('keydown', (e) => { if (/^[0-6]$/.test(e.key)) window.__t0 = performance.now(); }, true)`);
    const times: number[] = [];
    const calls: number[] = [];
    let channels: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/') && u.pathname !== '/api/events') channels.push(decodeURIComponent(u.pathname.slice(5)));
    });
    for (let k = 0; k < 15; k++) {
      // An undecided item (Espace goes to the next one), then a decision.
      await page.keyboard.press(' ');
      const id = (await page.evaluate(`document.activeElement?.getAttribute('data-id') ?? null`)) as string | null;
      if (!id) throw new Error('triage-key-ms : aucun élément n’a le focus');
      const [key, label] = k % 2 ? ['2', 'À garder'] : ['5', 'À jeter'];
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))');
      channels = [];
      await page.keyboard.press(key);
      times.push(
        (await page.evaluate(`new Promise((resolve) => {
          const check = () => {
            const a = document.activeElement;
            if (a?.getAttribute('data-id') === ${JSON.stringify(id)} && a.querySelector('.tag-badge')?.textContent === ${JSON.stringify(label)}) {
              requestAnimationFrame(() => resolve(performance.now() - window.__t0));
            } else requestAnimationFrame(check);
          };
          check();
        })`)) as number,
      );
      // What the key made the page ask, once its effects have settled (the next frames).
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))');
      calls.push(channels.length);
      await page.keyboard.press('ArrowDown');
    }
    return { ms: median(times), calls: median(calls) };
  } finally {
    await browser.close();
    await server.close();
    closeAll();
  }
}
