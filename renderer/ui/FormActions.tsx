// The buttons at the foot of a form dialog: submit (its label changes while busy), then « Annuler ». While busy they
// are aria-disabled, not disabled: a disabled button would drop the focus to the page.
import type { ReactNode } from 'react';

interface FormActionsProps {
  submit: ReactNode;
  busy: boolean;
  onCancel: () => void;
}

export function FormActions({ submit, busy, onCancel }: FormActionsProps) {
  return (
    <div className="actions">
      <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined} onClick={(e) => busy && e.preventDefault()}>
        {submit}
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => !busy && onCancel()} aria-disabled={busy || undefined}>
        Annuler
      </button>
    </div>
  );
}
