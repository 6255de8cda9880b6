// A job run from a component: its latest status for the progress bar, its cancel, and a cancel on unmount (a dialog
// closed while its job runs stops the job: nothing half-done is left behind by a screen that is gone).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobInput, JobOutput, JobStatus, JobType } from '../../core/api/contract';
import type { Result } from '../../core/api/result';
import { runJob, type JobHandle } from './jobs';

export function useJob<J extends JobType>(type: J) {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const handle = useRef<JobHandle<J> | null>(null);

  useEffect(
    () => () => {
      void handle.current?.cancel();
    },
    [],
  );

  const start = useCallback(
    async (input: JobInput<J>): Promise<Result<JobOutput<J>>> => {
      setStatus(null);
      setCancelling(false);
      setRunning(true);
      const h = runJob(type, input, setStatus);
      handle.current = h;
      const r = await h.done;
      if (handle.current === h) handle.current = null;
      setRunning(false);
      setCancelling(false);
      return r;
    },
    [type],
  );

  const cancel = useCallback(() => {
    const h = handle.current;
    if (!h) return;
    setCancelling(true);
    void h.cancel();
  }, []);

  return { status, running, cancelling, start, cancel };
}
