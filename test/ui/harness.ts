// Shared set-up for the UI tests: a temp data dir, the real handlers behind the HTTP harness, the built renderer,
// and a real Chromium driven by playwright-core.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { createHandlers, type HandlerSet } from '../../core/handlers';
import type { DocInfo } from '../../core/api/contract';
import type { Handlers } from '../../core/api/dispatch';
import { startServer, type RunningServer } from '../../core/server/http';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';

export const STATIC_DIR = path.resolve(__dirname, '../../dist/renderer');
/** Where renderer/api.ts keeps the harness's secret for the tab (sessionStorage). */
export const HARNESS_SECRET_KEY = 'trame.cle';
export const SCREENS_DIR = path.resolve(__dirname, '../../test-results/screens');

export interface Harness {
  dir: string;
  appDataDir: string;
  defaultDir: string;
  /** The running harness. Its pages carry this launch's secret already (see startHarness), so that
   * `page.goto(h.server.url + '#/…')` opens a page that may call the API; `server.pageUrl` is the printed address. */
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The handler table behind the server, to prepare files without clicking. */
  handlers: Handlers;
  /** The whole handler set (open documents, stores for fault injection, settle for backups). */
  set: HandlerSet;
  closeAll(): void;
  stop(): Promise<void>;
}

export function assertPrerequisites(): void {
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error(`Le renderer n'est pas construit (${STATIC_DIR}/index.html absent) : lancez « npx vite build » ou « npm test ».`);
  }
  chromiumPath(); // throws, in French, when Chromium is missing: a failure, never a skip
}

export interface HarnessOptions {
  userName?: string;
  /** Minimum time between two automatic backups (default: the handlers' own, one hour). */
  backupIntervalMs?: number;
}

export async function startHarness(name: string, opts: HarnessOptions = {}): Promise<Harness> {
  assertPrerequisites();
  const dir = mkdtempSync(path.join(os.tmpdir(), `trame-ui-${name}-`));
  const appDataDir = path.join(dir, 'appdata');
  const defaultDir = path.join(dir, 'contrats');
  mkdirSync(appDataDir, { recursive: true });
  mkdirSync(defaultDir, { recursive: true });
  const set = createHandlers({
    mode: 'web', appDataDir, defaultDir, version: 'test',
    ...(opts.backupIntervalMs !== undefined ? { backupIntervalMs: opts.backupIntervalMs } : {}),
  });
  const { handlers, closeAll } = set;
  if (opts.userName) {
    const r = await handlers['settings.setUserName']({ name: opts.userName });
    if (!r.userName) throw new Error('nom non enregistré');
  }
  const server = await startServer({ handlers, staticDir: STATIC_DIR, onEvent: set.onEvent });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  });
  // A test's own requests from the page (e.g. its own EventSource on /api/events) carry the secret as the page's do.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 }, locale: 'fr-FR', extraHTTPHeaders: { 'X-Trame-Secret': server.secret },
  });
  // The secret of this launch, where renderer/api.ts keeps it once read from `?cle=…` (this tab's sessionStorage):
  // every page of the context may call the API, and `h.server.url + '#/…'` stays a same-document navigation between
  // two routes, as the tests expect. The reading from the address itself is test/ui/secret.test.ts.
  await context.addInitScript(
    ({ key, value }) => {
      try {
        window.sessionStorage.setItem(key, value);
      } catch {
        // about:blank and other opaque origins have no storage: nothing to give them
      }
    },
    { key: HARNESS_SECRET_KEY, value: server.secret },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as unknown as { trameErrors: string[] }).trameErrors = errors;
  return {
    dir, appDataDir, defaultDir, server, browser, context, page, handlers, set, closeAll,
    async stop() {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function pageErrors(page: Page): string[] {
  return (page as unknown as { trameErrors: string[] }).trameErrors ?? [];
}

/** Runs axe with the WCAG 2.1 A/AA and RGAA tags; returns the violations, printed for the log. */
export async function axe(page: Page, screen: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'RGAAv4']).analyze();
  const lines = result.violations.map(
    (v) => `[${screen}] ${v.id} (${v.impact}) : ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n'),
  );
  if (lines.length) console.error(lines.join('\n'));
  return lines;
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage });
}

/**
 * Waits until the page has closed every contrat and each file is released: the page sends doc.close without
 * waiting, and a close first lets a backup being written finish. Then the files can be read from outside.
 */
export async function released(h: Harness): Promise<void> {
  await expect
    .poll(() => h.set.openDocs().map((d) => d.path), { timeout: 15_000, message: 'contrats encore ouverts' })
    .toEqual([]);
  await h.set.settle();
}

/** Creates `file` from an interchange document through the import job (as the page and the CLI do), and closes it. */
export async function importDocument(h: Harness, file: string, document: unknown): Promise<void> {
  const { jobId } = (await h.handlers['job.start']({ type: 'format.import', input: { path: file, document } })) as { jobId: string };
  const end = await h.set.jobs.wait(jobId);
  if (end.state !== 'done') throw new Error(`import de ${file} en échec : ${end.error?.message ?? end.state}`);
  await h.handlers['doc.close']({ docId: (end.result as DocInfo).docId });
}

/**
 * A harness whose folder holds the demo contrat, made by the handlers and closed again (the page opens it): the
 * harness and the contrat's path.
 */
export async function startWithDemo(name: string, opts: HarnessOptions = {}): Promise<{ h: Harness; file: string }> {
  const h = await startHarness(name, opts);
  const file = path.join(h.defaultDir, `${name}.trame`);
  const doc = (await h.handlers['contrat.createDemo']({ path: file })) as DocInfo;
  await h.handlers['doc.close']({ docId: doc.docId });
  return { h, file };
}

/**
 * The harness's page on `file` at 1024×768 unless said otherwise: the screen `view`, or the tree with its first row
 * drawn and focused.
 */
export async function openContrat(h: Harness, file: string, view?: string, size = { width: 1024, height: 768 }): Promise<Page> {
  await h.page.setViewportSize(size);
  await h.page.goto(`${h.server.url}#/contrat?path=${encodeURIComponent(file)}${view ? `&vue=${view}` : ''}`);
  if (!view) {
    await h.page.getByRole('treeitem').first().waitFor();
    await h.page.getByRole('treeitem').first().focus();
  }
  return h.page;
}
