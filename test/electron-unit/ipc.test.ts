import { describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '../../core/api/dispatch';
import { isTrustedFrame, isTrustedSender, REFUSED_SENDER, setupIpc } from '../../electron/ipc';
import { IPC } from '../../electron/ipc-channels';

const PAGE = 'app://trame/index.html';

describe('isTrustedSender', () => {
  it.each([
    PAGE,
    `${PAGE}#/contrat?path=%2Fhome%2Fa.trame&sel=n1`,
    `${PAGE}?x=1`,
  ])('trusts our page: %s', (url) => {
    expect(isTrustedSender(url, PAGE)).toBe(true);
  });

  it.each([
    ['another page of our origin', 'app://trame/evil.html'],
    ['our origin root', 'app://trame/'],
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://trame:8080/index.html'],
    ['credentials', 'app://user:pw@trame/index.html'],
    ['file URL of the bundle', 'file:///app/dist/renderer/index.html'],
    ['web page', 'https://trame.example.com/index.html'],
    ['look-alike host', 'app://trame.evil/index.html'],
    ['about:blank', 'about:blank'],
    ['data URL', 'data:text/html,<script>alert(1)</script>'],
    ['devtools', 'devtools://devtools/bundled/index.html'],
    ['empty', ''],
    ['garbage', 'not a url'],
    // Chromium reports registered standard schemes in canonical lower case; anything else is not from it.
    ['non-canonical case', 'APP://TRAME/index.html'],
  ])('refuses %s', (_why, url) => {
    expect(isTrustedSender(url, PAGE)).toBe(false);
  });

  it('refuses a missing URL', () => {
    expect(isTrustedSender(null, PAGE)).toBe(false);
    expect(isTrustedSender(undefined, PAGE)).toBe(false);
  });

  it('checks a file:// expectation just as strictly', () => {
    const expected = 'file:///app/dist/renderer/index.html';
    expect(isTrustedSender('file:///app/dist/renderer/index.html#/nouveau', expected)).toBe(true);
    expect(isTrustedSender('file:///tmp/evil/index.html', expected)).toBe(false);
  });
});

describe('isTrustedFrame', () => {
  it('wants the top frame of our page', () => {
    expect(isTrustedFrame({ url: PAGE, parent: null }, PAGE)).toBe(true);
    expect(isTrustedFrame({ url: PAGE, parent: {} }, PAGE)).toBe(false); // an iframe, even of our page
    expect(isTrustedFrame(null, PAGE)).toBe(false);
  });
  it('treats a destroyed frame as untrusted', () => {
    const frame = {
      parent: null,
      get url(): string {
        throw new Error('Render frame was disposed');
      },
    };
    expect(isTrustedFrame(frame, PAGE)).toBe(false);
  });
});

function fakeIpcMain() {
  const handles = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ons = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  return {
    handles,
    ons,
    ipcMain: {
      handle: (c: string, l: (event: unknown, ...args: unknown[]) => unknown) => {
        if (handles.has(c)) throw new Error(`second handler for ${c}`);
        handles.set(c, l);
      },
      on: (c: string, l: (event: unknown, ...args: unknown[]) => void) => {
        ons.set(c, l);
      },
      removeHandler: (c: string) => {
        handles.delete(c);
      },
      removeAllListeners: (c: string) => {
        ons.delete(c);
      },
    },
  };
}

function setup() {
  const fake = fakeIpcMain();
  const appInfo = vi.fn(() => ({ mode: 'electron', version: '0.1.0', userName: null, defaultDir: '/home/u/Documents' }));
  const handlers = { 'app.info': appInfo } as unknown as Handlers;
  const win = { id: 7 };
  const dialog = {
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/u/Documents/Mon contrat' })),
    showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/u/a.trame'] })),
  };
  const openInWindow = vi.fn();
  const openAudience = vi.fn();
  const setDocument = vi.fn();
  const warn = vi.fn();
  const teardown = setupIpc({
    ipcMain: fake.ipcMain as never,
    invoke: (channel, input) => dispatch(handlers, channel, input),
    dialog: dialog as never,
    defaultDir: () => '/home/u/Documents',
    windowOf: () => win as never,
    openInWindow,
    openAudience,
    setDocument,
    appPageUrl: PAGE,
    warn,
  });
  const trusted = { senderFrame: { url: `${PAGE}#/`, parent: null }, sender: {} };
  const hostile = { senderFrame: { url: 'https://evil.example/', parent: null }, sender: {} };
  return { ...fake, appInfo, dialog, openInWindow, openAudience, setDocument, warn, teardown, trusted, hostile, win };
}

describe('setupIpc', () => {
  it('registers one invoke channel and the shell channels', () => {
    const { handles, ons } = setup();
    expect([...handles.keys()].sort()).toEqual(
      [IPC.invoke, IPC.chooseSavePath, IPC.chooseOpenPath, IPC.openInWindow, IPC.openAudience].sort(),
    );
    expect([...ons.keys()]).toEqual([IPC.setDocument]);
  });

  it('dispatches a trusted invoke to the handler table', async () => {
    const { handles, trusted, appInfo } = setup();
    const r = await handles.get(IPC.invoke)!(trusted, 'app.info', {});
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ mode: 'electron' }) });
    expect(appInfo).toHaveBeenCalledOnce();
  });

  it('answers a typed error for unknown channels and bad input, never throws', async () => {
    const { handles, trusted } = setup();
    const unknown = (await handles.get(IPC.invoke)!(trusted, 'fs.readFile', { path: '/etc/passwd' })) as { ok: boolean; error: { code: string } };
    expect(unknown.ok).toBe(false);
    expect(unknown.error.code).toBe('canal-inconnu');
    const bad = (await handles.get(IPC.invoke)!(trusted, 'app.info', { extra: 1 })) as { ok: boolean; error: { code: string } };
    expect(bad.error.code).toBe('entree-invalide');
  });

  it('drops messages from any other sender without running anything', async () => {
    const { handles, ons, hostile, appInfo, dialog, openInWindow, setDocument, warn } = setup();
    expect(await handles.get(IPC.invoke)!(hostile, 'app.info', {})).toEqual(REFUSED_SENDER);
    expect(await handles.get(IPC.invoke)!({ senderFrame: null, sender: {} }, 'app.info', {})).toEqual(REFUSED_SENDER);
    expect(await handles.get(IPC.chooseSavePath)!(hostile, { title: 't', defaultName: 'x', filters: 'trame' })).toBeNull();
    expect(await handles.get(IPC.chooseOpenPath)!(hostile, { title: 't', filters: 'trame' })).toBeNull();
    expect(await handles.get(IPC.openInWindow)!(hostile, '/home/u/a.trame')).toBeNull();
    ons.get(IPC.setDocument)!(hostile, { docId: 'd', path: '/a.trame', name: 'A' });
    expect(appInfo).not.toHaveBeenCalled();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(openInWindow).not.toHaveBeenCalled();
    expect(setDocument).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
  });

  it('opens the save dialog in the Documents folder and adds the extension', async () => {
    const { handles, trusted, dialog, win } = setup();
    const p = await handles.get(IPC.chooseSavePath)!(trusted, { title: 'Nouveau contrat', defaultName: 'Contrat de ville: Agglo', filters: 'trame' });
    expect(p).toBe('/home/u/Documents/Mon contrat.trame');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      win,
      expect.objectContaining({
        title: 'Nouveau contrat',
        defaultPath: '/home/u/Documents/Contrat de ville Agglo.trame',
        filters: [{ name: 'Contrat Trame (.trame)', extensions: ['trame'] }],
      }),
    );
  });

  it('refuses malformed shell arguments', async () => {
    const { handles, trusted, dialog, ons, setDocument, openInWindow } = setup();
    expect(await handles.get(IPC.chooseSavePath)!(trusted, { title: 't', defaultName: 'x', filters: 'exe' })).toBeNull();
    expect(await handles.get(IPC.chooseOpenPath)!(trusted, { title: 't', filters: 'trame', properties: ['multiSelections'] })).toBeNull();
    expect(await handles.get(IPC.openInWindow)!(trusted, 42)).toBeNull();
    ons.get(IPC.setDocument)!(trusted, { docId: 'd', path: '/a.trame' });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(openInWindow).not.toHaveBeenCalled();
    expect(setDocument).not.toHaveBeenCalled();
  });

  it('returns the chosen file to open, or null when cancelled', async () => {
    const { handles, trusted, dialog } = setup();
    expect(await handles.get(IPC.chooseOpenPath)!(trusted, { title: 'Ouvrir', filters: 'trame' })).toBe('/home/u/a.trame');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await handles.get(IPC.chooseOpenPath)!(trusted, { title: 'Ouvrir', filters: 'json' })).toBeNull();
  });

  it('forwards openInWindow and setDocument with the sender window', async () => {
    const { handles, ons, trusted, openInWindow, setDocument, win } = setup();
    await handles.get(IPC.openInWindow)!(trusted, '/home/u/b.trame');
    expect(openInWindow).toHaveBeenCalledWith('/home/u/b.trame', win);
    ons.get(IPC.setDocument)!(trusted, { docId: 'd1', path: '/home/u/b.trame', name: 'Contrat B' });
    ons.get(IPC.setDocument)!(trusted, null);
    expect(setDocument.mock.calls).toEqual([
      [win, { docId: 'd1', path: '/home/u/b.trame', name: 'Contrat B' }],
      [win, null],
    ]);
  });

  it('opens the audience view for the sender window, and only from the app page with a path', async () => {
    const { handles, trusted, hostile, openAudience, win } = setup();
    await handles.get(IPC.openAudience)!(hostile, '/home/u/b.trame');
    await handles.get(IPC.openAudience)!(trusted, 42);
    expect(openAudience).not.toHaveBeenCalled();
    await handles.get(IPC.openAudience)!(trusted, '/home/u/b.trame');
    expect(openAudience).toHaveBeenCalledWith('/home/u/b.trame', win);
  });

  it('can be set up again without a duplicate handler, and torn down', () => {
    const s = setup();
    s.teardown();
    expect(s.handles.size).toBe(0);
    expect(s.ons.size).toBe(0);
  });
});
