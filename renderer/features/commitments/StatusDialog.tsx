// A new status for a commitment, with an optional comment or evidence; the whole history shown below, oldest first.
import { useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { CommitmentView } from '../../../core/domain/commitments';
import type { CommitmentStatus } from '../../../core/domain/format-types';
import { useDoc } from '../../app/doc-context';
import { formatDateTime } from '../../lib/dates';
import { FormActions } from '../../ui/FormActions';
import { Modal } from '../../ui/Modal';
import { useEdit } from './data';
import { COMMITMENT_STATUS_LABELS, StatusOptions, statusLabel } from './labels';

export function StatusDialog({ commitment, onClose }: { commitment: CommitmentView; onClose: (changed: boolean) => void }) {
  const { doc } = useDoc();
  const [status, setStatus] = useState<CommitmentStatus>(commitment.status ?? 'propose');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const edit = useEdit(() => undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (status === commitment.status && !note.trim()) {
      setError('Choisissez un autre statut, ou écrivez un commentaire à garder dans l’historique.');
      return;
    }
    setBusy(true);
    const err = await edit(
      invoke('commitments.setStatus', { docId: doc.docId, id: commitment.id, status, note: note.trim() || null }),
      `Statut : ${COMMITMENT_STATUS_LABELS[status].toLowerCase()}.`,
    );
    setBusy(false);
    if (err) setError(err.message);
    else onClose(true);
  }

  return (
    <Modal title="Changer le statut" onCancel={() => onClose(false)} className="modal-wide">
      <p>
        <strong>{commitment.partnerName}</strong> : {commitment.text}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="s-status">Nouveau statut</label>
          <select id="s-status" autoFocus value={status} onChange={(e) => setStatus(e.target.value as CommitmentStatus)}>
            <StatusOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-note">Commentaire ou preuve (facultatif)</label>
          <textarea
            id="s-note"
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 's-error' : undefined}
          />
          {error && (
            <p className="field-error" id="s-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <FormActions submit={busy ? 'Enregistrement…' : 'Enregistrer le statut'} busy={busy} onCancel={() => onClose(false)} />
      </form>
      <h3 className="history-title">Historique</h3>
      <History commitment={commitment} />
    </Modal>
  );
}

export function History({ commitment }: { commitment: CommitmentView }) {
  if (commitment.history.length === 0) return <p className="muted">Aucun changement de statut enregistré.</p>;
  return (
    <ol className="history-list">
      {commitment.history.map((h) => (
        <li key={h.id}>
          <time dateTime={h.at}>{formatDateTime(h.at)}</time> — <strong>{statusLabel(h.status)}</strong>
          {h.author ? `, par ${h.author}` : ''}
          {h.note ? <span className="history-note"> : « {h.note} »</span> : null}
        </li>
      ))}
    </ol>
  );
}
