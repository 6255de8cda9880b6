// The job worker's entry (bundled as dist/job-worker.cjs): the worker loop of core/jobs with the work of every job
// type, taken from the features' declarations.
import { serveJobs } from '../jobs/worker';
import { workTable } from '../jobs/types';
import { JOBS } from './jobs';

serveJobs(workTable(JOBS));
