// Types of what the preload exposes on `window`, for the renderer's global declarations:
//   declare global { interface Window { trame: TrameBridge; trameShell?: ShellBridge } }
// `trameShell` is optional because the browser harness has no shell (the UI falls back to typed paths).
import type { ApiEvent, Invoke, ShellBridge } from '../core/api/contract';

export interface TrameBridge {
  invoke: Invoke;
  /** Events pushed by the main process (a job's progress and end). Returns an unsubscribe function. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export type { ShellBridge };
