// Smoke test in real Electron: launches the app folder like `npm start` does (`electron .`, whose
// package.json main is dist/electron/main.cjs) with its own data folder, creates a contrat, adds an item, quits, relaunches and finds the item again.
// Never skipped: without the Electron binary or a display it fails with an explanation.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const mainBundle = path.join(root, 'dist', 'electron', 'main.cjs');
const rendererIndex = path.join(root, 'dist', 'renderer', 'index.html');

function electronBinary(): string {
  const missing =
    "Le programme Electron est introuvable (node_modules/electron installé sans son binaire, par exemple avec " +
    'ELECTRON_SKIP_BINARY_DOWNLOAD=1 ou sans accès Internet). Lancez « npm rebuild electron » sur une machine connectée, ' +
    'puis relancez « npm run test:electron ».\n' +
    'The Electron binary is missing (node_modules/electron was installed without it). Run "npm rebuild electron" ' +
    'with Internet access, then "npm run test:electron" again.';
  let binary: unknown;
  try {
    binary = createRequire(path.join(root, 'package.json'))('electron');
  } catch (err) {
    throw new Error(`${missing}\n(${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof binary !== 'string' || !existsSync(binary)) throw new Error(`${missing}\n(chemin attendu / expected path: ${String(binary)})`);
  return binary;
}

function checkPrerequisites(): string {
  const binary = electronBinary();
  for (const f of [mainBundle, rendererIndex]) {
    if (!existsSync(f)) {
      throw new Error(`Fichier absent : ${path.relative(root, f)}. Lancez « npm run build ». / Missing ${f}: run "npm run build".`);
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error(
      "Pas d'affichage graphique : lancez les tests sous « xvfb-run -a npm run test:electron ». / " +
        'No display: run under "xvfb-run -a npm run test:electron".',
    );
  }
  return binary;
}

const work = mkdtempSync(path.join(tmpdir(), 'trame-e2e-'));
const userData = path.join(work, 'user-data');
const contratPath = path.join(work, 'Contrat de ville smoke.trame');
const launched: ElectronApplication[] = [];

afterAll(async () => {
  for (const app of launched) await app.close().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

async function launch(): Promise<{ app: ElectronApplication; page: Page }> {
  const executablePath = checkPrerequisites();
  const app = await _electron.launch({
    executablePath,
    // The folder rather than the bundle path, so that Electron reads package.json (name, version) as with `npm start`.
    args: [root],
    cwd: root,
    env: { ...process.env, TRAME_USER_DATA: userData, ELECTRON_ENABLE_LOGGING: '1' } as Record<string, string>,
    timeout: 60_000,
  });
  launched.push(app);
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

/** window.trame.invoke in the page (the UI's own transport), typed loosely for the test. */
function invoke(page: Page, channel: string, input: unknown): Promise<any> {
  return page.evaluate(
    ([c, i]) => (globalThis as any).trame.invoke(c, i),
    [channel, input] as const,
  );
}

describe('Trame in Electron (smoke)', () => {
  it('creates a contrat, adds an item, and finds it after a restart', async () => {
    const first = await launch();
    const { page } = first;

    // The page is isolated: no Node, only the two bridges.
    const surface = await page.evaluate(() => {
      const g = globalThis as any;
      return {
        require: typeof g.require,
        process: typeof g.process,
        trame: Object.keys(g.trame ?? {}),
        shell: Object.keys(g.trameShell ?? {}).sort(),
        opened: g.open('https://example.com/') === null,
        origin: g.location.origin,
      };
    });
    expect(surface).toEqual({
      require: 'undefined',
      process: 'undefined',
      trame: ['invoke'],
      shell: ['chooseOpenPath', 'chooseSavePath', 'onMenuCommand', 'openInWindow', 'setDocument'],
      opened: true,
      origin: 'app://trame',
    });

    const info = await invoke(page, 'app.info', {});
    const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron', version } });
    expect(await invoke(page, 'no.such.channel', {})).toMatchObject({ ok: false, error: { code: 'canal-inconnu' } });

    // The renderer really ran under the CSP, from app://trame: the start screen offers « Nouveau contrat »
    // (checked, not driven: the form's fields may change; a first-run name dialog may sit on top).
    await page.getByText('Nouveau contrat').first().waitFor({ state: 'attached', timeout: 30_000 });

    const created = await invoke(page, 'contrat.create', {
      path: contratPath,
      contrat: { name: 'Contrat de ville smoke', epci: 'CA de Test', period: { start: 2024, end: 2030 }, qpv: [] },
    });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const docId = created.value.docId as string;
    const added = await invoke(page, 'tree.add', { docId, parentId: null, title: 'Lever les freins à l’emploi' });
    expect(added.ok, JSON.stringify(added)).toBe(true);

    // The shell titles the window after the contrat.
    await page.evaluate(([d, p]) => (globalThis as any).trameShell.setDocument({ docId: d, path: p, name: 'Contrat de ville smoke' }), [docId, contratPath] as const);
    await expect
      .poll(() => first.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle()))
      .toBe('Contrat de ville smoke — Contrat de ville smoke.trame — Trame');

    await first.app.close(); // quits: every contrat is closed cleanly
    expect(existsSync(contratPath)).toBe(true);

    const second = await launch();
    let opened = await invoke(second.page, 'doc.open', { path: contratPath });
    if (!opened.ok && opened.error.code === 'deja-ouvert') opened = await invoke(second.page, 'doc.info', { docId: opened.error.docId });
    expect(opened.ok, JSON.stringify(opened)).toBe(true);
    const tree = await invoke(second.page, 'tree.get', { docId: opened.value.docId });
    expect(tree.ok).toBe(true);
    expect(tree.value.nodes.map((n: { title: string }) => n.title)).toContain('Lever les freins à l’emploi');
    await second.app.close();
  });
});
