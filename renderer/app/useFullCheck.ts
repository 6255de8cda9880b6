// The full check of the open contrat (SQLite's integrity_check, job doc.fullCheck), run once the contrat is shown:
// the open itself ran only the quick check. Its French sentence for the banner when it finds something, else null.
import { useEffect, useState } from 'react';
import { runJob, type JobHandle } from '../lib/jobs';

export function useFullCheck(docId: string): string | null {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setProblem(null);
    let live = true;
    let handle: JobHandle<'doc.fullCheck'> | null = null;
    // After the first paint of the contrat: the check runs in the worker, on a snapshot, while the user works.
    const timer = setTimeout(() => {
      handle = runJob('doc.fullCheck', { docId }, () => undefined);
      void handle.done.then((r) => {
        if (live && r.ok && r.value.problem) setProblem(r.value.problem);
      });
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
      void handle?.cancel();
    };
  }, [docId]);
  return problem;
}
