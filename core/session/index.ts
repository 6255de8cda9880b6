// What every feature's handlers receive from the host: settings, the open documents, the job runner, the events.
// This floor knows no feature: the events a feature adds (the workshop's) widen `E` at the composition root.
import type { DocChange } from '../api/events';
import type { JobEvent, JobRunner } from '../jobs/runner';
import type { HostOptions } from './context';
import type { DocumentSession } from './documents';
import type { SettingsFile } from './settings';

/** The events of the floors below the features: a job's status, a change of an open contrat. */
export type CoreEvent = JobEvent | { kind: 'doc-changed'; change: DocChange };

/** Where a feature pushes its events and hears the others' (the host's EventHub, seen through its two methods). */
export interface Events<E> {
  emit(e: E): void;
  on(listener: (e: E) => void): () => void;
}

export interface FeatureContext<E extends { kind: string } = CoreEvent> {
  host: HostOptions;
  settings: SettingsFile;
  docs: DocumentSession;
  jobs: JobRunner<FeatureContext<any>>;
  /** What is pushed to every page (jobs, changes of a contrat, and what features add, e.g. the workshop). */
  events: Events<E>;
}

export type { HostOptions } from './context';
export { canonical, DocumentSession, type ChangeScope, type SessionHooks } from './documents';
export type { JobEvent } from '../jobs/runner';
export type { Doc } from './doc';
export { prepareTarget, snapshotOf, type Target } from './target';
export { SettingsFile, type Author } from './settings';
