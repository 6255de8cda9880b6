// The COPIL's figures for `npm run bench` (group « copil »), in Chromium against the HTTP harness:
// - dashboard-300-ms (goal ≤ 500 ms): 300 indicators × 20 measurements; from the click on « Tableau de bord COPIL »
//   to every card in view drawn with its chart (measured inside the page);
// - dashboard-100k-ms (goal ≤ 500 ms): the same 300 indicators in a contrat of 100 000 items;
// - review-next-ms (goal ≤ 100 ms): Page suivante in the workshop's review until both the facilitator's page and the
//   audience view (a second page of the same browser: comparable clocks) show the next item, painted.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { DocInfo, TreeNode } from '../../core/api/contract';
import type { TreeNodeDoc } from '../../core/domain/format-types';
import { createFromDocument } from '../../core/features/files/import';
import { createHandlers } from '../../core/handlers';
import { startServer } from '../../core/server/http';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';
import { median } from './host';
import { indicatorsDocument } from './indicators';
import { openWorkshopPages } from './workshop';

type Print = (name: string, value: number, unit: string) => void;

/** The 300-indicator contrat, with `fill` actions spread over its 30 objectifs (100 000 items: 99 660). */
function dashboardFile(dir: string, name: string, fill: number): string {
  const doc = indicatorsDocument();
  let k = 0;
  for (const e of doc.tree) {
    for (const o of e.children ?? []) {
      const share = Math.floor(fill / 30) + (k < fill % 30 ? 1 : 0);
      const actions: TreeNodeDoc[] = [];
      for (let a = 0; a < share; a++) actions.push({ id: `a${k}-${a}`, kind: 'action', title: `Action ${a + 1} de l’objectif ${o.title}` });
      o.children = [...(o.children ?? []), ...actions];
      k++;
    }
  }
  const file = path.join(dir, name);
  createFromDocument(file, doc);
  return file;
}

async function timeDashboard(browser: Browser, pageUrl: string, file: string, rounds: number): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${pageUrl}#/contrat?path=${encodeURIComponent(file)}`);
    await page.locator('[role=treeitem]').first().waitFor({ timeout: 120_000 });
    const t = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const link = [...document.querySelectorAll<HTMLAnchorElement>('nav a')].find((a) => a.title.startsWith('Tableau de bord COPIL'));
          if (!link) return reject(new Error('lien « Tableau de bord COPIL » introuvable'));
          const t0 = performance.now();
          link.click();
          const check = () => {
            if (performance.now() - t0 > 60_000) return reject(new Error('tableau de bord non dessiné en 60 s'));
            const summary = document.querySelector('.status-summary')?.textContent ?? '';
            const inView = [...document.querySelectorAll('.dash-indicator')].filter((p) => {
              const r = p.getBoundingClientRect();
              return r.bottom > 0 && r.top < window.innerHeight;
            });
            if (/^300\s/.test(summary) && inView.length > 0 && inView.every((p) => p.querySelector('circle.dot-qpv'))) {
              requestAnimationFrame(() => resolve(performance.now() - t0));
            } else requestAnimationFrame(check);
          };
          check();
        }),
    );
    times.push(t);
    await page.close();
  }
  return median(times);
}

export async function benchDashboards(dir: string, staticDir: string, print: Print): Promise<void> {
  const f300 = dashboardFile(dir, 'copil-300.trame', 0);
  const f100k = dashboardFile(dir, 'copil-100k.trame', 100_000 - 340);
  const set = createHandlers({ mode: 'web', appDataDir: dir, defaultDir: dir, version: 'bench' });
  await set.handlers['settings.setUserName']({ name: 'Bench' });
  const server = await startServer({ handlers: set.handlers, staticDir, onEvent: set.onEvent });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    print('dashboard-300-ms', await timeDashboard(browser, server.pageUrl, f300, 5), 'ms');
    print('dashboard-100k-ms', await timeDashboard(browser, server.pageUrl, f100k, 3), 'ms');
  } finally {
    await browser.close();
    await server.close();
    set.closeAll();
  }
}

/** review-next-ms: the median of `rounds` Page suivante through the demo contrat's tree. */
export async function benchReviewNext(dataDir: string, staticDir: string, rounds = 15): Promise<number> {
  const { facilitator, audience, nodes, close } = await openWorkshopPages(dataDir, 'revue', staticDir, 0, (page) =>
    page.getByLabel('Passer en revue').selectOption('tout').then(() => undefined),
  );
  try {
    const shows = (want: string) =>
      new Promise<number>((resolve) => {
        const done = () => requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
        const el = () => document.querySelector('#atelier-element, #salle-titre');
        const check = () => (el()?.textContent ?? '').includes(want);
        if (check()) return done();
        const mo = new MutationObserver(() => {
          if (!check()) return;
          mo.disconnect();
          done();
        });
        mo.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    const times: number[] = [];
    for (let k = 0; k < rounds; k++) {
      const next = nodes[k + 1].title;
      const seenHere = facilitator.evaluate(shows, next);
      const seenThere = audience.evaluate(shows, next);
      await facilitator.locator('#atelier-element').focus();
      await facilitator.keyboard.press('PageDown');
      const [t1, t2] = await Promise.all([seenHere, seenThere]);
      const t0 = await facilitator.evaluate(() => (window as unknown as { __t0: number }).__t0);
      times.push(Math.max(t1, t2) - t0);
    }
    return median(times);
  } finally {
    await close();
  }
}

/** Every figure of this file, printed by bench.ts. */
export async function benchCopil(dir: string, staticDir: string, print: Print): Promise<void> {
  print('review-next-ms', await benchReviewNext(dir, staticDir), 'ms');
  await benchDashboards(dir, staticDir, print);
}
