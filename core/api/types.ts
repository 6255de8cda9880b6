// Result types that several features share: the open document, and what an edit tells the UI.
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
  /** Opened read-only (file or folder not writable, or opened for inspection): the UI disables edits. */
  readOnly: boolean;
  /** Why it is read-only, in French. */
  readOnlyReason: string | null;
  /**
   * Set when the file stopped accepting writes (USB key pulled out, disk full…): the contrat now lives in memory,
   * edits go on there, and the UI must offer « Enregistrer sous » elsewhere. French message.
   */
  offline: string | null;
  /** Something the user must be told once on opening (e.g. the file was brought up to date, a copy was kept). French. */
  notice: string | null;
  /**
   * Set while the last automatic backup could not be made (disk full, folder protected…): the edits are in the
   * contrat, but without a copy. French, with the cause; null again once a backup succeeds.
   */
  backupProblem?: string | null;
  contrat: ContratInfo;
}

export interface HistoryState {
  canUndo: boolean;
  undoLabel: string | null;
  canRedo: boolean;
  redoLabel: string | null;
}

/** What an edit or an undo tells the UI: the item to select afterwards, and the history state. */
export interface EditOutcome {
  focusId: string | null;
  history: HistoryState;
  /** Same as DocInfo.offline: non-null once edits are kept in memory only. */
  offline: string | null;
}

/** One step of the change journal, as the journal screen lists it. */
export interface JournalEntry {
  id: number;
  /** Stable identity of the change, the same in every copy of the file. */
  uuid: string;
  at: string;          // ISO timestamp (wall clock of the replica that made it)
  /** Hybrid logical clock: never goes backwards on a replica; sorts as a string. */
  hlc: string;
  author: string;
  /** The author's stable id (null for changes made before Trame kept one). */
  authorId: string | null;
  label: string;       // French, e.g. « Renommer « Lever les freins » »
  undone: boolean;
}
