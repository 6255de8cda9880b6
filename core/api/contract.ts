// The one API contract: channel names, argument validators and result types.
// The handlers (core/handlers), the Electron preload bridge, the HTTP harness and the renderer client
// all take their types from here. Pure: imports zod and domain types only, so the renderer may import it.
import { z } from 'zod';
import { NODE_KINDS, TAGS, type NodeKind, type Tag } from '../domain/tree';
import type { Direction, IsoDate, MeasurementScope, TrameDocument } from '../domain/format-types';

// ---------- shared value validators ----------
const id = z.string().min(1).max(200);
const docId = z.string().min(1).max(100);
const path = z.string().min(1, 'Le chemin du fichier est vide.').max(4096);
const text = (max: number) => z.string().max(max);
export const isoDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'Date attendue au format AAAA, AAAA-MM ou AAAA-MM-JJ.');
const year = z.number().int().min(1990).max(2100);
const finite = z.number().finite();

export const qpvInput = z.strictObject({
  code: text(40).trim().min(1, 'Le code du QPV est obligatoire.'),
  name: text(200).trim().min(1, 'Le nom du QPV est obligatoire.'),
  commune: text(200).trim().optional(),
});

export const contratFields = z.strictObject({
  name: text(300).trim().min(1, 'Le nom du contrat est obligatoire.'),
  epci: text(300).trim().min(1, "L'EPCI est obligatoire."),
  period: z
    .strictObject({ start: year, end: year })
    .refine((p) => p.end >= p.start, "L'année de fin doit suivre l'année de début."),
  qpv: z.array(qpvInput).max(500),
});

const indicatorPatch = z.strictObject({
  unit: text(40).nullable().optional(),
  direction: z.enum(['hausse', 'baisse']).nullable().optional(),
  baselineValue: finite.nullable().optional(),
  baselineDate: isoDate.nullable().optional(),
  targetValue: finite.nullable().optional(),
  targetDate: isoDate.nullable().optional(),
  referenceLabel: text(200).nullable().optional(),
  referenceValue: finite.nullable().optional(),
  referenceDate: isoDate.nullable().optional(),
  source: text(200).nullable().optional(),
});

// ---------- result types ----------
export interface AppInfo {
  mode: 'electron' | 'web';
  version: string;
  userName: string | null;
  /** Folder proposed for new files. */
  defaultDir: string;
}

export interface RecentFile { path: string; name: string; openedAt: string; exists: boolean }

export interface Qpv { code: string; name: string; commune: string | null }

export interface ContratInfo {
  name: string;
  epci: string;
  pillar: 'emploi';
  period: { start: number; end: number };
  qpv: Qpv[];
}

export interface DocInfo {
  docId: string;
  path: string;
  /** Opened read-only (file or folder not writable): the UI shows a banner and disables edits. */
  readOnly: boolean;
  /** Why it is read-only, in French. */
  readOnlyReason: string | null;
  /**
   * Set when the file stopped accepting writes (USB key pulled out, disk full…): the contrat now lives in memory,
   * edits go on there, and the UI must offer « Enregistrer sous » elsewhere. French message.
   */
  offline: string | null;
  contrat: ContratInfo;
}

export interface BackupInfo {
  id: string;
  /** ISO timestamp of the backup. */
  at: string;
  /** File size in bytes. */
  size: number;
  /** Number of items in the tree (null if the backup cannot be read). */
  items: number | null;
}

export interface IndicatorInfo {
  unit: string | null;
  direction: Direction | null;
  baselineValue: number | null;
  baselineDate: IsoDate | null;
  targetValue: number | null;
  targetDate: IsoDate | null;
  referenceLabel: string | null;
  referenceValue: number | null;
  referenceDate: IsoDate | null;
  source: string | null;
  measurements: { id: string; date: IsoDate; value: number; scope: MeasurementScope }[];
}

/** One item of the tree. `tree.get` returns them flat, depth-first, children in order. */
export interface TreeNode {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  depth: number;
  /** Position among its siblings, from 0. */
  index: number;
  title: string;
  description: string | null;
  tag: Tag | null;
  tagNote: string | null;
  childCount: number;
  /** Only for kind 'indicateur'. */
  indicator: IndicatorInfo | null;
}

export interface TreeSnapshot { nodes: TreeNode[] }

export interface HistoryState {
  canUndo: boolean;
  undoLabel: string | null;
  canRedo: boolean;
  redoLabel: string | null;
}

export interface JournalEntry {
  id: number;
  at: string;          // ISO timestamp
  author: string;
  label: string;       // French, e.g. « Renommer « Lever les freins » »
  undone: boolean;
}

/** What an edit or an undo tells the UI: the item to select afterwards, and the history state. */
export interface EditOutcome {
  focusId: string | null;
  history: HistoryState;
  /** Same as DocInfo.offline: non-null once edits are kept in memory only. */
  offline: string | null;
}

// ---------- the channels ----------
export const channels = {
  'app.info': { input: z.strictObject({}), output: {} as AppInfo },
  'settings.setUserName': {
    input: z.strictObject({ name: text(100).trim().min(1, 'Votre nom est obligatoire.') }),
    output: {} as AppInfo,
  },
  'recent.list': { input: z.strictObject({}), output: {} as RecentFile[] },
  'recent.forget': { input: z.strictObject({ path }), output: {} as RecentFile[] },

  'contrat.create': { input: z.strictObject({ path, contrat: contratFields }), output: {} as DocInfo },
  'contrat.createDemo': { input: z.strictObject({ path }), output: {} as DocInfo },
  'contrat.update': {
    input: z.strictObject({ docId, contrat: contratFields.partial() }),
    output: {} as DocInfo,
  },

  'doc.open': { input: z.strictObject({ path }), output: {} as DocInfo },
  'doc.info': { input: z.strictObject({ docId }), output: {} as DocInfo },
  'doc.close': { input: z.strictObject({ docId }), output: null as null },
  /** Writes a consistent copy (VACUUM INTO) and goes on editing the copy. */
  'doc.saveAs': { input: z.strictObject({ docId, path }), output: {} as DocInfo },

  /** Automatic backups of this contrat, newest first. */
  'backup.list': { input: z.strictObject({ docId }), output: {} as BackupInfo[] },
  /** Restores a backup into a NEW file (never over the open one) and opens it. */
  'backup.restore': {
    input: z.strictObject({ docId, backupId: z.string().regex(/^[0-9TZ-]+\.trame$/, 'Sauvegarde inconnue.'), path }),
    output: {} as DocInfo,
  },

  'tree.get': { input: z.strictObject({ docId }), output: {} as TreeSnapshot },
  'tree.add': {
    input: z.strictObject({
      docId,
      parentId: id.nullable(),
      /** Position among the new siblings; omitted = at the end. */
      index: z.number().int().min(0).optional(),
      /** Omitted = the first kind the parent allows. */
      kind: z.enum(NODE_KINDS).optional(),
      title: text(500),
    }),
    output: {} as EditOutcome,
  },
  'tree.update': {
    input: z.strictObject({
      docId,
      id,
      patch: z.strictObject({
        title: text(500).optional(),
        description: text(20000).nullable().optional(),
        tag: z.enum(TAGS).nullable().optional(),
        tagNote: text(5000).nullable().optional(),
      }),
    }),
    output: {} as EditOutcome,
  },
  'tree.setIndicator': {
    input: z.strictObject({ docId, id, patch: indicatorPatch }),
    output: {} as EditOutcome,
  },
  /** Move an item with its subtree; kinds are kept, the nesting must allow it. */
  'tree.move': {
    input: z.strictObject({ docId, id, parentId: id.nullable(), index: z.number().int().min(0) }),
    output: {} as EditOutcome,
  },
  /** Tab: becomes the last child of its previous sibling; enjeu/objectif/action change kind with their level. */
  'tree.indent': { input: z.strictObject({ docId, id }), output: {} as EditOutcome },
  /** Shift+Tab: becomes the next sibling of its parent. */
  'tree.outdent': { input: z.strictObject({ docId, id }), output: {} as EditOutcome },
  'tree.remove': { input: z.strictObject({ docId, id }), output: {} as EditOutcome },

  'history.state': { input: z.strictObject({ docId }), output: {} as HistoryState },
  'history.undo': { input: z.strictObject({ docId }), output: {} as EditOutcome },
  'history.redo': { input: z.strictObject({ docId }), output: {} as EditOutcome },
  'history.list': {
    input: z.strictObject({ docId, limit: z.number().int().min(1).max(1000).optional() }),
    output: {} as JournalEntry[],
  },

  /** The whole contrat in the interchange format (FORMAT.md). */
  'format.export': { input: z.strictObject({ docId }), output: {} as TrameDocument },
  /** Writes the interchange document to a .json file (atomically; a .trame path is refused). */
  'format.exportToFile': { input: z.strictObject({ docId, path }), output: {} as { path: string } },
  /** Creates a new .trame file at `path` from an interchange document (unknown until validated). */
  'format.import': { input: z.strictObject({ path, document: z.unknown() }), output: {} as DocInfo },
} as const;

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
  /** Menu commands (Annuler, Rétablir, Nouveau…) forwarded to the page. Returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export type MenuCommand =
  | 'new' | 'open' | 'open-demo' | 'save-as' | 'close'
  | 'undo' | 'redo' | 'rename' | 'delete' | 'add-sibling' | 'add-child'
  | 'filter-all' | 'filter-ajouter' | 'filter-garder' | 'filter-jeter' | 'restore-backup'
  | 'export-json' | 'about';
