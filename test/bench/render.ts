// The renderer's figures for `npm run bench`, on a 10 000-item contrat:
// - render-10k-ms: the real renderer in Chromium against the HTTP harness. The renderer marks `trame:tree-data` when
//   tree.get answered and measures `trame:tree-render` once the rows are painted (next animation frame after commit);
// - tree-end-key-10k-ms: End pressed on the first row until the last item has the focus;
// - filter-10k-ms: a click on « À jeter… » until the filtered rows are shown;
// - rows-10k-ms: the pure row computation (filter and folding) over 10 000 items, in Node.
// These timings were assertions inside `npm test` before; they live here so that a slow machine fails no test.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createHandlers } from '../../core/handlers';
import { startServer } from '../../core/server/http';
import type { TreeNode } from '../../core/api/contract';
import { computeRows } from '../../renderer/features/tree/rows';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';
import { median } from './host';

export interface RenderFigures {
  renderMs: number;
  heapMb: number;
  endKeyMs: number;
  filterMs: number;
}


export async function benchRender(dataDir: string, file: string, runs = 5): Promise<RenderFigures> {
  const set = createHandlers({ mode: 'web', appDataDir: dataDir, defaultDir: dataDir, version: 'bench' });
  const { handlers, closeAll } = set;
  await handlers['settings.setUserName']({ name: 'Bench' });
  const server = await startServer({ handlers, staticDir: path.join(__dirname, 'renderer'), onEvent: set.onEvent });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const times: number[] = [];
    const ends: number[] = [];
    const filters: number[] = [];
    let heapMb = 0;
    for (let k = 0; k < runs; k++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${server.pageUrl}#/contrat?path=${encodeURIComponent(file)}`);
      await page.waitForFunction(() => performance.getEntriesByName('trame:tree-render').length > 0, undefined, { timeout: 30_000 });
      times.push(await page.evaluate(() => performance.getEntriesByName('trame:tree-render')[0].duration));
      const cdp = await page.context().newCDPSession(page);
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      heapMb = heap.usedSize / 1024 / 1024;

      // End: from the key press to the focus on the last row (measured in the page, so the driver's latency is out).
      await page.locator('[role=treeitem]').first().click();
      await page.evaluate(() => {
        (window as unknown as { __t0: number }).__t0 = performance.now();
      });
      await page.keyboard.press('End');
      await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'treeitem' && document.activeElement.matches('[aria-selected=true]') && document.activeElement.parentElement?.lastElementChild === document.activeElement, undefined, { timeout: 30_000 });
      ends.push(await page.evaluate(() => performance.now() - (window as unknown as { __t0: number }).__t0));

      // « À jeter… »: from the click to the button pressed and the rows drawn again (next frame).
      const t = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const button = [...document.querySelectorAll<HTMLButtonElement>('.filters button')].find((b) => b.textContent?.startsWith('À jeter'))!;
            const t0 = performance.now();
            button.click();
            const check = () => {
              if (button.getAttribute('aria-pressed') === 'true' && document.querySelector('.tree-row.is-context, .tree-row:not(.is-context)')) {
                requestAnimationFrame(() => resolve(performance.now() - t0));
              } else requestAnimationFrame(check);
            };
            check();
          }),
      );
      filters.push(t);
      await page.close();
    }
    return { renderMs: median(times), heapMb, endKeyMs: median(ends), filterMs: median(filters) };
  } finally {
    await browser.close();
    await server.close();
    closeAll();
  }
}

/** rows-10k-ms: computeRows over 10 000 items, unfiltered and filtered alternately; the median of 21 runs. */
export function benchRows(): number {
  const nodes: TreeNode[] = [];
  for (let i = 0; i < 10_000; i++) {
    nodes.push({ id: `n${i}`, parentId: null, kind: 'enjeu', depth: 0, index: i, title: `n${i}`, description: null, tag: i % 3 ? null : 'ajouter', tagNote: null, childCount: 0, indicator: null });
  }
  const times: number[] = [];
  for (let k = 0; k < 21; k++) {
    const t0 = performance.now();
    computeRows(nodes, k % 2 ? 'ajouter' : 'all', new Set());
    times.push(performance.now() - t0);
  }
  return median(times);
}
