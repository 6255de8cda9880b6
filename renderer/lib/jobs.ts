// The client side of long work (JSON export, JSON import; later PDF, signing, merges): start a job, follow its
// progress, cancel it, get its result or its French error. Progress arrives as pushed events (renderer/api.ts);
// since an event can be missed — the job may even be over before we subscribed — the status is also asked once
// after the start, and then now and again while the job runs, so the page never waits on an event that will not come.
import { invoke, onApiEvent } from '../api';
import type { Input, JobInput, JobOutput, JobStatus, JobType } from '../../core/api/contract';
import type { AppError, Result } from '../../core/api/result';

export interface JobHandle<J extends JobType> {
  /** The result, or the French error (also when cancelled: code `annule`… see CANCELLED). Never rejects. */
  done: Promise<Result<JobOutput<J>>>;
  /** Asks the job to stop; `done` then answers with the cancellation. */
  cancel(): Promise<void>;
}

/** How the end of a cancelled job is told (`done` answers with this error, as the job runner does). */
export const CANCELLED: AppError = { code: 'annule', message: 'Opération annulée à votre demande : rien n’a été écrit.' };

export function isCancelled(error: AppError): boolean {
  return error.code === 'annule';
}

/** Fallback poll while a job runs, in case pushed events do not reach the page (not a wait: the events come first). */
const POLL_MS = 1000;

export function runJob<J extends JobType>(type: J, input: JobInput<J>, onStatus: (status: JobStatus) => void): JobHandle<J> {
  let jobId: string | null = null;
  let finished = false;
  let cancelAsked = false;
  let resolveDone!: (r: Result<JobOutput<J>>) => void;
  const done = new Promise<Result<JobOutput<J>>>((resolve) => (resolveDone = resolve));
  let timer: ReturnType<typeof setInterval> | null = null;
  let off: (() => void) | null = null;
  const early: JobStatus[] = [];

  const finish = (r: Result<JobOutput<J>>) => {
    if (finished) return;
    finished = true;
    off?.();
    if (timer !== null) clearInterval(timer);
    resolveDone(r);
  };

  const take = (s: JobStatus) => {
    if (finished || s.jobId !== jobId) return;
    onStatus(s);
    if (s.state === 'done') finish({ ok: true, value: s.result as JobOutput<J> });
    else if (s.state === 'failed') {
      finish({ ok: false, error: s.error ?? { code: 'interne', message: 'L’opération a échoué sans donner de raison. Réessayez.' } });
    } else if (s.state === 'cancelled') finish({ ok: false, error: CANCELLED });
  };

  const ask = async () => {
    if (finished || jobId === null) return;
    const r = await invoke('job.status', { jobId });
    if (r.ok) take(r.value);
    else finish({ ok: false, error: r.error });
  };

  // Subscribe before starting, so no event of this job can pass unseen; keep what comes before we know its id.
  off = onApiEvent((e) => {
    if (e.kind !== 'job') return;
    if (jobId === null) early.push(e.job);
    else take(e.job);
  });

  void (async () => {
    const started = await invoke('job.start', { type, input } as Input<'job.start'>);
    if (!started.ok) return finish({ ok: false, error: started.error });
    jobId = (started.value as { jobId: string }).jobId;
    for (const s of early.splice(0)) take(s);
    if (cancelAsked) await invoke('job.cancel', { jobId });
    await ask();
    if (!finished) timer = setInterval(() => void ask(), POLL_MS);
  })();

  return {
    done,
    async cancel() {
      cancelAsked = true;
      if (finished || jobId === null) return;
      const r = await invoke('job.cancel', { jobId });
      if (r.ok) take(r.value);
    },
  };
}

/** « 42 % » for a known total, null while the amount of work is not known yet. */
export function percentOf(status: Pick<JobStatus, 'progress'>): number | null {
  const { done, total } = status.progress;
  if (total === null || total <= 0) return null;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}
