// The progress of a long job (export, import…): a labelled progress bar and « Annuler ». The bar has a value once the
// amount of work is known (aria-valuenow), and is indeterminate before. The text under it says the step in French
// and the count, for those who do not see the bar.
import { useEffect, useRef } from 'react';
import type { JobStatus } from '../../core/api/contract';
import { percentOf } from '../lib/jobs';

interface JobProgressProps {
  /** What the job does, e.g. « Export JSON du contrat ». Names the progress bar. */
  title: string;
  status: JobStatus | null;
  onCancel: () => void;
  /** True once cancel was asked and the job has not stopped yet. */
  cancelling: boolean;
}

export function JobProgress({ title, status, onCancel, cancelling }: JobProgressProps) {
  const pct = status ? percentOf(status) : null;
  const label = status?.progress.label ?? 'Démarrage…';
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The cancel button is where the keyboard is while the job runs: Entrée or Espace stops it.
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <div className="job-progress">
      <p className="job-title" id="job-title">
        {title}
      </p>
      <div
        className="job-bar"
        role="progressbar"
        aria-labelledby="job-title"
        aria-valuemin={pct === null ? undefined : 0}
        aria-valuemax={pct === null ? undefined : 100}
        aria-valuenow={pct ?? undefined}
        aria-valuetext={pct === null ? label : `${pct} %, ${label}`}
      >
        <div className={'job-bar-fill' + (pct === null ? ' job-bar-indeterminate' : '')} style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
      <p className="job-label" aria-live="polite">
        {label}
        {pct !== null && <span className="job-pct"> — {pct}&nbsp;%</span>}
      </p>
      <div className="actions">
        <button ref={cancelRef} type="button" className="btn btn-secondary" onClick={onCancel} disabled={cancelling}>
          {cancelling ? 'Annulation…' : 'Annuler'}
        </button>
      </div>
    </div>
  );
}
