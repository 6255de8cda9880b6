// What every screen of an open contrat gets from the shell: the document, its write state, the shared status line
// and alert, the selection kept in the address, and a memory of view state that outlives a change of screen.
import { createContext, useContext, useEffect, useState } from 'react';
import type { DocInfo } from '../../core/api/contract';
import type { AppError } from '../../core/api/result';

export interface DocContextValue {
  doc: DocInfo;
  readOnly: boolean;
  /** Non-null once the file stopped accepting writes (edits live in memory until « Enregistrer sous »). French. */
  offline: string | null;
  /** Each edit's outcome tells whether the file still accepts writes. */
  setEditOffline(offline: string | null): void;
  /** Says something in the status line (role="status"). */
  announce(text: string): void;
  /** Shows an API error in the alert region (null clears it). */
  showError(error: AppError | null): void;
  /** The item selected in the tree, kept in the address so a reload or a change of screen comes back to it. */
  selection: string | null;
  setSelection(id: string | null): void;
  /** View state (filter, folded items…) kept while the contrat is open, across screens. */
  memory: Map<string, unknown>;
  /** Bumped when the active screen should take the focus back (a dialog closed…). */
  focusReq: number;
  /** True when the user came to this screen from another one: it takes the focus at once. */
  arrived: boolean;
  /** Bumped by edits made outside the active screen's own calls (menu undo on a screen without a tree…). */
  revision: number;
  /** Where the screen renders its toolbar (a portal into the header, so it sits in the banner landmark). */
  toolbarSlot: HTMLElement | null;
}

export const DocContext = createContext<DocContextValue | null>(null);

export function useDoc(): DocContextValue {
  const v = useContext(DocContext);
  if (!v) throw new Error('useDoc hors d’un contrat ouvert');
  return v;
}

/** useState whose value survives the screen being left and shown again (same contrat). */
export function useRemembered<T>(key: string, initial: T | (() => T)): [T, (v: T | ((prev: T) => T)) => void] {
  const { memory } = useDoc();
  const [value, setValue] = useState<T>(() =>
    memory.has(key) ? (memory.get(key) as T) : typeof initial === 'function' ? (initial as () => T)() : initial,
  );
  useEffect(() => {
    memory.set(key, value);
  }, [key, memory, value]);
  return [value, setValue];
}
