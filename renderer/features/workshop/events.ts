// Following an open contrat from any page: the change events (edits, undo, redo from any page or window) and the
// workshop's events, pushed over the one event channel (renderer/api.ts onApiEvent). Never a polling of the tree.
import { useEffect, useRef, useState } from 'react';
import { onApiEvent, PAGE_ID } from '../../api';
import type { DocChange, WorkshopLive } from '../../../core/api/contract';

/**
 * Calls `onChange` for each committed change of `docId`. Changes this page made itself are left out unless
 * `includeOwn` (the page already shows them: it reloaded after its own call).
 */
export function useDocChanges(docId: string, onChange: (change: DocChange) => void, includeOwn = false): void {
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(
    () =>
      onApiEvent((e) => {
        if (e.kind !== 'doc-changed' || e.change.docId !== docId) return;
        if (!includeOwn && e.change.origin === PAGE_ID) return;
        cb.current(e.change);
      }),
    [docId, includeOwn],
  );
}

/**
 * A number that grows when `docId` was changed elsewhere (another page, window or tab): put it among a reload's
 * dependencies. Several changes within one frame make one reload.
 */
export function useRemoteRevision(docId: string): number {
  const [n, setN] = useState(0);
  const frame = useRef<number | null>(null);
  useDocChanges(docId, () => {
    if (frame.current !== null) return;
    frame.current = window.setTimeout(() => {
      frame.current = null;
      setN((x) => x + 1);
    });
  });
  useEffect(() => () => {
    if (frame.current !== null) clearTimeout(frame.current);
  }, []);
  return n;
}

/** The workshop's live state as pushed (item shown, timer, ended), starting from `initial`. */
export function useWorkshopEvents(docId: string, onLive: (live: WorkshopLive) => void): void {
  const cb = useRef(onLive);
  cb.current = onLive;
  useEffect(
    () =>
      onApiEvent((e) => {
        if (e.kind === 'workshop' && e.workshop.docId === docId) cb.current(e.workshop);
      }),
    [docId],
  );
}

/** Seconds left on a timer, ticking once a second while it runs (each page computes it from the same end time). */
export function useRemaining(timer: WorkshopLive['timer']): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!timer || timer.endsAt === null) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [timer]);
  if (!timer) return null;
  if (timer.endsAt === null) return timer.remaining;
  return Math.min(timer.seconds, Math.max(0, Math.ceil((timer.endsAt - now) / 1000)));
}

export function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
