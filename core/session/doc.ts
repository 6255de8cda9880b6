// What a feature holds of an open contrat: a Doc. It reads through `run`, and it changes the contrat only through
// `edit` (one journal group: undoable) or `write` (outside the journal: a workshop's start, a frozen version), which
// are the session's one door — after the commit, the session tells the pages that follow the contrat which items
// the change wrote, and makes the automatic backup. The db/ Store behind it is private: no feature imports
// db/store.ts (a dependency-cruiser rule), so no feature can commit a change the pages and backups would miss.
import type { EditOutcome, HistoryState, JournalEntry } from '../api/types';
import type { EditFocus, JournalStep, Store } from '../../db/store';
import type { Identity } from '../../db/identity';
import type { Runner } from '../../db/query';

/** What the session does after each change a Doc commits (`step` null: a write outside the journal). */
export type AfterChange = (step: JournalStep | null) => void;

/** An open contrat, as the features see it. */
export interface Doc {
  /** Queries (kysely or prepared statements) on the open contrat. Reading only: changes go through edit/write. */
  readonly run: Runner;
  readonly path: string;
  readonly readOnly: boolean;
  readonly readOnlyReason: string | null;
  /** Non-null once the file stopped taking writes: the contrat then lives in memory (French message). */
  readonly offline: string | null;
  readonly isOpen: boolean;
  /** Who edits (the name written beside each journal group) and their stable id. */
  readonly author: string;
  readonly authorId: string | null;
  /** A new id, or the current time, inside a change (replayed the same over the shadow image). */
  newId(): string;
  now(): string;
  identity(): Identity;
  historyState(): HistoryState;
  journal(limit?: number): JournalEntry[];
  /** A consistent copy of the open file (VACUUM INTO). */
  copyTo(target: string): void;
  /** An image of the whole database, taken between two changes (what a job's worker reads). */
  snapshot(): Uint8Array;
  /** One user action: one journal group, one undo. The change event and the backup follow the commit. */
  edit(label: string, fn: () => EditFocus): EditOutcome;
  undo(): EditOutcome;
  redo(): EditOutcome;
  /**
   * Inside `edit` only: inserts many rows into one journaled table as bulk journal entries (one per item they hang
   * on, not one per row: db/journal/bulk.ts); undo and redo replay them exactly. Values in the order of `cols`.
   */
  insertRows(table: string, cols: readonly string[], rows: readonly unknown[][]): number;
  /** A change outside the journal (not undoable, no change event): committed, then the backup may follow. */
  write<T>(fn: () => T): T;
  /**
   * The content checks the open left for after the first screen (db/store.ts): run now if still to run. Throws their
   * French refusal if the file fails them; every write is refused then, and the file stays as it was.
   */
  checkContent(): void;
}

/** The session's Doc: each change it commits goes through the session's door (`after`). */
export class SessionDoc implements Doc {
  readonly #store: Store;
  readonly #after: AfterChange;

  constructor(store: Store, after: AfterChange) {
    this.#store = store;
    this.#after = after;
  }

  /** Queries (kysely or prepared statements) on the open contrat. Reading only: changes go through edit/write. */
  get run(): Runner {
    return this.#store.run;
  }

  get path(): string {
    return this.#store.path;
  }

  get readOnly(): boolean {
    return this.#store.readOnly;
  }

  get readOnlyReason(): string | null {
    return this.#store.readOnlyReason;
  }

  /** Non-null once the file stopped taking writes: the contrat then lives in memory (French message). */
  get offline(): string | null {
    return this.#store.offline;
  }

  get isOpen(): boolean {
    return this.#store.isOpen;
  }

  /** Who edits (the name written beside each journal group) and their stable id. */
  get author(): string {
    return this.#store.author;
  }

  get authorId(): string | null {
    return this.#store.authorId;
  }

  /** A new id, or the current time, inside a change (replayed the same over the shadow image). */
  newId(): string {
    return this.#store.newId();
  }

  now(): string {
    return this.#store.now();
  }

  identity(): Identity {
    return this.#store.identity();
  }

  historyState(): HistoryState {
    return this.#store.historyState();
  }

  journal(limit?: number): JournalEntry[] {
    return this.#store.journal(limit);
  }

  /** A consistent copy of the open file (VACUUM INTO). */
  copyTo(target: string): void {
    this.#store.copyTo(target);
  }

  /** An image of the whole database, taken between two changes (what a job's worker reads). */
  snapshot(): Uint8Array {
    return this.#store.snapshot();
  }

  /** One user action: one journal group, one undo. The change event and the backup follow the commit. */
  edit(label: string, fn: () => EditFocus): EditOutcome {
    const { outcome, step } = this.#store.editStep(label, fn);
    this.#after(step);
    return outcome;
  }

  insertRows(table: string, cols: readonly string[], rows: readonly unknown[][]): number {
    return this.#store.insertRows(table, cols, rows);
  }

  undo(): EditOutcome {
    return this.#move('undo');
  }

  redo(): EditOutcome {
    return this.#move('redo');
  }

  #move(direction: 'undo' | 'redo'): EditOutcome {
    const { outcome, step } = this.#store.step(direction);
    this.#after(step);
    return outcome;
  }

  /** A change outside the journal (not undoable, no change event): committed, then the backup may follow. */
  write<T>(fn: () => T): T {
    const out = this.#store.write(fn);
    this.#after(null);
    return out;
  }

  checkContent(): void {
    const pending = this.#store.contentPending;
    this.#store.checkContent();
    if (pending) this.#after(null); // passed: the backup left at the open may follow
  }
}
