// Runs one job's work and reports on it: progress, the result, a French error, or that it stopped on cancellation.
// Used inside the worker thread (core/jobs/worker.ts), and on the calling thread by hosts that have no window to
// keep responsive (the CLI). The work table comes from the composition root: this floor knows no feature.
import { toAppError } from '../api/result';
import { JobCancelled, type WorkContext, type WorkerMessage, type WorkTable } from './types';

const PROGRESS_EVERY_MS = 25;

export async function runWork(table: WorkTable, type: string, payload: unknown, cancelFlag: Int32Array, post: (m: WorkerMessage) => void): Promise<void> {
  let last = 0;
  const ctx: WorkContext = {
    progress(done, total, label) {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS && done !== total) return;
      last = now;
      post({ kind: 'progress', progress: { done, total, label } });
    },
    checkCancelled() {
      if (Atomics.load(cancelFlag, 0) !== 0) throw new JobCancelled();
    },
  };
  const work = Object.prototype.hasOwnProperty.call(table, type) ? table[type] : undefined;
  try {
    if (!work) throw new Error(`type de tâche inconnu : ${type}`);
    ctx.checkCancelled();
    const result = await work(payload, ctx);
    post({ kind: 'done', result });
  } catch (err) {
    if (err instanceof JobCancelled || Atomics.load(cancelFlag, 0) !== 0) post({ kind: 'cancelled' });
    else post({ kind: 'failed', error: toAppError(err) });
  }
}
