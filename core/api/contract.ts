// The one API contract, combined from each feature's own part (core/features/<name>/contract.ts) by the registry,
// which refuses a channel name declared twice. The handlers, the Electron preload bridge and IPC, the HTTP harness,
// the CLI, the fuzz and the renderer client all take their channel names and types from here: there is no second
// list. Pure: imports zod and domain types only, so the renderer may import it.
import { z } from 'zod';
import { jobStartInput, type JobSpec, type JobStatusOf } from './jobs';
import { channel, combineContracts, defineContract } from './registry';
import { startContract } from '../features/start/contract';
import { contratContract } from '../features/contrat/contract';
import { filesContract, filesJobs } from '../features/files/contract';
import { journalContract } from '../features/journal/contract';
import { mergeContract } from '../features/merge/contract';
import { protocoleContract, protocoleJobs } from '../features/protocole/contract';
import { indicatorJobs, indicatorsContract } from '../features/indicators/contract';
import { treeContract } from '../features/tree/contract';
import { commitmentsContract } from '../features/commitments/contract';
import { workshopContract, type WorkshopEvent } from '../features/workshop/contract';
import type { DocChange } from './events';
import { signingContract, signingJobs } from '../features/signing/contract';
import { versionsContract, versionsJobs } from '../features/versions/contract';
import { spreadsheetContract, spreadsheetJobs } from '../features/spreadsheet/contract';

export type { AppInfo, RecentFile } from '../features/start/contract';
export { contratFields, qpvInput } from '../features/contrat/contract';
export type { BackupInfo } from '../features/files/contract';
export type { JournalEntry } from '../features/journal/contract';
export type { IndicatorInfo, TreeNode, TreeSnapshot } from '../features/tree/contract';
export type { ContratInfo, DocInfo, EditOutcome, HistoryState, Qpv } from './types';
export type { JobProgress, JobState } from './jobs';
export type { DocChange } from './events';
export type { Attendee, AudienceItem, Minutes, WorkshopLive, WorkshopState } from '../features/workshop/contract';
/** The one date rule (AAAA, AAAA-MM or AAAA-MM-JJ, a real calendar date): core/domain/dates.ts. */
export { isoDateSchema as isoDate } from '../domain/dates';

// ---------- jobs ----------
/** Every job type, by name (each feature declares its own). */
export const jobs = { ...filesJobs, ...indicatorJobs, ...protocoleJobs, ...signingJobs, ...versionsJobs, ...spreadsheetJobs } satisfies Record<string, JobSpec>;
export type JobType = keyof typeof jobs;
export type JobInput<J extends JobType> = z.infer<(typeof jobs)[J]['input']>;
export type JobOutput<J extends JobType> = (typeof jobs)[J]['output'];
export type JobStatus = JobStatusOf<JobType>;
export const JOB_TYPES = Object.keys(jobs) as JobType[];

/** What the main process pushes to the page, whatever the transport. */
export type ApiEvent =
  | { kind: 'job'; job: JobStatus }
  /** After every committed edit, undo and redo of an open contrat, whoever made it. */
  | { kind: 'doc-changed'; change: DocChange }
  /** The workshop's item, timer or state changed. */
  | WorkshopEvent;

const jobId = z.string().min(1).max(100);
const jobsContract = defineContract('jobs', {
  /** Starts a job; its progress and its end arrive as ApiEvents, and job.status tells them at any time. */
  'job.start': channel<{ jobId: string }>()(jobStartInput(jobs)),
  'job.status': channel<JobStatus>()(z.strictObject({ jobId })),
  /** Asks a running job to stop: it stops at its next step and leaves nothing behind (no partial file). */
  'job.cancel': channel<JobStatus>()(z.strictObject({ jobId })),
});

// ---------- the channels ----------
export const channels = combineContracts(
  startContract,
  contratContract,
  filesContract,
  treeContract,
  journalContract,
  protocoleContract,
  indicatorsContract,
  jobsContract,
  commitmentsContract,
  workshopContract,
  signingContract,
  versionsContract,
  spreadsheetContract,
  mergeContract,
);

export type Channel = keyof typeof channels;
export type Input<C extends Channel> = z.infer<(typeof channels)[C]['input']>;
export type Output<C extends Channel> = (typeof channels)[C]['output'];

export const CHANNELS = Object.keys(channels) as Channel[];
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** What the renderer sees, whatever the transport (IPC or HTTP). */
export type TrameApi = { [C in Channel]: (input: Input<C>) => Promise<import('./result').Result<Output<C>>> };

/** The single transport function both bridges implement. */
export type Invoke = <C extends Channel>(channel: C, input: Input<C>) => Promise<import('./result').Result<Output<C>>>;

/**
 * Electron-only conveniences the renderer may use when present (window.trameShell):
 * native file dialogs and window control. In the browser harness they are absent and the UI falls back
 * to typed paths.
 */
export interface ShellBridge {
  chooseSavePath(options: { title: string; defaultName: string; filters: 'trame' | 'json' }): Promise<string | null>;
  chooseOpenPath(options: { title: string; filters: 'trame' | 'json' }): Promise<string | null>;
  /** Open the document in its own window (or focus the window that has it). */
  openInWindow(path: string): Promise<void>;
  /** Tell the shell which document this window shows (title bar, menus). */
  setDocument(doc: { docId: string; path: string; name: string } | null): void;
  /** The workshop's audience view of `path` in a second window (full screen on a second display when there is one). */
  openAudience?(path: string): Promise<void>;
  /** Menu commands (Annuler, Rétablir, Nouveau…) forwarded to the page. Returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export type MenuCommand =
  | 'new' | 'open' | 'open-demo' | 'import-json' | 'save-as' | 'close'
  | 'undo' | 'redo' | 'rename' | 'delete' | 'add-sibling' | 'add-child'
  | 'filter-all' | 'filter-ajouter' | 'filter-garder' | 'filter-jeter' | 'restore-backup'
  | 'export-json' | 'import-sheet' | 'export-sheet' | 'merge-copy' | 'about';
