// The work each job type does inside the worker, by job type. Each feature keeps its work beside its handlers.
import type { JobType } from '../api/contract';
import { formatWork } from '../features/format/work';
import { indicatorWork } from '../features/indicators/work';
import { protocoleWork } from '../features/protocole/work';
import { signingWork } from '../features/signing/handlers';
import { versionsWork } from '../features/versions/handlers';
import type { JobWork } from './types';

export const WORK: Record<JobType, JobWork> = { ...formatWork, ...indicatorWork, ...protocoleWork, ...signingWork, ...versionsWork };
