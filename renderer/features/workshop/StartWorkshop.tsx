// « Démarrer un atelier »: its title and who is in the room (partners of the contrat ticked, other names typed), then
// a confirmation that names them: a workshop never starts on one stray key with half a list.
import { useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { WorkshopState } from '../../../core/api/contract';
import { Modal } from '../../ui/Modal';
import { AttendeeFields, emptyDraft, peopleOf, type AttendeeDraft } from './Attendees';

interface Props {
  docId: string;
  readOnly: boolean;
  partners: WorkshopState['partners'];
  onStarted: (state: WorkshopState) => void;
}

function today(): string {
  return new Date().toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}

export function StartWorkshop({ docId, readOnly, partners, onStarted }: Props) {
  const [title, setTitle] = useState(() => `Atelier du ${today()}`);
  const [draft, setDraft] = useState<AttendeeDraft>(emptyDraft);
  const [errors, setErrors] = useState<{ title?: string; others?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  /** The people asked to confirm before the workshop starts (null: the form). */
  const [confirm, setConfirm] = useState<string[] | null>(null);
  const { people, names, error: othersError } = peopleOf(partners, draft);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const next: typeof errors = {};
    if (!title.trim()) next.title = 'Donnez un titre à l’atelier (par exemple « Atelier emploi du 27 novembre »).';
    else if (title.trim().length > 200) next.title = `Le titre est trop long : ${title.trim().length} caractères, 200 au plus.`;
    if (othersError) next.others = othersError;
    setErrors(next);
    if (next.title || next.others) {
      document.getElementById(next.title ? 'atelier-titre' : 'atelier-autres')?.focus();
      return;
    }
    setConfirm(names);
  }

  async function start() {
    setConfirm(null);
    setBusy(true);
    const r = await invoke('workshop.start', { docId, title: title.trim(), attendees: people });
    setBusy(false);
    if (r.ok) onStarted(r.value);
    else setErrors({ form: r.error.message });
  }

  return (
    <form className="workshop-start" onSubmit={submit} noValidate aria-labelledby="atelier-demarrer-titre">
      <h3 id="atelier-demarrer-titre">Démarrer un atelier</h3>
      <p className="hint">
        Notez qui est dans la salle : le relevé de l’atelier dira qui était présent, et chaque décision prise. La liste se
        corrige pendant l’atelier.
      </p>
      <div className="field">
        <label htmlFor="atelier-titre">Titre de l’atelier</label>
        <input
          id="atelier-titre"
          type="text"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? 'atelier-titre-error' : undefined}
        />
        {errors.title && (
          <p id="atelier-titre-error" className="field-error">
            {errors.title}
          </p>
        )}
      </div>
      <AttendeeFields id="atelier" partners={partners} draft={draft} onChange={setDraft} error={errors.others} />
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={readOnly} aria-disabled={busy || undefined}>
          Démarrer l’atelier…
        </button>
      </div>
      {confirm && (
        <Modal title={`Démarrer « ${title.trim()} » ?`} onCancel={() => setConfirm(null)}>
          {confirm.length === 0 ? (
            <p>Personne n’est noté présent. Vous pourrez ajouter les présents pendant l’atelier (« Corriger les présents »).</p>
          ) : (
            <>
              <p>{presentsSentence(confirm.length)}</p>
              <ul className="workshop-confirm-list">
                {confirm.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </>
          )}
          <div className="actions">
            <button type="button" className="btn btn-primary" autoFocus onClick={() => void start()}>
              Commencer avec ces présents
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirm(null)}>
              Revenir à la liste
            </button>
          </div>
        </Modal>
      )}
    </form>
  );
}

const presentsSentence = (n: number) => (n === 1 ? 'Une personne sera notée présente :' : `${n} personnes seront notées présentes :`);
