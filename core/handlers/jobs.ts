// Every job type, combined from the features' own declarations (each feature's jobs.ts) — as the channels are from
// their contracts — and the three job channels over the runner. The job worker's entry takes its work table from the
// same combination, so a job type is declared once, in its feature, and nowhere else.
import { JOB_TYPES } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import type { JobStatusOf } from '../api/jobs';
import { combineJobs, type JobTable } from '../jobs/types';
import type { JobRunner } from '../jobs/runner';
import type { FeatureContext } from '../session';
import { filesJobDeclarations } from '../features/files';
import { indicatorJobDeclarations } from '../features/indicators';
import { protocoleJobDeclarations } from '../features/protocole';
import { signingJobDeclarations } from '../features/signing';
import { versionsJobDeclarations } from '../features/versions';
import { spreadsheetJobDeclarations } from '../features/spreadsheet';

export const JOBS: JobTable<FeatureContext<any>> = combineJobs<FeatureContext<any>>(
  JOB_TYPES,
  { feature: 'files', jobs: filesJobDeclarations },
  { feature: 'indicators', jobs: indicatorJobDeclarations },
  { feature: 'protocole', jobs: protocoleJobDeclarations },
  { feature: 'signing', jobs: signingJobDeclarations },
  { feature: 'versions', jobs: versionsJobDeclarations },
  { feature: 'spreadsheet', jobs: spreadsheetJobDeclarations },
);

type JobChannels = Pick<Handlers, 'job.start' | 'job.status' | 'job.cancel'>;

/** job.start, job.status, job.cancel: the API's door to the job runner. */
export function jobHandlers(jobs: JobRunner<FeatureContext<any>>): JobChannels {
  return {
    'job.start': ({ type, input }) => ({ jobId: jobs.start(type, input) }),
    'job.status': ({ jobId }) => jobs.status(jobId) as JobStatusOf<never>,
    'job.cancel': ({ jobId }) => jobs.cancel(jobId) as JobStatusOf<never>,
  };
}
