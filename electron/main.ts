// Electron main process: app lifecycle, one window per open contrat, IPC wired to the handler host.
// Thin on purpose: every rule worth testing lives in a pure module beside this one. The handlers run on a thread of
// their own (core/handlers/host.ts): this thread draws the windows' frames and routes their input, and only
// forwards each call and each answer's bytes.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell, type BaseWindow } from 'electron';
import type { MenuCommand } from '../core/api/contract';
import { startHost, type HandlerHost } from '../core/handlers/host';
import { registerAppScheme, serveApp } from './app-protocol';
import { APP_PAGE_URL, pageUrl, type PageTarget } from './app-url';
import { trameFilesFromArgv, userDataDirOverride } from './argv';
import { setupIpc } from './ipc';
import { IPC } from './ipc-channels';
import { menuTemplate } from './menu';
import { electronNativeBindingPath, SQLITE_BINDING_ENV } from './native';
import { windowTitle } from '../core/domain/title';
import { APP_NAME, appDataDir } from '../core/app-paths';
import { packagedPath } from './native';
import { OpenDocuments } from './open-documents';
import { hardenSession, hardenWebContents, windowOptions } from './window';

// The bundle is dist/electron/main.cjs, inside the app folder (or app.asar once packaged).
const appRoot = path.resolve(__dirname, '..', '..');
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');
const isMac = process.platform === 'darwin';
/** Longest wait for backups still being written when the user quits. */
const QUIT_GRACE_MS = 3000;
/** Automatic reloads of a window whose page crashed, before giving up (a page that crashes on load). */
const MAX_CRASH_RELOADS = 3;

// Before `ready`: the data folder (tests give each run its own; the single-instance lock lives there too)
// and the privileged app:// scheme.
// The same application name and data folder as the CLI and the browser harness (core/app-paths.ts).
app.setName(APP_NAME);
app.setPath('userData', userDataDirOverride(process.env) ?? appDataDir());
registerAppScheme(protocol);

const docs = new OpenDocuments();
let host: HandlerHost | null = null;
/** Files asked for before the app was ready (command line, macOS open-file). */
const pendingFiles: string[] = trameFilesFromArgv(process.argv, process.cwd());

function createWindow(target?: PageTarget): BrowserWindow {
  const options = windowOptions(preloadPath);
  const win = new BrowserWindow({
    ...options,
    // windowOptions() is the tested source of these; they are restated literally so that static auditors
    // (electronegativity in CI) can see them at the constructor.
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const id = win.id;
  docs.track(id, target && target !== 'new' ? target.open : null);
  // The title bar is ours (« Contrat — fichier.trame — Trame »), not the page's <title>.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  // A page that fails to load still gets a visible window rather than a ghost process.
  win.webContents.once('did-fail-load', () => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  // A crashed page comes back by itself: its route names the contrat, which the handlers still hold open.
  let reloads = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || win.isDestroyed() || reloads >= MAX_CRASH_RELOADS) return;
    reloads += 1;
    win.webContents.reload();
  });
  // A contrat that only lives in memory (its file stopped accepting writes) is never closed without asking.
  win.on('close', (event) => {
    const docId = docs.get(id)?.docId;
    if (!docId || !host?.isOffline(docId)) return;
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      title: 'Modifications non enregistrées',
      message: 'Ce contrat n’existe plus qu’en mémoire : son fichier ne peut plus être enregistré.',
      detail: 'Enregistrez-le ailleurs avant de fermer, sinon les modifications faites depuis seront perdues.',
      buttons: ['Enregistrer sous…', 'Fermer sans enregistrer', 'Annuler'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    if (choice === 1) return;
    event.preventDefault();
    if (choice === 0) win.webContents.send(IPC.menu, 'save-as' satisfies MenuCommand);
  });
  win.on('closed', () => {
    const shown = docs.untrack(id);
    // Close the contrat unless another window still shows the same document.
    if (shown?.docId && host && docs.windowWithDoc(shown.docId) === undefined) {
      void host.call('doc.close', { docId: shown.docId });
    }
  });
  load(win, pageUrl(target));
  return win;
}

/**
 * The workshop's audience view (#/salle) in a window of its own, with the same hardening as every window (options
 * here, web contents and session hardened globally). On a second display when there is one (the projector), full
 * screen there; else beside, and F11 or the system's control makes it full screen. Not tracked as a document window:
 * closing it closes nothing, and no contrat is ever opened into it.
 */
function openAudienceWindow(file: string, requester: BaseWindow | null): void {
  const here = requester ? screen.getDisplayMatching(requester.getBounds()) : screen.getPrimaryDisplay();
  const other = screen.getAllDisplays().find((d) => d.id !== here.id);
  const options = windowOptions(preloadPath);
  const win = new BrowserWindow({
    ...options,
    title: 'Trame — vue salle',
    fullscreenable: true,
    ...(other ? { x: other.bounds.x, y: other.bounds.y, width: other.bounds.width, height: other.bounds.height } : {}),
    webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
  });
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => {
    win.show();
    if (other) win.setFullScreen(true);
  });
  load(win, `${APP_PAGE_URL}#/salle?${new URLSearchParams({ path: path.resolve(file) }).toString()}`);
}

function load(win: BrowserWindow, url: string): void {
  // A load interrupted by another one (or by closing the window) rejects: nothing to report.
  win.loadURL(url).catch((err: unknown) => {
    if (!win.isDestroyed()) console.warn('[trame] chargement de la fenêtre :', err instanceof Error ? err.message : err);
  });
}

function focus(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Show the file at `file`: focus the window that has it, reuse an empty start window, or open a new one. */
function openDocument(file: string, requester: BrowserWindow | null = null): void {
  const resolved = path.resolve(file);
  const plan = docs.planOpen(resolved, requester ? requester.id : null);
  if (plan.action === 'create') {
    createWindow({ open: resolved });
    return;
  }
  const win = BrowserWindow.fromId(plan.windowId);
  if (!win || win.isDestroyed()) {
    createWindow({ open: resolved });
    return;
  }
  if (plan.action === 'reuse') {
    docs.expect(win.id, resolved);
    load(win, pageUrl({ open: resolved }));
  }
  focus(win);
}

function sendMenuCommand(command: MenuCommand): void {
  const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null;
  if (!win) {
    // macOS with every window closed: bring back a start window, which offers the same actions.
    createWindow(command === 'new' ? 'new' : undefined);
    return;
  }
  // « Nouveau contrat » from a window that shows a contrat opens the form in a window of its own.
  if (command === 'new' && !docs.isEmpty(win.id)) {
    createWindow('new');
    return;
  }
  // « Fermer » closes the contrat (the page does it); a window without one is closed itself.
  if (command === 'close' && docs.isEmpty(win.id)) {
    win.close();
    return;
  }
  win.webContents.send(IPC.menu, command);
}

function showFatalError(message: string): void {
  dialog.showErrorBox('Trame ne peut pas démarrer', message);
  app.exit(1);
}

function start(): void {
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (app.isReady() && host) openDocument(file);
    else pendingFiles.push(path.resolve(file));
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = trameFilesFromArgv(argv, workingDirectory);
    if (files.length > 0) {
      for (const f of files) openDocument(f);
      return;
    }
    const win = BrowserWindow.getAllWindows()[0];
    if (win) focus(win);
    else createWindow();
  });

  // Every web contents (windows, and anything Chromium creates later) gets the same rules.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { appPageUrl: APP_PAGE_URL, openExternal: (url) => shell.openExternal(url) });
  });

  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && host && BrowserWindow.getAllWindows().length === 0) createWindow();
  });

  // Give background work (automatic backups) a moment to finish, then close the files cleanly (WAL checkpointed,
  // one self-contained file each), before quitting.
  let settled = false;
  app.on('before-quit', (event) => {
    const h = host;
    if (settled || !h) return;
    event.preventDefault();
    settled = true;
    const grace = () => new Promise<void>((resolve) => setTimeout(resolve, QUIT_GRACE_MS));
    void Promise.race([h.settle(), grace()])
      .then(() => Promise.race([h.closeAll(), grace()]))
      .catch(() => {})
      .finally(() => app.quit());
  });

  // Last chance for the files still open (a quit that skipped the step above): closed now.
  app.on('will-quit', () => {
    void host?.closeAll().catch((err: unknown) => console.error('[trame] fermeture des contrats :', err));
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => app.quit());
  }

  void app.whenReady().then(() => {
    const binding = electronNativeBindingPath(appRoot, { isPackaged: app.isPackaged });
    if (binding) process.env[SQLITE_BINDING_ENV] = binding;
    else if (process.versions.electron && !app.isPackaged) {
      console.warn(
        "[trame] better-sqlite3 n'est pas construit pour Electron : lancez « node build/scripts/ensure-electron-native.mjs » " +
          '(npm start le fait), sinon l\'ouverture des contrats échouera.',
      );
    }

    hardenSession(session.defaultSession);
    serveApp(protocol, rendererDir);

    const options = {
      mode: 'electron' as const,
      appDataDir: app.getPath('userData'),
      defaultDir: app.getPath('documents'),
      version: app.getVersion(),
      // Worker threads cannot load a script from inside app.asar: the workers are unpacked beside it.
      jobWorker: packagedPath(path.join(__dirname, '..', 'job-worker.cjs')),
    };
    startHost(packagedPath(path.join(__dirname, '..', 'handler-host.cjs')), options, (m) => console.warn(m)).then(ready, (err: unknown) =>
      showFatalError(
        `Impossible de préparer le dossier de données de Trame (${app.getPath('userData')}) : ` +
          `${err instanceof Error ? err.message : String(err)}`,
      ),
    );
  });
}

/** The handlers are ready: IPC, menu, and the first windows. */
function ready(h: HandlerHost): void {
  host = h;
  // Job progress and changes reach every window; each page keeps what concerns it.
  h.onEvent((event) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(IPC.event, event);
    }
  });

  setupIpc({
    ipcMain,
    invoke: (channel, input) => h.invoke(channel, input),
    dialog,
    defaultDir: () => app.getPath('documents'),
    windowOf: (contents) => BrowserWindow.fromWebContents(contents),
    openInWindow: (file, requester) =>
      openDocument(file, requester ? BrowserWindow.fromId(requester.id) : null),
    openAudience: openAudienceWindow,
    setDocument: (win, doc) => {
      docs.setDocument(win.id, doc);
      win.setTitle(windowTitle(doc));
    },
  });

  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(sendMenuCommand, isMac, { devTools: !app.isPackaged })));

  const files = pendingFiles.splice(0);
  if (files.length === 0) createWindow();
  for (const f of files) openDocument(f);
}

// One Trame per user: a second launch (double-click on a .trame file) hands its files to this one.
if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}
