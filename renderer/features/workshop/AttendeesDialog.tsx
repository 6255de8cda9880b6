// « Corriger les présents »: the list of people in the room while the workshop runs; the new list replaces the old one
// in the workshop's record and in its minutes.
import { useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { Attendee, WorkshopState } from '../../../core/api/contract';
import { FormActions } from '../../ui/FormActions';
import { Modal } from '../../ui/Modal';
import { AttendeeFields, draftOf, peopleOf } from './Attendees';

interface Props {
  docId: string;
  partners: WorkshopState['partners'];
  attendees: Attendee[];
  /** The new state once saved; nothing when cancelled. */
  onClose: (next?: WorkshopState) => void;
}

export function AttendeesDialog({ docId, partners, attendees, onClose }: Props) {
  const [draft, setDraft] = useState(() => draftOf(attendees));
  const [error, setError] = useState<{ others?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { people, error: others } = peopleOf(partners, draft);
    if (others) {
      setError({ others });
      document.getElementById('presents-autres')?.focus();
      return;
    }
    setBusy(true);
    const r = await invoke('workshop.attendees', { docId, attendees: people });
    setBusy(false);
    if (r.ok) onClose(r.value);
    else setError({ form: r.error.message });
  }

  return (
    <Modal title="Corriger les présents" onCancel={() => onClose()} className="modal-wide">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="hint">Cochez ou décochez, ajoutez ou retirez des noms : le relevé de l’atelier gardera cette liste.</p>
        <AttendeeFields id="presents" partners={partners} draft={draft} onChange={setDraft} error={error.others} />
        {error.form && (
          <p className="field-error" role="alert">
            {error.form}
          </p>
        )}
        <FormActions submit={busy ? 'Enregistrement…' : 'Enregistrer les présents'} busy={busy} onCancel={() => onClose()} />
      </form>
    </Modal>
  );
}
