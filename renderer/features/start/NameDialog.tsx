import { useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { AppInfo } from '../../../core/api/contract';
import { Modal } from '../../ui/Modal';

/** First run: the user's name goes into the change journal of every contrat they edit. */
export function NameDialog({ onDone }: { onDone: (info: AppInfo) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError('Votre nom est obligatoire.');
      return;
    }
    setBusy(true);
    const r = await invoke('settings.setUserName', { name: name.trim() });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else setError(r.error.message);
  }

  return (
    <Modal title="Bienvenue dans Trame">
      <form onSubmit={submit} noValidate>
        <p>Votre nom sera inscrit dans le journal des modifications de chaque contrat que vous modifiez.</p>
        <div className="field">
          <label htmlFor="user-name">Votre nom et prénom</label>
          <input
            id="user-name"
            type="text"
            autoFocus
            autoComplete="name"
            value={name}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'user-name-error' : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {error && (
            <p id="user-name-error" className="field-error">
              {error}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Continuer
          </button>
        </div>
      </form>
    </Modal>
  );
}
