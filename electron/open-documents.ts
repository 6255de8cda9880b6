// Which window shows which contrat: one window per open file, so opening a file already shown
// focuses its window instead of opening it twice. Pure bookkeeping keyed by BrowserWindow ids.
import path from 'node:path';

/** What the page tells the shell through `trameShell.setDocument`. */
export interface ShellDocument {
  docId: string;
  path: string;
  name: string;
}

interface Entry {
  /** File shown or being opened (window created with ?open=…), as given. */
  path: string | null;
  docId: string | null;
  name: string | null;
}

export type OpenPlan =
  | { action: 'focus'; windowId: number }
  | { action: 'reuse'; windowId: number }
  | { action: 'create' };

/** Comparable form of a path: absolute, normalised, case-folded where the file system usually is. */
export function pathKey(p: string, platform: NodeJS.Platform = process.platform): string {
  const impl = platform === 'win32' ? path.win32 : path.posix;
  const resolved = impl.resolve(p);
  return platform === 'win32' || platform === 'darwin' ? resolved.toLowerCase() : resolved;
}

export class OpenDocuments {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly key: (p: string) => string = (p) => pathKey(p)) {}

  /** A new window; `openingPath` when it was created to open that file. */
  track(windowId: number, openingPath: string | null = null): void {
    this.entries.set(windowId, { path: openingPath, docId: null, name: null });
  }

  /** The window is gone: returns what it showed so the caller can close the document. */
  untrack(windowId: number): { path: string | null; docId: string | null } | undefined {
    const entry = this.entries.get(windowId);
    this.entries.delete(windowId);
    return entry ? { path: entry.path, docId: entry.docId } : undefined;
  }

  /** The window was asked to open `openingPath` (start window reused). */
  expect(windowId: number, openingPath: string): void {
    this.entries.set(windowId, { path: openingPath, docId: null, name: null });
  }

  /** The page now shows `doc` (or nothing: back to the start screen). */
  setDocument(windowId: number, doc: ShellDocument | null): void {
    if (!this.entries.has(windowId)) return;
    this.entries.set(windowId, doc ? { path: doc.path, docId: doc.docId, name: doc.name } : { path: null, docId: null, name: null });
  }

  get(windowId: number): { path: string | null; docId: string | null; name: string | null } | undefined {
    const e = this.entries.get(windowId);
    return e ? { ...e } : undefined;
  }

  /** Window showing (or opening) the file at `p`. */
  windowShowing(p: string): number | undefined {
    const wanted = this.key(p);
    for (const [id, entry] of this.entries) {
      if (entry.path !== null && this.key(entry.path) === wanted) return id;
    }
    return undefined;
  }

  /** Window holding document `docId`. */
  windowWithDoc(docId: string): number | undefined {
    for (const [id, entry] of this.entries) if (entry.docId === docId) return id;
    return undefined;
  }

  isEmpty(windowId: number): boolean {
    const e = this.entries.get(windowId);
    return e !== undefined && e.path === null && e.docId === null;
  }

  /**
   * How to show the file at `p`: focus the window that has it; else load it into the requesting window
   * when that one is an empty start window; else open a new window.
   */
  planOpen(p: string, requesterId: number | null): OpenPlan {
    const existing = this.windowShowing(p);
    if (existing !== undefined) return { action: 'focus', windowId: existing };
    if (requesterId !== null && this.isEmpty(requesterId)) return { action: 'reuse', windowId: requesterId };
    return { action: 'create' };
  }

  windowIds(): number[] {
    return [...this.entries.keys()];
  }
}
