// The buttons at the foot of a form dialog: submit (its label changes while busy), then « Annuler ».
import type { ReactNode } from 'react';

interface FormActionsProps {
  submit: ReactNode;
  busy: boolean;
  onCancel: () => void;
}

export function FormActions({ submit, busy, onCancel }: FormActionsProps) {
  return (
    <div className="actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {submit}
      </button>
      <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
        Annuler
      </button>
    </div>
  );
}
