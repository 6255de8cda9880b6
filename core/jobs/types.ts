// What a feature provides for each of its job types: the main-thread steps (check the input and take a snapshot;
// turn the worker's result into the job's result) and, separately, the work done in the worker thread.
import type { z } from 'zod';
import type { JobSpec } from '../api/jobs';

export interface Prepared<P> {
  /** What the worker receives (structured clone): a snapshot, never a live connection. */
  payload: P;
  /** ArrayBuffers moved to the worker instead of copied. */
  transfer?: ArrayBuffer[];
}

/** Main-thread steps of one job type. `prepare` runs at job.start: an error there is job.start's own answer. */
export interface JobSteps<I = never, P = unknown, W = unknown, O = unknown> {
  prepare(input: I): Prepared<P>;
  finish(result: W, input: I): O | Promise<O>;
}

/** The steps a feature must provide for its job table. */
export type JobStepsOf<T extends Record<string, JobSpec>> = {
  [K in keyof T]: JobSteps<z.infer<T[K]['input']>, any, any, T[K]['output']>;
};

/** Inside the worker: report progress, and stop at the next step once the job is cancelled. */
export interface WorkContext {
  progress(done: number, total: number | null, label: string): void;
  /** Throws JobCancelled once job.cancel was asked. Call it between steps and inside long loops. */
  checkCancelled(): void;
}

export type JobWork = (payload: any, ctx: WorkContext) => unknown;

export class JobCancelled extends Error {
  constructor() {
    super('tâche annulée');
    this.name = 'JobCancelled';
  }
}
