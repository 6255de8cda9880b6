// The only place that talks to ipcMain. Every message is checked to come from the top frame of our own
// app page before anything runs; arguments are `unknown` until parsed (dispatch for the API, zod here
// for the shell). Electron objects are injected so this is tested in Node with fakes.
import { z } from 'zod';
import type { BaseWindow, Dialog, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Result } from '../core/api/result';
import { APP_PAGE_URL, isAppPage } from './app-url';
import { chooseOpenPath, chooseSavePath } from './dialogs';
import { IPC } from './ipc-channels';
import type { ShellDocument } from './open-documents';

/** True when a message's sender frame URL is our app page (see isAppPage: scheme, host, path). */
export function isTrustedSender(url: string | null | undefined, expected: string = APP_PAGE_URL): boolean {
  return isAppPage(url, expected);
}

interface FrameLike {
  url: string;
  parent: unknown;
}

/** The sender must be a live top-level frame showing the app page (not an iframe, not a page navigated away). */
export function isTrustedFrame(frame: FrameLike | null | undefined, expected: string = APP_PAGE_URL): boolean {
  if (!frame) return false;
  try {
    return frame.parent === null && isTrustedSender(frame.url, expected);
  } catch {
    return false; // a destroyed frame throws on access
  }
}

function senderFrameOf(event: { senderFrame?: FrameLike | null }): FrameLike | null {
  try {
    return event.senderFrame ?? null;
  } catch {
    return null;
  }
}

export const REFUSED_SENDER: Result<never> = {
  ok: false,
  error: {
    code: 'interne',
    message: "Requête refusée : elle ne vient pas de la fenêtre de Trame. Fermez puis rouvrez la fenêtre.",
  },
};

const title = z.string().max(200);
const fileKind = z.enum(['trame', 'json']);
const filePath = z.string().min(1).max(4096);
export const shellInputs = {
  chooseSavePath: z.strictObject({ title, defaultName: z.string().max(300), filters: fileKind }),
  chooseOpenPath: z.strictObject({ title, filters: fileKind }),
  openInWindow: filePath,
  openAudience: filePath,
  setDocument: z
    .strictObject({ docId: z.string().min(1).max(100), path: filePath, name: z.string().max(300) })
    .nullable(),
};

/** The piece of ipcMain we use (real ipcMain fits). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => unknown): void;
  on(channel: string, listener: (event: IpcMainEvent, ...args: any[]) => void): unknown;
  removeHandler(channel: string): void;
  removeAllListeners(channel: string): unknown;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  /**
   * A page's API call (validated by dispatch where the handlers run): its Result, or the bytes of its JSON when the
   * handlers run on their own thread (core/handlers/host.ts); the preload decodes those.
   */
  invoke: (channel: unknown, input: unknown) => Promise<Result<unknown> | Uint8Array>;
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  /** Folder proposed by the dialogs (Documents). */
  defaultDir: () => string;
  /** The window that holds a web contents (BrowserWindow.fromWebContents). */
  windowOf: (contents: WebContents) => BaseWindow | null;
  /** Show the file at `path`: focus the window that has it, reuse an empty start window, or open one. */
  openInWindow: (path: string, requester: BaseWindow | null) => void;
  /** The audience view of `path` in a window of its own (second display, full screen, when there is one). */
  openAudience?: (path: string, requester: BaseWindow | null) => void;
  /** The page of `window` now shows `doc`: title bar and bookkeeping. */
  setDocument: (window: BaseWindow, doc: ShellDocument | null) => void;
  /** Expected sender page URL (tests pass their own). */
  appPageUrl?: string;
  /** Where refused messages are reported (main log). */
  warn?: (message: string) => void;
}

/** Registers every IPC handler once; returns a function that removes them. */
export function setupIpc(deps: IpcDeps): () => void {
  const expected = deps.appPageUrl ?? APP_PAGE_URL;
  const warn = deps.warn ?? ((m: string) => console.warn(m));
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent, channel: string): boolean => {
    const frame = senderFrameOf(event as { senderFrame?: FrameLike | null });
    if (isTrustedFrame(frame, expected)) return true;
    warn(`[trame] message IPC refusé sur ${channel} : expéditeur ${frame ? JSON.stringify(String(frame.url).slice(0, 200)) : 'inconnu'}`);
    return false;
  };

  const handle = (channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => {
    deps.ipcMain.removeHandler(channel); // one handler per channel, even if setup runs twice
    deps.ipcMain.handle(channel, listener);
  };

  handle(IPC.invoke, async (event, channel, input) => {
    if (!trusted(event, IPC.invoke)) return REFUSED_SENDER;
    return deps.invoke(channel, input);
  });

  handle(IPC.chooseSavePath, async (event, raw) => {
    if (!trusted(event, IPC.chooseSavePath)) return null;
    const options = shellInputs.chooseSavePath.safeParse(raw);
    if (!options.success) return null;
    return chooseSavePath(deps.dialog, deps.windowOf(event.sender), options.data, deps.defaultDir());
  });

  handle(IPC.chooseOpenPath, async (event, raw) => {
    if (!trusted(event, IPC.chooseOpenPath)) return null;
    const options = shellInputs.chooseOpenPath.safeParse(raw);
    if (!options.success) return null;
    return chooseOpenPath(deps.dialog, deps.windowOf(event.sender), options.data, deps.defaultDir());
  });

  handle(IPC.openInWindow, async (event, raw) => {
    if (!trusted(event, IPC.openInWindow)) return null;
    const p = shellInputs.openInWindow.safeParse(raw);
    if (!p.success) return null;
    deps.openInWindow(p.data, deps.windowOf(event.sender));
    return null;
  });

  handle(IPC.openAudience, async (event, raw) => {
    if (!trusted(event, IPC.openAudience)) return null;
    const p = shellInputs.openAudience.safeParse(raw);
    if (p.success) deps.openAudience?.(p.data, deps.windowOf(event.sender));
    return null;
  });

  deps.ipcMain.removeAllListeners(IPC.setDocument);
  deps.ipcMain.on(IPC.setDocument, (event, raw) => {
    if (!trusted(event, IPC.setDocument)) return;
    const doc = shellInputs.setDocument.safeParse(raw);
    if (!doc.success) return;
    const win = deps.windowOf(event.sender);
    if (win) deps.setDocument(win, doc.data);
  });

  return () => {
    for (const channel of [IPC.invoke, IPC.chooseSavePath, IPC.chooseOpenPath, IPC.openInWindow, IPC.openAudience]) {
      deps.ipcMain.removeHandler(channel);
    }
    deps.ipcMain.removeAllListeners(IPC.setDocument);
  };
}
