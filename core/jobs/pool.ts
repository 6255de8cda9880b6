// Worker threads kept warm between jobs: starting one (a fresh V8 isolate loading the worker bundle and SQLite) costs
// hundreds of milliseconds on a modest laptop, more than many jobs. A worker runs one job at a time; an idle one
// waits, unreferenced, so that it never keeps the process alive.
import { Worker } from 'node:worker_threads';
import type { WorkerMessage } from './types';

export interface JobMessage {
  type: string;
  payload: unknown;
  cancel: SharedArrayBuffer;
}

/** Idle workers kept for the next jobs. */
const KEEP_IDLE = 2;

export class WorkerPool {
  private idle: Worker[] = [];
  private stopped = false;

  constructor(private readonly script: string) {}

  /**
   * Runs one job in an idle worker, or a new one. `onMessage` receives its messages; `onLost` is called if the worker
   * dies before the job's end (an uncaught error, or terminate()).
   */
  run(job: JobMessage, transfer: ArrayBuffer[] | undefined, onMessage: (m: WorkerMessage) => void, onLost: (err?: Error) => void): { terminate(): void } {
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    let active = true;
    const detach = () => {
      active = false;
      worker.off('message', message);
      worker.off('error', error);
      worker.off('exit', exit);
    };
    const message = (m: WorkerMessage) => {
      if (!active) return;
      if (m.kind !== 'progress') {
        detach();
        this.release(worker);
      }
      onMessage(m);
    };
    const error = (err: Error) => {
      if (!active) return;
      detach();
      onLost(err);
    };
    const exit = () => {
      if (!active) return;
      detach();
      onLost();
    };
    worker.on('message', message);
    worker.on('error', error);
    worker.on('exit', exit);
    try {
      worker.postMessage(job, transfer ?? []);
    } catch (err) {
      // A payload the structured clone refuses (a Symbol, a function): the worker goes back to the pool, untouched.
      detach();
      this.release(worker);
      throw err;
    }
    return { terminate: () => void worker.terminate() };
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    // An idle worker that dies leaves the pool; its error was reported to the job it ran, if any.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      this.idle = this.idle.filter((w) => w !== worker);
    });
    return worker;
  }

  private release(worker: Worker): void {
    if (this.stopped || this.idle.length >= KEEP_IDLE) {
      void worker.terminate();
      return;
    }
    worker.unref();
    this.idle.push(worker);
  }

  stopAll(): void {
    this.stopped = true;
    for (const w of this.idle) void w.terminate();
    this.idle = [];
  }
}
