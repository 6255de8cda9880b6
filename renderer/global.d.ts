/// <reference types="vite/client" />
// What the Electron preload exposes on `window` (absent in the browser harness, where the client falls back to HTTP).
import type { ApiEvent, Invoke, ShellBridge } from '../core/api/contract';

declare global {
  interface Window {
    trame?: { invoke: Invoke; onEvent?: (listener: (event: ApiEvent) => void) => () => void };
    trameShell?: ShellBridge;
  }
}

export {};
