// Wiring of electron/main.ts with Electron faked and the real handlers (createHandlers over a temp app-data folder,
// run inline: the handlers' own thread, dist/handler-host.cjs, is not beside the sources, so main.ts falls back;
// only watched by a spy): what can be checked without the Electron binary (lifecycle order, windows per contrat, IPC,
// quit closing every contrat).
import { EventEmitter } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { HandlerSet } from '../../core/handlers/index';

const h = vi.hoisted(() => {
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  const fs = require('node:fs') as typeof import('node:fs');
  const os = require('node:os') as typeof import('node:os');
  const nodePath = require('node:path') as typeof import('node:path');
  // Named like test/helpers/tmp's folders (with the pid), so that a killed run's folder is swept by the next run.
  const root = fs.mkdtempSync(nodePath.join(os.tmpdir(), `trame-test-${process.pid}-`));
  const dirs = { userData: nodePath.join(root, 'userData'), documents: nodePath.join(root, 'documents') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d);
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const app = Object.assign(new EventEmitter(), {
    setPath: vi.fn(),
    setName: vi.fn(),
    getPath: vi.fn((name: string) => dirs[name as keyof typeof dirs] ?? nodePath.join(root, name)),
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    isPackaged: false,
    ready: false,
    isReady() {
      return app.ready;
    },
    whenReady: () => ready,
    makeReady() {
      app.ready = true;
      readyResolve();
    },
  });

  class FakeWindow extends EventEmitter {
    static all: FakeWindow[] = [];
    static focused: FakeWindow | null = null;
    static nextId = 1;
    id = FakeWindow.nextId++;
    destroyed = false;
    title = '';
    webContents = Object.assign(new EventEmitter(), { send: vi.fn(), reload: vi.fn() });
    loadURL = vi.fn(async (_url: string) => {});
    show = vi.fn();
    focus = vi.fn(() => {
      FakeWindow.focused = this;
    });
    constructor(public options: Record<string, any>) {
      super();
      FakeWindow.all.push(this);
    }
    isMinimized() {
      return false;
    }
    restore() {}
    isDestroyed() {
      return this.destroyed;
    }
    isVisible() {
      return false;
    }
    setTitle(t: string) {
      this.title = t;
    }
    close() {
      this.destroyed = true;
      FakeWindow.all = FakeWindow.all.filter((w) => w !== this);
      if (FakeWindow.focused === this) FakeWindow.focused = null;
      this.emit('closed');
    }
    static getFocusedWindow() {
      return FakeWindow.focused;
    }
    static getAllWindows() {
      return [...FakeWindow.all];
    }
    static fromId(id: number) {
      return FakeWindow.all.find((w) => w.id === id) ?? null;
    }
    static fromWebContents(wc: unknown) {
      return FakeWindow.all.find((w) => w.webContents === wc) ?? null;
    }
  }

  const ipc = {
    handles: new Map<string, (...a: any[]) => any>(),
    ons: new Map<string, (...a: any[]) => any>(),
  };
  const ipcMain = {
    handle: (c: string, l: (...a: any[]) => any) => ipc.handles.set(c, l),
    on: (c: string, l: (...a: any[]) => any) => ipc.ons.set(c, l),
    removeHandler: (c: string) => ipc.handles.delete(c),
    removeAllListeners: (c: string) => ipc.ons.delete(c),
  };
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    },
  };
  const Menu = { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) };
  // The real createHandlers runs (see vi.mock below); the spy only records its call and the set it made.
  const createHandlers = vi.fn();
  return { root, dirs, app, FakeWindow, ipc, ipcMain, protocol, session, Menu, createHandlers };
});

vi.mock('electron', () => ({
  app: h.app,
  BrowserWindow: h.FakeWindow,
  dialog: { showErrorBox: vi.fn(), showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
  ipcMain: h.ipcMain,
  Menu: h.Menu,
  protocol: h.protocol,
  session: h.session,
  shell: { openExternal: vi.fn() },
}));
vi.mock('../../core/handlers/index', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../core/handlers/index')>();
  h.createHandlers.mockImplementation(real.createHandlers);
  return { ...real, createHandlers: h.createHandlers };
});

const userData = path.resolve('/tmp/trame-e2e-user');
process.env.TRAME_USER_DATA = userData;
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
await import('../../electron/main');
// main.ts turns SIGINT/SIGTERM into app.quit(); with a fake app that would keep this worker alive.
afterAll(() => {
  rmSync(h.root, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const l of process.listeners(signal)) if (!signalListeners[signal].includes(l)) process.off(signal, l);
  }
});

/** The handler set main.ts made on ready: the real one. */
const handlerSet = (): HandlerSet => h.createHandlers.mock.results[0]!.value as HandlerSet;
const invoke = (win: InstanceType<typeof h.FakeWindow>, channel: string, input: unknown) =>
  h.ipc.handles.get('trame:invoke')!(trustedEvent(win), channel, input) as Promise<{ ok: boolean; value?: any; error?: any }>;
/** The contrat the first window shows, created through IPC by the test 'pushes edit events to the windows'. */
const lens = { docId: '', path: path.join(h.dirs.documents, 'lens.trame') };

const trustedEvent = (win: InstanceType<typeof h.FakeWindow>) => ({
  senderFrame: { url: 'app://trame/index.html#/', parent: null },
  sender: win.webContents,
});

describe('electron/main.ts', () => {
  it('before ready: honours TRAME_USER_DATA, registers app://, takes the single-instance lock', () => {
    expect(h.app.setPath).toHaveBeenCalledWith('userData', userData);
    expect(h.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(h.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(h.createHandlers).not.toHaveBeenCalled();
    expect(h.FakeWindow.all).toHaveLength(0);
  });

  it('on ready: handlers in electron mode, hardened session, IPC, menu, one start window', async () => {
    h.app.makeReady();
    // Waits for the condition (the ready handler has run), not for a time.
    await vi.waitFor(() => expect(h.FakeWindow.all).toHaveLength(1));
    expect(h.createHandlers).toHaveBeenCalledOnce();
    expect(h.createHandlers).toHaveBeenCalledWith({
      mode: 'electron',
      appDataDir: h.dirs.userData,
      defaultDir: h.dirs.documents,
      version: '0.1.0',
      jobWorker: expect.stringMatching(/job-worker\.cjs$/),
    });
    expect(h.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(h.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(h.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();
    expect([...h.ipc.handles.keys()]).toContain('trame:invoke');
    expect(h.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    expect(h.FakeWindow.all).toHaveLength(1);
    const [win] = h.FakeWindow.all;
    expect(win.loadURL).toHaveBeenCalledWith('app://trame/index.html');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload\.cjs$/);
    // Under Node there is no Electron build to point at.
    expect(process.env.TRAME_SQLITE_BINDING).toBeUndefined();
  });

  it('hardens every web contents created', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    h.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });

  it('answers the page through dispatch, from the real handlers', async () => {
    const [win] = h.FakeWindow.all;
    const r = await invoke(win, 'app.info', {});
    expect(r).toEqual({ ok: true, value: { mode: 'electron', version: '0.1.0', userName: null, defaultDir: h.dirs.documents, largeText: false } });
    expect(await invoke(win, 'tree.drop', {})).toMatchObject({ ok: false, error: { code: 'canal-inconnu' } });
  });

  it('pushes edit events to the windows', async () => {
    const [win] = h.FakeWindow.all;
    const created = await invoke(win, 'contrat.createDemo', { path: lens.path });
    expect(created).toMatchObject({ ok: true, value: { path: lens.path } });
    lens.docId = created.value.docId;
    expect(existsSync(lens.path)).toBe(true);
    win.webContents.send.mockClear();
    const added = await invoke(win, 'tree.add', { docId: lens.docId, parentId: null, title: 'Enjeu ajouté' });
    expect(added.ok).toBe(true);
    await vi.waitFor(() =>
      expect(win.webContents.send).toHaveBeenCalledWith('trame:event', expect.objectContaining({ kind: 'doc-changed', change: expect.objectContaining({ docId: lens.docId }) })),
    );
  });

  it('titles the window after its contrat and focuses it instead of opening the file twice', async () => {
    const [win] = h.FakeWindow.all;
    h.ipc.ons.get('trame:shell:set-document')!(trustedEvent(win), { docId: lens.docId, path: lens.path, name: 'Contrat de Lens' });
    expect(win.title).toBe('Contrat de Lens — lens.trame — Trame');
    await h.ipc.handles.get('trame:shell:open-in-window')!(trustedEvent(win), lens.path);
    expect(h.FakeWindow.all).toHaveLength(1);
    expect(win.focus).toHaveBeenCalled();
  });

  it('opens another contrat in a window of its own', async () => {
    const [win] = h.FakeWindow.all;
    const arras = path.join(h.dirs.documents, 'arras.trame');
    await h.ipc.handles.get('trame:shell:open-in-window')!(trustedEvent(win), arras);
    expect(h.FakeWindow.all).toHaveLength(2);
    const second = h.FakeWindow.all[1];
    expect(second.loadURL).toHaveBeenCalledWith(`app://trame/index.html#/contrat?path=${encodeURIComponent(arras)}`);
    second.close();
    await handlerSet().settle();
    // It had not opened its contrat yet: the first window's contrat stays open.
    expect(handlerSet().openDocs()).toEqual([{ docId: lens.docId, path: lens.path }]);
  });

  it('routes menu commands to the focused window; « Nouveau » from a contrat opens a new window', () => {
    const [win] = h.FakeWindow.all;
    h.FakeWindow.focused = win;
    const template = h.Menu.buildFromTemplate.mock.calls[0][0] as any[];
    const items = template.flatMap((m: any) => m.submenu as any[]);
    items.find((i: any) => i.label === 'Annuler').click();
    expect(win.webContents.send).toHaveBeenCalledWith('trame:menu', 'undo');
    items.find((i: any) => i.label === 'Nouveau contrat…').click();
    expect(h.FakeWindow.all).toHaveLength(2);
    const form = h.FakeWindow.all[1];
    expect(form.loadURL).toHaveBeenCalledWith('app://trame/index.html#/nouveau');
    form.close();
  });

  it('« Fermer » closes a window without a contrat, and goes to the page of a window with one', () => {
    const [docWindow] = h.FakeWindow.all;
    const menuItem = (label: string) =>
      (h.Menu.buildFromTemplate.mock.calls[0][0] as any[]).flatMap((m: any) => m.submenu as any[]).find((i: any) => i.label === label);
    h.FakeWindow.focused = docWindow;
    menuItem('Nouveau contrat…').click(); // a new, empty window (tracked by main)
    const empty = h.FakeWindow.all.at(-1)!;
    expect(empty).not.toBe(docWindow);
    h.FakeWindow.focused = empty;
    menuItem('Fermer').click();
    expect(empty.destroyed).toBe(true);
    expect(empty.webContents.send).not.toHaveBeenCalled();
    h.FakeWindow.focused = docWindow;
    menuItem('Fermer').click();
    expect(docWindow.webContents.send).toHaveBeenCalledWith('trame:menu', 'close');
    expect(docWindow.destroyed).toBe(false);
  });

  it('reloads a crashed page, a few times at most', () => {
    const [win] = h.FakeWindow.all;
    for (let i = 0; i < 5; i++) win.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    expect(win.webContents.reload).toHaveBeenCalledTimes(3);
  });

  it('a second launch with a file opens it here', () => {
    h.app.emit('second-instance', {}, ['/opt/trame', 'valenciennes.trame'], '/home/u');
    const opened = h.FakeWindow.all.at(-1)!;
    expect(opened.loadURL).toHaveBeenCalledWith(
      `app://trame/index.html#/contrat?path=${encodeURIComponent(path.resolve('/home/u', 'valenciennes.trame'))}`,
    );
    opened.close();
  });

  it('lets background work settle before quitting, once', async () => {
    const settle = vi.spyOn(handlerSet(), 'settle');
    h.app.quit.mockClear();
    const first = { preventDefault: vi.fn() };
    h.app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(settle).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(h.app.quit).toHaveBeenCalledOnce());
    const second = { preventDefault: vi.fn() };
    h.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('closing a window closes its contrat; quitting closes them all', async () => {
    const set = handlerSet();
    // Another contrat, open in no window: only quitting closes it.
    const other = await set.handlers['contrat.createDemo']({ path: path.join(h.dirs.documents, 'arras.trame') });
    const [win] = h.FakeWindow.all;
    win.close();
    await vi.waitFor(() => expect(set.openDocs().map((d) => d.docId)).toEqual([other.docId]));
    expect(set.store(lens.docId)).toBeUndefined();
    h.app.emit('window-all-closed');
    if (process.platform !== 'darwin') expect(h.app.quit).toHaveBeenCalled();
    const closeAll = vi.spyOn(set, 'closeAll');
    h.app.emit('will-quit');
    expect(closeAll).toHaveBeenCalledOnce();
    expect(set.openDocs()).toEqual([]);
    await set.settle(); // a contrat whose backup was being written closes after it
    // Closed cleanly: each file is back to one self-contained file.
    for (const f of [lens.path, other.path]) expect(existsSync(`${f}-wal`), f).toBe(false);
  });
});
