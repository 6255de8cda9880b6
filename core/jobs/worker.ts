// The job worker (bundled as dist/job-worker.cjs): runs jobs off the main thread, one at a time, as they come
// (core/jobs/pool.ts keeps it warm between them). Its own SQLite connections only: the main thread hands it a
// snapshot or a path, never a live connection.
import { parentPort } from 'node:worker_threads';
import type { JobMessage } from './pool';
import type { WorkerMessage } from './runner';
import { runWork } from './work';

parentPort!.on('message', (job: JobMessage) => {
  void runWork(job.type, job.payload, new Int32Array(job.cancel), (m: WorkerMessage) => parentPort!.postMessage(m));
});
