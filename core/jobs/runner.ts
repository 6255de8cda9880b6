// Runs jobs in worker threads (kept warm between jobs, core/jobs/pool.ts), so the thread that serves the windows (and
// every open contrat) stays responsive while a long export or import runs. Each change of a job's status is pushed to the listeners
// (Electron IPC, the HTTP harness's server-sent events) and kept for job.status.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { JobStatusOf } from '../api/jobs';
import { toAppError, TrameError, type AppError } from '../api/result';
import { WorkerPool } from './pool';
import { workTable, type JobTable, type WorkerMessage } from './types';
import { runWork } from './work';

export type { WorkerMessage } from './types';

type JobStatus = JobStatusOf<string>;
/** What the runner pushes at each change of a job's status (one branch of the API's events). */
export interface JobEvent { kind: 'job'; job: JobStatusOf<any> }

interface Running {
  status: JobStatus;
  worker: { terminate(): void } | null;
  cancelFlag: Int32Array;
  ended: Promise<void>;
}

/** Finished jobs kept for job.status. */
const KEEP_FINISHED = 200;
/** A cancelled job stops at its next step; one that does not within this delay is stopped by force. */
const CANCEL_GRACE_MS = 10_000;
/** How a cancelled job ends: nothing it would have written exists. */
export const CANCELLED_ERROR: AppError = { code: 'annule', message: 'Opération annulée à votre demande : rien n’a été écrit.' };
/** Progress events at most this often (state changes are always sent). */
const PROGRESS_EVERY_MS = 50;

/** The bundled worker: next to the host's bundle (dist/), or dist/ under the working folder (tests run the sources). */
export function defaultJobWorker(): string {
  const candidates = [
    path.join(__dirname, 'job-worker.cjs'),
    path.join(__dirname, '..', 'job-worker.cjs'),
    path.resolve('dist', 'job-worker.cjs'),
  ];
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

export class JobRunner<C = unknown> {
  private readonly jobs = new Map<string, Running>();
  private readonly listeners = new Set<(e: JobEvent) => void>();
  private stopped = false;
  private readonly pool: WorkerPool;
  private readonly work;

  /**
   * `table`: every job type's declaration (the composition root combines the features'), run with `context`.
   * `inline`: the work runs on this thread instead of a worker (for the CLI, which has no window to keep responsive
   * and need not pay for starting a thread); everything else, checks, steps and events, is the same.
   */
  constructor(
    private readonly table: JobTable<C>,
    private readonly context: () => C,
    private readonly workerScript: string = defaultJobWorker(),
    private readonly inline = false,
  ) {
    this.pool = new WorkerPool(workerScript);
    this.work = workTable(table);
  }

  /** The job types this runner starts. */
  get types(): string[] {
    return Object.keys(this.table);
  }

  onEvent(listener: (e: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(status: JobStatus): void {
    const event: JobEvent = { kind: 'job', job: { ...status, progress: { ...status.progress } } };
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        /* a listener that fails (a window being closed) must not stop the job */
      }
    }
  }

  /**
   * Starts a job. Its `prepare` step runs now, on this thread: a refused input or a missing document is this call's
   * error, and no job is created.
   */
  start(type: string, input: unknown): string {
    const decl = Object.prototype.hasOwnProperty.call(this.table, type) ? this.table[type] : undefined;
    if (!decl) throw new TrameError('entree-invalide', `Type de tâche inconnu : « ${type} ».`);
    if (this.stopped) throw new TrameError('interne', 'Trame se ferme : aucune nouvelle tâche ne peut commencer.');
    if (!this.inline && !existsSync(this.workerScript)) {
      throw new TrameError(
        'interne',
        `Le module des tâches de fond est introuvable (${path.basename(this.workerScript)}) : l'installation de Trame est incomplète.`,
      );
    }
    const ctx = this.context();
    const { payload, transfer } = decl.prepare(ctx, input as never);
    const jobId = randomUUID();
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    const status: JobStatus = { jobId, type, state: 'running', progress: { done: 0, total: null, label: 'Démarrage…' } };
    let resolveEnded!: () => void;
    const running: Running = { status, worker: null, cancelFlag, ended: new Promise((r) => (resolveEnded = r)) };
    this.jobs.set(jobId, running);
    let lastProgress = 0;

    const end = (patch: Partial<JobStatus>): void => {
      if (status.state !== 'running') return;
      Object.assign(status, patch);
      running.worker = null;
      this.emit(status);
      this.prune();
      resolveEnded();
    };
    const cancelled = (): void => end({ state: 'cancelled', error: CANCELLED_ERROR, progress: { ...status.progress, label: 'Annulé' } });
    const onMessage = (m: WorkerMessage): void => {
      if (status.state !== 'running') return;
      if (m.kind === 'progress') {
        status.progress = m.progress;
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          this.emit(status);
        }
      } else if (m.kind === 'cancelled') {
        cancelled();
      } else if (m.kind === 'failed') {
        end({ state: 'failed', error: m.error });
      } else {
        // The work is done; the main-thread step (e.g. opening the new file) finishes the job.
        Promise.resolve()
          .then(() => decl.finish(ctx, m.result, input as never))
          .then(
            (result) => end({ state: 'done', result, progress: { done: status.progress.total ?? 1, total: status.progress.total ?? 1, label: 'Terminé' } }),
            (err: unknown) => end({ state: 'failed', error: toAppError(err) }),
          );
      }
    };

    if (this.inline) {
      // No window to keep responsive (the CLI): the same work, on this thread, after this call has answered.
      setImmediate(() => void runWork(this.work, type, payload, cancelFlag, onMessage));
    } else {
      try {
        running.worker = this.pool.run({ type, payload, cancel: cancelFlag.buffer as SharedArrayBuffer }, transfer, onMessage, (err) => {
          // Called only while the worker runs the job (the pool detaches it at the job's last message).
          if (Atomics.load(cancelFlag, 0)) cancelled();
          else if (err) end({ state: 'failed', error: toAppError(err) });
          else end({ state: 'failed', error: { code: 'interne', message: "La tâche s'est arrêtée avant la fin. Réessayez ; vos fichiers n'ont pas été modifiés." } });
        });
      } catch (err) {
        // Only a caller in this process can hand over such a value (IPC and HTTP carry plain data): no job was created.
        this.jobs.delete(jobId);
        if ((err as { name?: unknown } | null)?.name !== 'DataCloneError') throw err;
        throw new TrameError('entree-invalide', 'Les données de cette tâche contiennent une valeur que Trame ne sait pas transmettre à la tâche de fond (ni texte, ni nombre, ni objet ordinaire) : rien n’a été lancé.');
      }
    }
    this.emit(status);
    return jobId;
  }

  private get(jobId: string): Running {
    const r = this.jobs.get(jobId);
    if (!r) throw new TrameError('introuvable', 'Cette tâche est inconnue : elle est peut-être terminée depuis longtemps.');
    return r;
  }

  status(jobId: string): JobStatus {
    return { ...this.get(jobId).status };
  }

  /** Asks the job to stop at its next step. A job already ended keeps its final status. */
  cancel(jobId: string): JobStatus {
    const r = this.get(jobId);
    if (r.status.state === 'running') Atomics.store(r.cancelFlag, 0, 1);
    if (r.status.state === 'running' && r.worker) {
      const worker = r.worker;
      const timer = setTimeout(() => worker.terminate(), CANCEL_GRACE_MS);
      timer.unref();
      void r.ended.then(() => clearTimeout(timer));
    }
    return this.status(jobId);
  }

  /** Resolves with the job's final status. */
  async wait(jobId: string): Promise<JobStatus> {
    await this.get(jobId).ended;
    return this.status(jobId);
  }

  /** Waits for every running job to end. */
  async settle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((r) => r.ended));
  }

  /** Quit paths: running jobs are stopped at once (their temporary files are never published). */
  stopAll(): void {
    this.stopped = true;
    for (const r of this.jobs.values()) {
      Atomics.store(r.cancelFlag, 0, 1);
      r.worker?.terminate();
    }
    this.pool.stopAll();
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, r]) => r.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
