// The composition root: one handler table made of every feature's handlers, over one session of open documents
// and one job runner. The hosts (Electron's IPC, the HTTP harness, the CLI) call it through dispatch().
import { CHANNELS, type ApiEvent, type JobType } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { combineHandlers } from '../api/registry';
import { JobRunner } from '../jobs/runner';
import type { JobSteps } from '../jobs/types';
import { DocumentSession, SettingsFile, type FeatureContext, type HostOptions } from '../session';
import { appHandlers } from '../features/app';
import { contratHandlers } from '../features/contrat';
import { demoHandlers } from '../features/demo';
import { filesHandlers } from '../features/files';
import { formatHandlers, formatJobSteps } from '../features/format';
import { historyHandlers } from '../features/history';
import { protocoleHandlers, protocoleJobSteps } from '../features/protocole';
import { indicatorJobSteps, indicatorsHandlers } from '../features/indicators';
import { treeHandlers } from '../features/tree';
import { commitmentsHandlers } from '../features/commitments';
import { workshopHandlers } from '../features/workshop';
import { EventHub } from '../api/events';
import { signingHandlers, signingJobSteps } from '../features/signing';
import { versionsHandlers, versionsJobSteps } from '../features/versions';
import { jobHandlers } from '../jobs/handlers';
import type { Store } from '../../db/store';

export type { HostOptions } from '../session';

export interface HandlerSet {
  handlers: Handlers;
  /** Closes every open contrat (clean close: the files go back to a single self-contained file); stops the jobs. */
  closeAll(): void;
  /** For hosts (Electron: which window has which file) and tests. */
  openDocs(): { docId: string; path: string }[];
  /** Waits for background work to finish: jobs, backups being written, contrats being closed after one. */
  settle(): Promise<void>;
  /** Test and host access to an open store (e.g. fault injection in tests). */
  store(docId: string): Store | undefined;
  /** Job status changes, changes of an open contrat, the workshop: for the transports that push them to the page. */
  onEvent(listener: (e: ApiEvent) => void): () => void;
  /** The job runner (the CLI and tests wait for a job's end). */
  jobs: JobRunner;
}

export function createHandlers(host: HostOptions): HandlerSet {
  const settings = new SettingsFile(host.appDataDir);
  const events = new EventHub<ApiEvent>();
  const docs = new DocumentSession(host, settings, (change) => events.emit({ kind: 'doc-changed', change }));
  // The CLI has no window to keep responsive: its jobs run on its own thread (the same steps and work).
  const jobs = new JobRunner(host.jobWorker, host.mode === 'cli');
  jobs.onEvent((e) => events.emit(e));
  const ctx: FeatureContext = { host, settings, docs, jobs, events };
  const steps: Record<JobType, JobSteps<any>> = { ...formatJobSteps(ctx), ...indicatorJobSteps(ctx), ...protocoleJobSteps(ctx), ...signingJobSteps(ctx), ...versionsJobSteps(ctx) };
  const handlers = combineHandlers<Handlers>(
    CHANNELS,
    { feature: 'app', handlers: appHandlers(ctx) },
    { feature: 'contrat', handlers: contratHandlers(ctx) },
    { feature: 'demo', handlers: demoHandlers(ctx) },
    { feature: 'files', handlers: filesHandlers(ctx) },
    { feature: 'tree', handlers: treeHandlers(ctx) },
    { feature: 'history', handlers: historyHandlers(ctx) },
    { feature: 'format', handlers: formatHandlers(ctx) },
    { feature: 'protocole', handlers: protocoleHandlers(ctx) },
    { feature: 'indicators', handlers: indicatorsHandlers(ctx) },
    { feature: 'jobs', handlers: jobHandlers(jobs, steps) },
    { feature: 'commitments', handlers: commitmentsHandlers(ctx) },
    { feature: 'workshop', handlers: workshopHandlers(ctx) },
    { feature: 'signing', handlers: signingHandlers(ctx) },
    { feature: 'versions', handlers: versionsHandlers(ctx) },
  );
  return {
    handlers,
    closeAll: () => {
      jobs.stopAll();
      docs.closeAll();
    },
    settle: async () => {
      await jobs.settle();
      await docs.settle();
    },
    store: (docId) => docs.store(docId),
    openDocs: () => docs.list(),
    onEvent: (listener) => events.on(listener),
    jobs,
  };
}
