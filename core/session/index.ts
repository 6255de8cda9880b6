// What every feature's handlers receive from the host: settings, the open documents, the job runner.
import type { ApiEvent } from '../api/contract';
import type { EventHub } from '../api/events';
import type { JobRunner } from '../jobs/runner';
import type { HostOptions } from './context';
import type { DocumentSession } from './documents';
import type { SettingsFile } from './settings';

export interface FeatureContext {
  host: HostOptions;
  settings: SettingsFile;
  docs: DocumentSession;
  jobs: JobRunner;
  /** What is pushed to every page (jobs, changes of a contrat, the workshop). */
  events: EventHub<ApiEvent>;
}

export type { HostOptions } from './context';
export { canonical, DocumentSession } from './documents';
export { SettingsFile, type Author } from './settings';
