// The commitments' data on the renderer side: one read (commitments.view) per change, shared by the screens, the
// tree's count badges and the details panel through a tiny store, so that a badge never asks the API itself.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { invoke } from '../../api';
import type { EditOutcome } from '../../../core/api/contract';
import type { AppError, Result } from '../../../core/api/result';
import type { CommitmentsView } from '../../../core/features/commitments/contract';
import { useDoc } from '../../app/doc-context';
import { useRead } from '../../lib/useRead';

type Counts = Map<string, number>;
let current: { docId: string; counts: Counts } | null = null;
const listeners = new Set<() => void>();

function publish(docId: string, view: CommitmentsView): void {
  const counts: Counts = new Map();
  for (const c of view.commitments) {
    const ids = new Set(c.nodes.map((n) => n.id));
    if (c.indicator) ids.add(c.indicator.id);
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  current = { docId, counts };
  for (const l of listeners) l();
}

let loading: string | null = null;

/** How many commitments serve (or are measured by) an item, from the last read of this document (read once if none). */
export function useCommitmentCount(docId: string, nodeId: string): number {
  useEffect(() => {
    if (current?.docId !== docId && loading !== docId) {
      loading = docId;
      void loadView(docId).finally(() => {
        if (loading === docId) loading = null;
      });
    }
  }, [docId]);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => (current?.docId === docId ? current.counts.get(nodeId) ?? 0 : 0),
  );
}

/** A read under way, shared by whoever asks for this document before it answers and before any edit (generation). */
let inflight: { docId: string; generation: number; promise: Promise<Result<CommitmentsView>> } | null = null;
let generation = 0;

export function loadView(docId: string): Promise<Result<CommitmentsView>> {
  if (inflight && inflight.docId === docId && inflight.generation === generation) return inflight.promise;
  const mine = {
    docId,
    generation,
    promise: invoke('commitments.view', { docId }).then((r) => {
      if (r.ok) publish(docId, r.value);
      if (inflight === mine) inflight = null;
      return r;
    }),
  };
  inflight = mine;
  return mine.promise;
}

/**
 * The view, read again after each edit of this screen, each undo made elsewhere (revision) and `extra` changes.
 * `enabled` false: not read (yet): « Engagements » reads it once its first screen is drawn.
 */
export function useCommitmentsView(extra?: unknown, enabled = true) {
  const { doc, revision } = useDoc();
  const [bump, setBump] = useState(0);
  const seen = useRef(revision);
  const { value: view, error } = useRead(() => {
    if (seen.current !== revision) {
      seen.current = revision;
      generation++;
    }
    return loadView(doc.docId);
  }, [doc.docId, revision, bump, extra], enabled);
  const reload = useCallback(() => setBump((n) => n + 1), []);
  return { view, error, reload };
}

/** The first screen of « Engagements » (commitments.overview: counts, sums, late lines), read again like the view. */
export function useCommitmentsOverview(today: string) {
  const { doc, revision } = useDoc();
  const [bump, setBump] = useState(0);
  const { value: overview, error } = useRead(() => invoke('commitments.overview', { docId: doc.docId, today }), [doc.docId, revision, bump, today]);
  const reload = useCallback(() => setBump((n) => n + 1), []);
  return { overview, error, reload };
}

/** Runs an edit: on success the write state and a reload; on failure the French message (for the field or alert). */
export function useEdit(reload: () => void) {
  const { setEditOffline, announce, readOnly, doc } = useDoc();
  return useCallback(
    async (call: Promise<Result<EditOutcome>>, done?: string): Promise<AppError | null> => {
      if (readOnly) return { code: 'lecture-seule', message: doc.readOnlyReason ?? 'Ce contrat est ouvert en lecture seule.' };
      const r = await call;
      generation++; // a read started before this edit must not answer for after it
      if (!r.ok) return r.error;
      setEditOffline(r.value.offline);
      reload();
      if (done) announce(done);
      return null;
    },
    [announce, doc.readOnlyReason, readOnly, reload, setEditOffline],
  );
}
