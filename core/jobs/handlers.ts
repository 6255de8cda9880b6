// job.start, job.status, job.cancel: the API's door to the job runner.
import type { Handlers } from '../api/dispatch';
import type { JobType } from '../api/contract';
import type { JobRunner } from './runner';
import type { JobSteps } from './types';

export function jobHandlers(
  jobs: JobRunner,
  steps: Record<JobType, JobSteps<any>>,
): Pick<Handlers, 'job.start' | 'job.status' | 'job.cancel'> {
  return {
    'job.start': ({ type, input }) => ({ jobId: jobs.start(type, input, steps[type]) }),
    'job.status': ({ jobId }) => jobs.status(jobId),
    'job.cancel': ({ jobId }) => jobs.cancel(jobId),
  };
}
