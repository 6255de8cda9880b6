// audience-follow-ms (goal ≤ 100 ms), for `npm run bench`: in Chromium, from a tag key pressed on the facilitator's
// « Atelier » page to the audience view (a second page) showing the new tag, painted (next animation frame). Both
// pages run in one browser, so their performance clocks (timeOrigin + now) are comparable. The path measured is the
// real one: tree.update over HTTP, the doc-changed event over the event stream, workshop.item, React's render.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { DocInfo, TreeNode } from '../../core/api/contract';
import { createHandlers } from '../../core/handlers';
import { startServer } from '../../core/server/http';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';
import { median } from './host';


/** A running workshop on the demo contrat, projected: the facilitator's page and the audience view. */
export interface WorkshopPages {
  facilitator: Page;
  audience: Page;
  /** The demo contrat's items, in tree order. */
  nodes: TreeNode[];
  close(): Promise<void>;
}

/**
 * Starts a workshop on a new demo contrat (in `dataDir`/`name`) showing item `shownAt`, opens the facilitator's page
 * (`onFacilitator` runs on it before the item is awaited) and the audience view in one browser (comparable clocks),
 * and records on the facilitator's page the time of each key pressed (`window.__t0`).
 */
export async function openWorkshopPages(
  dataDir: string, name: string, staticDir: string, shownAt: number, onFacilitator?: (page: Page) => Promise<void>,
): Promise<WorkshopPages> {
  const appDir = path.join(dataDir, name);
  mkdirSync(appDir, { recursive: true });
  const set = createHandlers({ mode: 'web', appDataDir: appDir, defaultDir: appDir, version: 'bench' });
  const { handlers, closeAll } = set;
  const close: (() => Promise<void> | void)[] = [closeAll];
  const closeAllOf = async () => {
    for (const c of close.reverse()) await c();
  };
  try {
    await handlers['settings.setUserName']({ name: 'Bench' });
    const file = path.join(appDir, `${name}.trame`);
    const doc = (await handlers['contrat.createDemo']({ path: file })) as DocInfo;
    const { nodes } = (await handlers['tree.get']({ docId: doc.docId })) as { nodes: TreeNode[] };
    await handlers['workshop.start']({ docId: doc.docId, title: 'Bench', attendees: [] });
    await handlers['workshop.show']({ docId: doc.docId, itemId: nodes[shownAt].id, review: null });
    const server = await startServer({ handlers, staticDir, onEvent: set.onEvent });
    close.push(() => server.close());
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    close.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, extraHTTPHeaders: { 'X-Trame-Secret': server.secret } });
    const facilitator = await context.newPage();
    await facilitator.goto(`${server.pageUrl}#/contrat?path=${encodeURIComponent(file)}&vue=atelier`);
    if (onFacilitator) await onFacilitator(facilitator);
    await facilitator.locator('#atelier-element').waitFor();
    const audience = await context.newPage();
    await audience.goto(`${server.pageUrl}#/salle?path=${encodeURIComponent(file)}`);
    await audience.locator('#salle-titre').waitFor();
    await facilitator.bringToFront();
    await facilitator.evaluate(() => {
      window.addEventListener('keydown', () => ((window as unknown as { __t0: number }).__t0 = performance.timeOrigin + performance.now()), { capture: true });
    });
    return { facilitator, audience, nodes, close: closeAllOf };
  } catch (err) {
    await closeAllOf();
    throw err;
  }
}

export async function benchAudienceFollow(dataDir: string, rounds = 15): Promise<number> {
  const { facilitator, audience, close } = await openWorkshopPages(dataDir, 'atelier', path.join(__dirname, 'renderer'), 1);
  try {
    const times: number[] = [];
    for (let k = 0; k < rounds; k++) {
      const [key, tag] = k % 2 === 0 ? ['5', 'jeter'] : ['2', 'garder'];
      const seen = audience.evaluate(
        (want) =>
          new Promise<number>((resolve) => {
            const done = () => requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
            const check = () => document.querySelector('.audience-tag')?.getAttribute('data-tag') === want;
            if (check()) return done();
            const mo = new MutationObserver(() => {
              if (!check()) return;
              mo.disconnect();
              done();
            });
            mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          }),
        tag,
      );
      await facilitator.locator('#atelier-element').focus();
      await facilitator.keyboard.press(key);
      const t1 = await seen;
      const t0 = await facilitator.evaluate(() => (window as unknown as { __t0: number }).__t0);
      times.push(t1 - t0);
    }
    return median(times);
  } finally {
    await close();
  }
}
