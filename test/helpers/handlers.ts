import { createHandlers, type HandlerSet } from '../../core/handlers';
import { dispatch } from '../../core/api/dispatch';
import type { Channel, Input, JobInput, JobOutput, JobType, Output } from '../../core/api/contract';
import type { Result } from '../../core/api/result';
import { tmpDir } from './tmp';
import { afterEach } from 'vitest';

const sets: HandlerSet[] = [];
afterEach(() => {
  while (sets.length) sets.pop()!.closeAll();
});

/** Handlers over a temp app-data folder; `call` goes through dispatch like every host does. */
export function harness(options: { inMemory?: boolean } = {}): {
  dir: string;
  set: HandlerSet;
  call: <C extends Channel>(c: C, input: Input<C>) => Promise<Result<Output<C>>>;
  must: <C extends Channel>(c: C, input: Input<C>) => Promise<Output<C>>;
  raw: (c: unknown, input: unknown) => Promise<Result<unknown>>;
  /** Starts a job through dispatch (job.start), waits for its end, and answers as a call would. */
  job: <J extends JobType>(type: J, input: JobInput<J>) => Promise<Result<JobOutput<J>>>;
  mustJob: <J extends JobType>(type: J, input: JobInput<J>) => Promise<JobOutput<J>>;
} {
  const dir = tmpDir('trame-test-', options.inMemory);
  const set = createHandlers({ mode: 'web', appDataDir: dir, defaultDir: dir, version: 'test' });
  sets.push(set);
  const call = <C extends Channel>(c: C, input: Input<C>) =>
    dispatch(set.handlers, c, input) as Promise<Result<Output<C>>>;
  const must = async <C extends Channel>(c: C, input: Input<C>): Promise<Output<C>> => {
    const r = await call(c, input);
    if (!r.ok) throw new Error(`${c} : ${r.error.message}`);
    return r.value;
  };
  const job = async <J extends JobType>(type: J, input: JobInput<J>): Promise<Result<JobOutput<J>>> => {
    const started = await dispatch(set.handlers, 'job.start', { type, input });
    if (!started.ok) return started;
    const end = await set.jobs.wait((started.value as { jobId: string }).jobId);
    if (end.state === 'done') return { ok: true, value: end.result as JobOutput<J> };
    return { ok: false, error: end.error ?? { code: 'interne', message: `Tâche ${end.state}.` } };
  };
  const mustJob = async <J extends JobType>(type: J, input: JobInput<J>): Promise<JobOutput<J>> => {
    const r = await job(type, input);
    if (!r.ok) throw new Error(`${type} : ${r.error.message}`);
    return r.value;
  };
  return { dir, set, call, must, raw: (c, i) => dispatch(set.handlers, c, i), job, mustJob };
}
