// The job worker (bundled as dist/job-worker.cjs): runs one job's work off the main thread and reports progress,
// its result, its French error, or that it stopped on cancellation. Its own SQLite connections only: the main
// thread hands it a snapshot or a path, never a live connection.
import { parentPort, workerData } from 'node:worker_threads';
import { toAppError } from '../api/result';
import type { WorkerMessage } from './runner';
import { JobCancelled, type JobWork, type WorkContext } from './types';
import { WORK } from './work-table';

const PROGRESS_EVERY_MS = 25;

async function main(): Promise<void> {
  const { type, payload, cancel } = workerData as { type: string; payload: unknown; cancel: SharedArrayBuffer };
  const flag = new Int32Array(cancel);
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  let last = 0;
  const ctx: WorkContext = {
    progress(done, total, label) {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS && done !== total) return;
      last = now;
      post({ kind: 'progress', progress: { done, total, label } });
    },
    checkCancelled() {
      if (Atomics.load(flag, 0) !== 0) throw new JobCancelled();
    },
  };
  const work = Object.prototype.hasOwnProperty.call(WORK, type) ? (WORK as Record<string, JobWork>)[type] : undefined;
  try {
    if (!work) throw new Error(`type de tâche inconnu : ${type}`);
    ctx.checkCancelled();
    const result = await work(payload, ctx);
    post({ kind: 'done', result });
  } catch (err) {
    if (err instanceof JobCancelled || Atomics.load(flag, 0) !== 0) post({ kind: 'cancelled' });
    else post({ kind: 'failed', error: toAppError(err) });
  }
}

void main();
