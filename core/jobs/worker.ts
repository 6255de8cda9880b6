// The job worker's loop: runs jobs off the main thread, one at a time, as they come (core/jobs/pool.ts keeps the
// thread warm between them). Its own SQLite connections only: the main thread hands it a snapshot or a path, never a
// live connection. The bundled entry (dist/job-worker.cjs) is core/handlers/job-worker.ts, which gives it the work
// table of every feature.
import { parentPort } from 'node:worker_threads';
import type { JobMessage } from './pool';
import type { WorkerMessage, WorkTable } from './types';
import { runWork } from './work';

export function serveJobs(table: WorkTable): void {
  parentPort!.on('message', (job: JobMessage) => {
    void runWork(table, job.type, job.payload, new Int32Array(job.cancel), (m: WorkerMessage) => parentPort!.postMessage(m));
  });
}
