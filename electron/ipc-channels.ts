// IPC channel names shared by the main process and the preload. Constants only: the preload bundles
// this file, so nothing here may pull in Node or Electron main-process code.
import type { ApiEvent, Channel, MenuCommand } from '../core/api/contract';

export const IPC = {
  /** invoke(channel, input) → Result: the whole typed API goes through this one channel. */
  invoke: 'trame:invoke',
  /** main → page: a MenuCommand chosen in the native menu. */
  menu: 'trame:menu',
  /** main → page: an ApiEvent (a job's progress or end, a change of a contrat, the workshop). */
  event: 'trame:event',
  chooseSavePath: 'trame:shell:choose-save-path',
  chooseOpenPath: 'trame:shell:choose-open-path',
  openInWindow: 'trame:shell:open-in-window',
  /** The workshop's audience view of a contrat in a second window. */
  openAudience: 'trame:shell:open-audience',
  /** page → main, fire and forget. */
  setDocument: 'trame:shell:set-document',
} as const;

/**
 * The API channel names, for the preload's check before sending. They are the registry's own
 * (core/api/contract.ts), read at build time by build/scripts/build-node.mjs (and by vitest.config.ts for the
 * tests), because importing the contract here would bundle zod and every schema into the preload of each window
 * (~750 kB) for a list of names. There is no list to keep by hand.
 */
declare const __TRAME_API_CHANNELS__: readonly string[];
export const API_CHANNELS: readonly Channel[] = __TRAME_API_CHANNELS__ as readonly Channel[];

export function isApiChannel(value: unknown): value is Channel {
  return typeof value === 'string' && API_CHANNELS.includes(value as Channel);
}

/** An event pushed by the main process has the shape of an ApiEvent (anything else is dropped by the preload). */
export function isApiEvent(value: unknown): value is ApiEvent {
  if (!value || typeof value !== 'object') return false;
  const v = value as { kind?: unknown; job?: { jobId?: unknown; state?: unknown }; change?: { docId?: unknown }; workshop?: { docId?: unknown } };
  if (v.kind === 'doc-changed') return !!v.change && typeof v.change.docId === 'string';
  if (v.kind === 'workshop') return !!v.workshop && typeof v.workshop.docId === 'string';
  return v.kind === 'job' && !!v.job && typeof v.job.jobId === 'string' && typeof v.job.state === 'string';
}

export const MENU_COMMANDS = [
  'new', 'open', 'open-demo', 'import-json', 'save-as', 'close',
  'undo', 'redo', 'rename', 'delete', 'add-sibling', 'add-child',
  'filter-all', 'filter-ajouter', 'filter-garder', 'filter-jeter',
  'export-json', 'import-sheet', 'export-sheet', 'merge-copy', 'restore-backup', 'about',
] as const satisfies readonly MenuCommand[];

// Compile-time check that the list above names every MenuCommand of the contract.
type MissingMenuCommand = Exclude<MenuCommand, (typeof MENU_COMMANDS)[number]>;
const everyMenuCommandListed: [MissingMenuCommand] extends [never] ? true : ['Ajoutez à MENU_COMMANDS :', MissingMenuCommand] = true;
void everyMenuCommandListed;

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
