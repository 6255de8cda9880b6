// « Démarrer un atelier »: its title and who is in the room (partners of the contrat ticked, other names typed).
import { useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { WorkshopState } from '../../../core/api/contract';

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
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [others, setOthers] = useState('');
  const [errors, setErrors] = useState<{ title?: string; others?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const names = others.split('\n').map((s) => s.trim()).filter(Boolean);
    const next: typeof errors = {};
    if (!title.trim()) next.title = 'Donnez un titre à l’atelier (par exemple « Atelier emploi du 27 novembre »).';
    else if (title.trim().length > 200) next.title = `Le titre est trop long : ${title.trim().length} caractères, 200 au plus.`;
    const long = names.find((n) => n.length > 200);
    if (long) next.others = `Un nom dépasse 200 caractères : « ${long.slice(0, 40)}… ».`;
    setErrors(next);
    if (next.title || next.others) {
      document.getElementById(next.title ? 'atelier-titre' : 'atelier-autres')?.focus();
      return;
    }
    setBusy(true);
    const r = await invoke('workshop.start', {
      docId,
      title: title.trim(),
      attendees: [...partners.filter((p) => ticked.has(p.id)).map((p) => ({ partnerId: p.id })), ...names.map((name) => ({ name }))],
    });
    setBusy(false);
    if (r.ok) onStarted(r.value);
    else setErrors({ form: r.error.message });
  }

  const toggle = (id: string) =>
    setTicked((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <form className="workshop-start" onSubmit={submit} noValidate aria-labelledby="atelier-demarrer-titre">
      <h3 id="atelier-demarrer-titre">Démarrer un atelier</h3>
      <p className="hint">
        Notez qui est dans la salle : le relevé de l’atelier dira qui était présent, et chaque décision prise.
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
      <fieldset className="field workshop-partners">
        <legend>Partenaires présents</legend>
        {partners.length === 0 ? (
          <p className="muted">Ce contrat n’a pas encore de partenaires : tapez les noms ci-dessous.</p>
        ) : (
          <ul>
            {partners.map((p) => (
              <li key={p.id}>
                <label className="check">
                  <input type="checkbox" checked={ticked.has(p.id)} onChange={() => toggle(p.id)} /> {p.name}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="atelier-autres">Autres personnes présentes</label>
        <p className="hint" id="atelier-autres-hint">
          Une personne par ligne, par exemple « Mme Durand, conseil citoyen ».
        </p>
        <textarea
          id="atelier-autres"
          rows={3}
          value={others}
          onChange={(e) => setOthers(e.target.value)}
          aria-invalid={errors.others ? true : undefined}
          aria-describedby={'atelier-autres-hint' + (errors.others ? ' atelier-autres-error' : '')}
        />
        {errors.others && (
          <p id="atelier-autres-error" className="field-error">
            {errors.others}
          </p>
        )}
      </div>
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy || readOnly}>
          Démarrer l’atelier
        </button>
      </div>
    </form>
  );
}
