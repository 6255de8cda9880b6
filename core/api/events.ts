// What the handlers push to every page besides job progress: a committed change of an open contrat, so that each
// page showing it (the facilitator's, the audience's, another tab) follows it without reading the whole tree again.
// Pure types and a tiny hub: the renderer imports the types.

/** Pushed after every committed edit, undo and redo, whichever page, window or host made it. */
export interface DocChange {
  docId: string;
  /** Counts the changes of this open contrat since it was opened: a page that sees a gap reloads what it shows. */
  revision: number;
  action: 'edit' | 'undo' | 'redo';
  /** The journal group the change made, undid or redid, and its French label. */
  groupId: number;
  label: string;
  /** The items (tree nodes) whose rows the change wrote, in journal order, without repeats. */
  itemIds: string[];
  /** The page whose call made the change (null: unknown, e.g. the CLI or Electron): that page already shows it. */
  origin: string | null;
  /** Whether the contrat's own fields (name, EPCI, period, QPV) changed. */
  contrat: boolean;
}

/** Fans events out to the transports (Electron IPC, the HTTP harness's stream); a failing listener stops no other. */
export class EventHub<E> {
  private readonly listeners = new Set<(e: E) => void>();

  on(listener: (e: E) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(e: E): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // a closed page or window: the others still get the event
      }
    }
  }
}
