// IPC channel names shared by the main process and the preload. Constants only: the preload bundles
// this file, so nothing here may pull in Node or Electron main-process code.
import type { Channel, MenuCommand } from '../core/api/contract';

export const IPC = {
  /** invoke(channel, input) → Result: the whole typed API goes through this one channel. */
  invoke: 'trame:invoke',
  /** main → page: a MenuCommand chosen in the native menu. */
  menu: 'trame:menu',
  chooseSavePath: 'trame:shell:choose-save-path',
  chooseOpenPath: 'trame:shell:choose-open-path',
  openInWindow: 'trame:shell:open-in-window',
  /** page → main, fire and forget. */
  setDocument: 'trame:shell:set-document',
} as const;

/**
 * The API channel names, for the preload's check before sending. Not imported from contract.ts at run
 * time because that would bundle zod and every schema into the preload of each window (~750 kB) for a
 * list of names. The compiler keeps the two in step: a channel added to the contract and missing here
 * (or a name here that the contract lacks) fails `npm run typecheck`; a unit test compares them too.
 */
export const API_CHANNELS = [
  'app.info', 'settings.setUserName', 'recent.list', 'recent.forget',
  'contrat.create', 'contrat.createDemo', 'contrat.update',
  'doc.open', 'doc.info', 'doc.close', 'doc.saveAs',
  'backup.list', 'backup.restore',
  'tree.get', 'tree.add', 'tree.update', 'tree.setIndicator', 'tree.move', 'tree.indent', 'tree.outdent', 'tree.remove',
  'history.state', 'history.undo', 'history.redo', 'history.list',
  'format.export', 'format.exportToFile', 'format.import',
] as const satisfies readonly Channel[];

type MissingChannel = Exclude<Channel, (typeof API_CHANNELS)[number]>;
const everyChannelListed: [MissingChannel] extends [never] ? true : ['Ajoutez à API_CHANNELS :', MissingChannel] = true;
void everyChannelListed;

export function isApiChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (API_CHANNELS as readonly string[]).includes(value);
}

export const MENU_COMMANDS = [
  'new', 'open', 'open-demo', 'save-as', 'close',
  'undo', 'redo', 'rename', 'delete', 'add-sibling', 'add-child',
  'filter-all', 'filter-ajouter', 'filter-garder', 'filter-jeter',
  'export-json', 'restore-backup', 'about',
] as const satisfies readonly MenuCommand[];

// Compile-time check that the list above names every MenuCommand of the contract.
type MissingMenuCommand = Exclude<MenuCommand, (typeof MENU_COMMANDS)[number]>;
const everyMenuCommandListed: [MissingMenuCommand] extends [never] ? true : ['Ajoutez à MENU_COMMANDS :', MissingMenuCommand] = true;
void everyMenuCommandListed;

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
