// A screen's read of the open contrat, done again whenever one of `deps` changes (the contrat's revision, a filter):
// the latest answer, or the French refusal. An answer that arrives after the deps changed again, or after the
// screen is gone, is dropped, so a slow old read never overwrites a newer one. `read` is called with the deps of
// the render that asked for it; `enabled: false` keeps the last answer without reading.
import { useEffect, useState, type DependencyList } from 'react';
import type { AppError, Result } from '../../core/api/result';

export interface ReadState<T> {
  value: T | null;
  error: AppError | null;
}

export function useRead<T>(read: () => Promise<Result<T>>, deps: DependencyList, enabled = true): ReadState<T> {
  const [state, setState] = useState<ReadState<T>>({ value: null, error: null });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void read().then((r) => {
      if (!live) return;
      setState((s) => (r.ok ? { value: r.value, error: null } : { value: s.value, error: r.error }));
    });
    return () => {
      live = false;
    };
    // The caller names what the read depends on, as for useEffect.
  }, [...deps, enabled]);
  return state;
}
