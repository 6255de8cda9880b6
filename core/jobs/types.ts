// What a job is, below the features: a feature declares each of its job types once, in its own jobs.ts — the
// main-thread steps (check the input and take a snapshot; turn the worker's result into the job's result) and the
// work done in the worker thread — against the input schema its contract.ts gives the job (what the renderer sees).
// The composition root (core/handlers) combines the declarations: job.start's steps and the worker's work table
// both come from there, so a job type has no second list to be added to.
import type { z } from 'zod';
import type { JobProgress, JobSpec } from '../api/jobs';
import type { AppError } from '../api/result';

export interface Prepared<P> {
  /** What the worker receives (structured clone): a snapshot, never a live connection. */
  payload: P;
  /** ArrayBuffers moved to the worker instead of copied. */
  transfer?: ArrayBuffer[];
}

/** Inside the worker: report progress, and stop at the next step once the job is cancelled. */
export interface WorkContext {
  progress(done: number, total: number | null, label: string): void;
  /** Throws JobCancelled once job.cancel was asked. Call it between steps and inside long loops. */
  checkCancelled(): void;
}

export type JobWork = (payload: any, ctx: WorkContext) => unknown;

/** One job type, whole. `C` is what the main-thread steps receive from the host (the features' context). */
export interface JobDeclaration<C, I = never, P = unknown, W = unknown, O = unknown> {
  /** At job.start, on the main thread: a refused input or a missing document is job.start's own answer. */
  prepare(ctx: C, input: I): Prepared<P>;
  /** In the worker (or inline in the CLI): the long work, on the payload only. */
  work(payload: P, wctx: WorkContext): W | Promise<W>;
  /** Back on the main thread: turns the work's result into the job's result (e.g. opens the new file). */
  finish(ctx: C, result: W, input: I): O | Promise<O>;
}

/** The declarations a feature must give for the job types of its contract: one per type, no more. */
export type JobsOf<C, T extends Record<string, JobSpec>> = {
  [K in keyof T]: JobDeclaration<C, z.infer<T[K]['input']>, any, any, T[K]['output']>;
};

/** A feature's declarations with its name (for the root's error messages). */
export interface FeatureJobs<C> {
  feature: string;
  jobs: Record<string, JobDeclaration<C, any, any, any, any>>;
}

/** The combined table, by job type. */
export type JobTable<C> = Record<string, JobDeclaration<C, any, any, any, any>>;

/** The worker's side of the table: the work only. */
export type WorkTable = Record<string, JobWork>;

/**
 * Combines the features' declarations; refuses a type declared twice, one no contract declares, and a type of the
 * contract that no feature implements.
 */
export function combineJobs<C>(types: readonly string[], ...parts: FeatureJobs<C>[]): JobTable<C> {
  const out: JobTable<C> = Object.create(null);
  const owner = new Map<string, string>();
  for (const part of parts) {
    for (const [type, decl] of Object.entries(part.jobs)) {
      const already = owner.get(type);
      if (already !== undefined) throw new Error(`La tâche « ${type} » est déclarée deux fois : par « ${already} » et par « ${part.feature} ».`);
      if (!types.includes(type)) throw new Error(`« ${part.feature} » déclare la tâche « ${type} », qui n'est pas dans le contrat.`);
      owner.set(type, part.feature);
      out[type] = decl;
    }
  }
  const missing = types.filter((t) => !owner.has(t));
  if (missing.length) throw new Error(`Tâches sans déclaration : ${missing.join(', ')}.`);
  return out;
}

/** The work of every type of a table (what the worker thread runs). */
export function workTable<C>(table: JobTable<C>): WorkTable {
  const out: WorkTable = Object.create(null);
  for (const [type, decl] of Object.entries(table)) out[type] = (payload, wctx) => decl.work(payload, wctx);
  return out;
}

/** Messages from the work (core/jobs/work.ts) to the runner, across the worker boundary. */
export type WorkerMessage =
  | { kind: 'progress'; progress: JobProgress }
  | { kind: 'done'; result: unknown }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: AppError };

export class JobCancelled extends Error {
  constructor() {
    super('tâche annulée');
    this.name = 'JobCancelled';
  }
}
