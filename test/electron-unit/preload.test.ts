import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShellBridge } from '../../core/api/contract';
import type { TrameBridge } from '../../electron/bridge-types';
import { IPC } from '../../electron/ipc-channels';

const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })),
  send: vi.fn(),
  on: vi.fn((channel: string, l: (...args: unknown[]) => void) => {
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    listeners.get(channel)!.add(l);
  }),
  removeListener: vi.fn((channel: string, l: (...args: unknown[]) => void) => {
    listeners.get(channel)?.delete(l);
  }),
};

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

await import('../../electron/preload');
const trame = exposed.get('trame') as TrameBridge;
const shell = exposed.get('trameShell') as ShellBridge;

function emitMenu(command: unknown) {
  const fakeEvent = { sender: ipcRenderer, senderId: 0 };
  for (const l of listeners.get(IPC.menu) ?? []) l(fakeEvent, command);
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('preload', () => {
  it('exposes only window.trame and window.trameShell, never ipcRenderer', () => {
    expect([...exposed.keys()].sort()).toEqual(['trame', 'trameShell']);
    expect(Object.keys(trame).sort()).toEqual(['invoke', 'onEvent']);
    expect(Object.keys(shell).sort()).toEqual(
      ['chooseOpenPath', 'chooseSavePath', 'onMenuCommand', 'openAudience', 'openInWindow', 'setDocument'].sort(),
    );
    for (const api of [trame, shell]) {
      for (const value of Object.values(api)) {
        expect(typeof value).toBe('function');
        expect(value).not.toBe(ipcRenderer.invoke);
        expect(value).not.toBe(ipcRenderer.send);
      }
    }
  });

  it('sends known channels on the single invoke channel', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { nodes: [] } });
    const r = await trame.invoke('tree.get', { docId: 'd1' });
    expect(r).toEqual({ ok: true, value: { nodes: [] } });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(IPC.invoke, 'tree.get', { docId: 'd1' });
  });

  it('refuses unknown channels without sending anything', async () => {
    for (const bad of ['fs.readFile', '__proto__', 'constructor', 42, null]) {
      const r = await trame.invoke(bad as never, {} as never);
      expect(r).toMatchObject({ ok: false, error: { code: 'canal-inconnu' } });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed IPC into a French error result', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'trame:invoke'"));
    const r = await trame.invoke('app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('interne');
      expect(r.error.message).not.toMatch(/handler registered/);
    }
  });

  it('forwards dialogs and keeps only string answers', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce('/d/a.trame');
    expect(await shell.chooseSavePath({ title: 'T', defaultName: 'a', filters: 'trame' })).toBe('/d/a.trame');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.chooseSavePath, { title: 'T', defaultName: 'a', filters: 'trame' });
    ipcRenderer.invoke.mockResolvedValueOnce(null);
    expect(await shell.chooseOpenPath({ title: 'T', filters: 'json' })).toBeNull();
    ipcRenderer.invoke.mockResolvedValueOnce({ evil: true });
    expect(await shell.chooseOpenPath({ title: 'T', filters: 'json' })).toBeNull();
  });

  it('sends openInWindow and setDocument on their channels, with only the expected fields', async () => {
    await shell.openInWindow('/d/b.trame');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(IPC.openInWindow, '/d/b.trame');
    shell.setDocument({ docId: 'd', path: '/d/b.trame', name: 'B', extra: 'x' } as never);
    shell.setDocument(null);
    expect(ipcRenderer.send.mock.calls).toEqual([
      [IPC.setDocument, { docId: 'd', path: '/d/b.trame', name: 'B' }],
      [IPC.setDocument, null],
    ]);
  });

  it('delivers menu commands without the IPC event, and unsubscribes', () => {
    const got: unknown[][] = [];
    const off = shell.onMenuCommand((...args) => got.push(args));
    emitMenu('undo');
    emitMenu('not-a-command');
    emitMenu({ toString: () => 'undo' });
    expect(got).toEqual([['undo']]);
    off();
    emitMenu('redo');
    expect(got).toEqual([['undo']]);
    expect(listeners.get(IPC.menu)?.size ?? 0).toBe(0);
  });

  it('delivers job events without the IPC event, drops anything else, and unsubscribes', () => {
    const got: unknown[][] = [];
    const off = trame.onEvent((...args) => got.push(args));
    const job = { jobId: 'j1', type: 'format.exportToFile', state: 'running', progress: { done: 1, total: 2, label: 'x' } };
    const emit = (payload: unknown) => {
      for (const l of listeners.get(IPC.event) ?? []) l({ sender: ipcRenderer }, payload);
    };
    emit({ kind: 'job', job });
    emit({ kind: 'autre', job });
    emit({ kind: 'job', job: { state: 'running' } });
    emit('job');
    expect(got).toEqual([[{ kind: 'job', job }]]);
    off();
    emit({ kind: 'job', job });
    expect(got).toHaveLength(1);
    expect(listeners.get(IPC.event)?.size ?? 0).toBe(0);
  });
});
