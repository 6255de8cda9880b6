// Where the Electron app runs its handlers. In the main process they would share the thread that draws every
// window's frame and routes its input: a 30 ms read of a 10 000-item contrat would freeze the workshop's audience
// view for two frames. So they run on a worker thread (host-worker.ts), and the main thread only forwards calls and
// each answer's bytes (host-protocol.ts). If that thread cannot start (its script missing from an installation),
// the same handlers run in this thread, as before, and the app says so in its log.
import { Worker } from 'node:worker_threads';
import type { ApiEvent } from '../api/contract';
import { dispatch } from '../api/dispatch';
import type { Result } from '../api/result';
import { createHandlers, type HandlerSet, type HostOptions } from './index';
import { decodeResult, encodeResult, isAnswerBytes, type HostMessage, type HostRequest } from './host-protocol';

export interface HandlerHost {
  /** 'worker': the handlers run on their own thread; 'inline': on this one. */
  readonly kind: 'worker' | 'inline';
  /** A page's call: the answer as the bytes of its JSON (worker) or as the Result itself (inline). */
  invoke(channel: unknown, input: unknown): Promise<Result<unknown> | Uint8Array>;
  /** The host's own call (closing a window's contrat, tests): the Result. */
  call(channel: unknown, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (e: ApiEvent) => void): () => void;
  /** The contrat lives in memory only (its file stopped taking writes): its window must not close without asking. */
  isOffline(docId: string): boolean;
  /** Waits for background work: jobs, backups being written. */
  settle(): Promise<void>;
  /** Closes every open contrat cleanly (one self-contained file each) and waits for it. */
  closeAll(): Promise<void>;
}

/** The answer when the handlers' thread is gone (it crashed): what the page shows, in French. */
const HOST_GONE: Result<never> = {
  ok: false,
  error: {
    code: 'interne',
    message: "Le moteur de Trame s'est arrêté : fermez puis rouvrez Trame. Les modifications déjà enregistrées sont dans vos fichiers.",
  },
};

/** The handlers on a worker thread. */
export class WorkerHost implements HandlerHost {
  readonly kind = 'worker';
  private next = 1;
  private readonly pending = new Map<number, (m: HostMessage | null) => void>();
  private readonly listeners = new Set<(e: ApiEvent) => void>();
  private offline = new Set<string>();
  private gone = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: HostMessage) => this.receive(m));
    const lost = (): void => {
      this.gone = true;
      for (const resolve of this.pending.values()) resolve(null);
      this.pending.clear();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
  }

  /** Starts the thread; resolves once its handlers are made, rejects with its French reason if they cannot be. */
  static start(script: string, options: HostOptions): Promise<WorkerHost> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: options });
      } catch (err) {
        reject(err);
        return;
      }
      const detach = (): void => {
        worker.off('message', early);
        worker.off('error', failed);
        worker.off('exit', exited);
      };
      const early = (m: HostMessage): void => {
        if (m.op === 'ready') {
          detach();
          resolve(new WorkerHost(worker));
        } else if (m.op === 'failed') {
          detach();
          void worker.terminate();
          reject(new Error(m.message));
        }
      };
      const failed = (err: Error): void => {
        detach();
        reject(err);
      };
      // A thread that ends before it says it is ready (its script stopped it): never a start that waits forever.
      const exited = (code: number): void => {
        detach();
        reject(new Error(`fil arrêté avant d’être prêt (code ${code})`));
      };
      worker.on('message', early);
      worker.on('error', failed);
      worker.on('exit', exited);
    });
  }

  private receive(m: HostMessage): void {
    if ('offline' in m && m.offline) this.offline = new Set(m.offline);
    if (m.op === 'event') {
      for (const l of [...this.listeners]) {
        try {
          l(m.event);
        } catch {
          // a window being closed: the others still get the event
        }
      }
    } else if (m.op === 'reply' || m.op === 'done') {
      const resolve = this.pending.get(m.id);
      this.pending.delete(m.id);
      resolve?.(m);
    }
  }

  private request(make: (id: number) => HostRequest): Promise<HostMessage | null> {
    if (this.gone) return Promise.resolve(null);
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.worker.postMessage(make(id));
      } catch (err) {
        this.pending.delete(id);
        // An input the structured clone refuses (a function, a Symbol): only a caller in this process can make one.
        resolve({ op: 'reply', id, bytes: encodeResult({ ok: false, error: { code: 'entree-invalide', message: `Données refusées : elles ne peuvent pas être transmises (${(err as Error)?.name ?? 'erreur'}).` } }) });
      }
    });
  }

  async invoke(channel: unknown, input: unknown): Promise<Result<unknown> | Uint8Array> {
    const m = await this.request((id) => ({ op: 'call', id, channel, input }));
    return m?.op === 'reply' ? m.bytes : HOST_GONE;
  }

  async call(channel: unknown, input: unknown): Promise<Result<unknown>> {
    const r = await this.invoke(channel, input);
    return isAnswerBytes(r) ? decodeResult(r) : r;
  }

  onEvent(listener: (e: ApiEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  isOffline(docId: string): boolean {
    return this.offline.has(docId);
  }

  async settle(): Promise<void> {
    await this.request((id) => ({ op: 'settle', id }));
  }

  async closeAll(): Promise<void> {
    await this.request((id) => ({ op: 'closeAll', id }));
  }

  /** Stops the thread at once (tests; the app quits through closeAll). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The handlers on this thread: the fallback, and the hosts that have no window to keep responsive. */
export class InlineHost implements HandlerHost {
  readonly kind = 'inline';
  constructor(readonly set: HandlerSet) {}

  invoke(channel: unknown, input: unknown): Promise<Result<unknown>> {
    return dispatch(this.set.handlers, channel, input);
  }

  call(channel: unknown, input: unknown): Promise<Result<unknown>> {
    return dispatch(this.set.handlers, channel, input);
  }

  onEvent(listener: (e: ApiEvent) => void): () => void {
    return this.set.onEvent(listener);
  }

  isOffline(docId: string): boolean {
    return Boolean(this.set.store(docId)?.offline);
  }

  settle(): Promise<void> {
    return this.set.settle();
  }

  async closeAll(): Promise<void> {
    this.set.closeAll();
    await this.set.settle();
  }
}

/**
 * The handlers on their own thread (`script`: the bundled dist/handler-host.cjs), or on this one if that thread
 * cannot start; `warn` says why. Throws only if the handlers cannot be made at all (the data folder refused).
 */
export async function startHost(script: string, options: HostOptions, warn: (message: string) => void): Promise<HandlerHost> {
  try {
    return await WorkerHost.start(script, options);
  } catch (err) {
    warn(`[trame] les traitements tournent dans le processus principal (fil dédié impossible : ${err instanceof Error ? err.message : String(err)})`);
    return new InlineHost(createHandlers(options));
  }
}
