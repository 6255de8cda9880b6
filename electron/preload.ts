// Runs sandboxed before the page, in an isolated world. Exposes exactly two objects:
//   window.trame      = { invoke(channel, input), onEvent(listener) }   the typed API (core/api/contract.ts)
//   window.trameShell = ShellBridge                  dialogs, windows, menu commands
// ipcRenderer itself never crosses: each function sends on one fixed channel, and listeners receive
// only the command, never the IPC event (whose `sender` would give the page ipcRenderer back).
import { contextBridge, ipcRenderer } from 'electron';
import type { Invoke, MenuCommand, ShellBridge } from '../core/api/contract';
import { unknownChannelError, type Result } from '../core/api/result';
import { decodeResult, isAnswerBytes } from '../core/handlers/host-protocol';
import type { TrameBridge } from './bridge-types';
import { IPC, isApiChannel, isApiEvent, isMenuCommand } from './ipc-channels';

type RendererIpc = Pick<typeof ipcRenderer, 'invoke' | 'send' | 'on' | 'removeListener'>;

function failure(message: string, code: 'interne' = 'interne'): Result<never> {
  return { ok: false, error: { code, message } };
}

export function createTrameBridge(ipc: RendererIpc): TrameBridge {
  const invoke = (async (channel: unknown, input: unknown) => {
    if (!isApiChannel(channel)) {
      return { ok: false, error: unknownChannelError(channel) } as Result<never>;
    }
    let answer: unknown;
    try {
      answer = await ipc.invoke(IPC.invoke, channel, input);
    } catch {
      // The main process did not answer (it is quitting, or the window is being closed).
      return failure("Trame n'a pas pu traiter la demande : la fenêtre est peut-être en cours de fermeture. Réessayez.");
    }
    // The handlers' own thread answers with the bytes of the Result's JSON (core/handlers/host-protocol.ts).
    if (!isAnswerBytes(answer)) return answer;
    try {
      return decodeResult(answer);
    } catch {
      return failure("Trame n'a pas pu lire sa propre réponse : réessayez ; si cela se répète, fermez puis rouvrez Trame.");
    }
  }) as Invoke;
  const onEvent: TrameBridge['onEvent'] = (listener) => {
    const wrapped = (_event: unknown, payload: unknown) => {
      if (isApiEvent(payload)) listener(payload);
    };
    ipc.on(IPC.event, wrapped);
    return () => {
      ipc.removeListener(IPC.event, wrapped);
    };
  };
  return { invoke, onEvent };
}

export function createShellBridge(ipc: RendererIpc): ShellBridge {
  return {
    async chooseSavePath(options) {
      const path: unknown = await ipc.invoke(IPC.chooseSavePath, options);
      return typeof path === 'string' ? path : null;
    },
    async chooseOpenPath(options) {
      const path: unknown = await ipc.invoke(IPC.chooseOpenPath, options);
      return typeof path === 'string' ? path : null;
    },
    async openInWindow(path) {
      await ipc.invoke(IPC.openInWindow, path);
    },
    async openAudience(path) {
      await ipc.invoke(IPC.openAudience, path);
    },
    setDocument(doc) {
      ipc.send(IPC.setDocument, doc ? { docId: doc.docId, path: doc.path, name: doc.name } : null);
    },
    onMenuCommand(listener: (command: MenuCommand) => void) {
      const wrapped = (_event: unknown, command: unknown) => {
        if (isMenuCommand(command)) listener(command);
      };
      ipc.on(IPC.menu, wrapped);
      return () => {
        ipc.removeListener(IPC.menu, wrapped);
      };
    },
  };
}

contextBridge.exposeInMainWorld('trame', createTrameBridge(ipcRenderer));
contextBridge.exposeInMainWorld('trameShell', createShellBridge(ipcRenderer));
