// Long work (exports, imports, later documents, signing, diffs, merges) runs as a job in a worker thread, so that
// the thread serving the windows stays responsive. A feature declares its job types here in its contract.ts; the
// channels job.start / job.status / job.cancel (core/api/contract.ts) start them, report on them and cancel them,
// and each change of a job's status is pushed to the page as an ApiEvent (IPC in Electron, server-sent events over
// the HTTP harness).
import { z } from 'zod';
import type { AppError } from './result';

export interface JobSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  output: O;
}

/** Declares a job type whose result is `O`. */
export function job<O>() {
  return <I extends z.ZodType>(input: I): JobSpec<I, O> => ({ input, output: undefined as O });
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  done: number;
  /** null while the amount of work is not known yet. */
  total: number | null;
  /** What is being done, in French (« Écriture du fichier »). */
  label: string;
}

export interface JobStatusOf<T extends string> {
  jobId: string;
  type: T;
  state: JobState;
  progress: JobProgress;
  /** Once done: the job's result (typed by JobOutput of its type). */
  result?: unknown;
  /** Once failed: why, in French. */
  error?: AppError;
}

/** Builds the input validator of job.start: one branch per job type, each with that type's own input. */
export function jobStartInput<T extends Record<string, JobSpec>>(jobs: T) {
  const branches = Object.entries(jobs).map(([type, spec]) => z.strictObject({ type: z.literal(type), input: spec.input }));
  if (branches.length === 0) throw new Error('aucun type de tâche');
  return z.discriminatedUnion('type', branches as [(typeof branches)[number], ...(typeof branches)[number][]]) as unknown as z.ZodType<
    { [K in keyof T & string]: { type: K; input: z.infer<T[K]['input']> } }[keyof T & string]
  >;
}
