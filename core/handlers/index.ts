// The composition root: one handler table made of every feature's handlers, over one session of open documents
// and one job runner. The hosts (Electron's IPC, the HTTP harness, the CLI) call it through dispatch().
import { CHANNELS, type ApiEvent } from '../api/contract';
import type { Handlers } from '../api/dispatch';
import { EventHub } from '../api/events';
import { combineHandlers } from '../api/registry';
import { JobRunner } from '../jobs/runner';
import { DocumentSession, SettingsFile, type ChangeScope, type FeatureContext, type HostOptions } from '../session';
import { startHandlers } from '../features/start';
import { contratChangeScope, contratHandlers, readContrat } from '../features/contrat';
import { filesHandlers } from '../features/files';
import { journalHandlers } from '../features/journal';
import { mergeHandlers } from '../features/merge';
import { protocoleHandlers } from '../features/protocole';
import { indicatorsChangeScope, indicatorsHandlers } from '../features/indicators';
import { treeChangeScope, treeHandlers } from '../features/tree';
import { commitmentsHandlers } from '../features/commitments';
import { workshopHandlers } from '../features/workshop';
import { signingHandlers } from '../features/signing';
import { versionsHandlers } from '../features/versions';
import { spreadsheetHandlers } from '../features/spreadsheet';
import type { Store } from '../../db/store';
import { jobHandlers, JOBS } from './jobs';

/** The tables whose changes the pages are told about, from the features that own them. */
function changeScope(...parts: Partial<ChangeScope>[]): ChangeScope {
  return { items: Object.assign({}, ...parts.map((p) => p.items ?? {})), contrat: parts.flatMap((p) => p.contrat ?? []) };
}

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
  jobs: JobRunner<FeatureContext<any>>;
}

export function createHandlers(host: HostOptions): HandlerSet {
  const settings = new SettingsFile(host.appDataDir);
  const events = new EventHub<ApiEvent>();
  const docs = new DocumentSession(
    host,
    settings,
    { summary: readContrat, scope: changeScope(contratChangeScope, treeChangeScope, indicatorsChangeScope) },
    (change) => events.emit({ kind: 'doc-changed', change }),
  );
  // The CLI has no window to keep responsive: its jobs run on its own thread (the same steps and work).
  const jobs: JobRunner<FeatureContext<any>> = new JobRunner(JOBS, () => ctx, host.jobWorker, host.mode === 'cli');
  jobs.onEvent((e) => events.emit(e as ApiEvent));
  // Each feature sees the events it knows (the core's, and its own): the hub carries them all.
  const ctx: FeatureContext<any> = { host, settings, docs, jobs, events };
  const handlers = combineHandlers<Handlers>(
    CHANNELS,
    { feature: 'start', handlers: startHandlers(ctx) },
    { feature: 'contrat', handlers: contratHandlers(ctx) },
    { feature: 'files', handlers: filesHandlers(ctx) },
    { feature: 'tree', handlers: treeHandlers(ctx) },
    { feature: 'journal', handlers: journalHandlers(ctx) },
    { feature: 'protocole', handlers: protocoleHandlers(ctx) },
    { feature: 'indicators', handlers: indicatorsHandlers(ctx) },
    { feature: 'jobs', handlers: jobHandlers(jobs) },
    { feature: 'commitments', handlers: commitmentsHandlers(ctx) },
    { feature: 'workshop', handlers: workshopHandlers(ctx) },
    { feature: 'signing', handlers: signingHandlers(ctx) },
    { feature: 'versions', handlers: versionsHandlers(ctx) },
    { feature: 'spreadsheet', handlers: spreadsheetHandlers(ctx) },
    { feature: 'merge', handlers: mergeHandlers(ctx) },
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
