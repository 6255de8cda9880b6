// render-10k-ms: the real renderer in Chromium against the HTTP harness, on a 10 000-item contrat.
// The renderer marks `trame:tree-data` when tree.get answered and measures `trame:tree-render` once the rows
// are painted (next animation frame after React committed).
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createHandlers } from '../../core/handlers';
import { startServer } from '../../core/server/http';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';

export async function benchRender(dataDir: string, file: string): Promise<{ renderMs: number; heapMb: number }> {
  const { handlers, closeAll } = createHandlers({ mode: 'web', appDataDir: dataDir, defaultDir: dataDir, version: 'bench' });
  await handlers['settings.setUserName']({ name: 'Bench' });
  const server = await startServer({ handlers, staticDir: path.join(__dirname, 'renderer') });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const times: number[] = [];
    let heapMb = 0;
    for (let k = 0; k < 5; k++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${server.url}#/contrat?path=${encodeURIComponent(file)}`);
      await page.waitForFunction(() => performance.getEntriesByName('trame:tree-render').length > 0, undefined, { timeout: 30_000 });
      times.push(await page.evaluate(() => performance.getEntriesByName('trame:tree-render')[0].duration));
      const cdp = await page.context().newCDPSession(page);
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      heapMb = heap.usedSize / 1024 / 1024;
      await page.close();
    }
    times.sort((a, b) => a - b);
    return { renderMs: times[Math.floor(times.length / 2)], heapMb };
  } finally {
    await browser.close();
    await server.close();
    closeAll();
  }
}
