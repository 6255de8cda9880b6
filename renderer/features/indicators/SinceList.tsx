// « Depuis le dernier COPIL »: the items changed since a COPIL or a chosen date, with what happened to each, who and when.
import { useState } from 'react';
import { CHANGE_LABELS, type Copil, type Dashboard } from '../../../core/features/indicators/contract';
import { formatDateTime } from '../../lib/dates';
import { countOf } from '../../lib/text';
import { dateField, formatFrenchDate } from './util';

/** « 10 h 12 »: the moment a COPIL was recorded on its own day. */
const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('fr-FR', { hour: 'numeric', minute: '2-digit' }).replace(':', '\u00a0h\u00a0');

/** « 2 créés, 1 dont le marquage a changé, 3 modifiés » — the kinds that happened, each agreed with its count. */
function sinceCounts(c: Dashboard['since']['counts']): string {
  const parts: [number, string, string][] = [
    [c.created, 'créé', 'créés'],
    [c.retagged, 'marquage changé', 'marquages changés'],
    [c.edited, 'modifié', 'modifiés'],
    [c.moved, 'déplacé', 'déplacés'],
    [c.deleted, 'supprimé', 'supprimés'],
  ];
  return parts.filter(([n]) => n > 0).map(([n, one, many]) => countOf(n, one, many)).join(', ');
}

export function SinceList({ since, copils, onSince }: { since: Dashboard['since']; copils: Copil[]; onSince: (date: string | null) => void }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const copil = copils.find((c) => c.id === since.copilId) ?? null;
  return (
    <section className="dash-section since" aria-labelledby="since-title">
      <h2 id="since-title">Depuis le dernier COPIL</h2>
      <div className="since-controls">
        <div className="field">
          <label htmlFor="since-copil">Depuis le COPIL</label>
          <select id="since-copil" value={copil?.id ?? ''} onChange={(e) => { const c = copils.find((x) => x.id === e.target.value); if (c) onSince(c.date); }}>
            <option value="" disabled>{copils.length ? '— choisir —' : 'Aucun COPIL enregistré'}</option>
            {copils.map((c) => <option key={c.id} value={c.id}>{c.title} ({formatFrenchDate(c.date)})</option>)}
          </select>
        </div>
        <form
          className="since-date"
          onSubmit={(e) => {
            e.preventDefault();
            const r = dateField(typed);
            if (!r.ok || r.value === null) return setError(r.ok ? 'Tapez une date, par exemple 20/11/2025.' : r.error);
            setError(null);
            onSince(r.value);
          }}
        >
          <div className="field">
            <label htmlFor="since-date">ou depuis le</label>
            <input id="since-date" type="text" value={typed} placeholder="ex. 20/11/2025" aria-invalid={error ? true : undefined} aria-describedby={error ? 'since-date-error' : undefined} onChange={(e) => setTyped(e.target.value)} />
            {error && <p className="field-error" id="since-date-error">{error}</p>}
          </div>
          <button type="submit" className="btn btn-secondary">Afficher</button>
        </form>
      </div>
      {since.date === null ? (
        <p className="muted">Aucun COPIL enregistré : choisissez une date pour voir ce qui a changé depuis.</p>
      ) : (
        <>
          <p className="since-summary">
            {copil && since.at
              ? `Depuis le COPIL « ${copil.title} » du ${formatFrenchDate(since.date)} à ${timeOf(since.at)}`
              : copil
                ? `Depuis le lendemain du COPIL « ${copil.title} » du ${formatFrenchDate(since.date)}`
                : `Depuis le ${formatFrenchDate(since.date)}`}{' '}
            : {countOf(since.items.length, 'élément modifié', 'éléments modifiés')}
            {since.items.length > 0 && ` — ${sinceCounts(since.counts)}`}
            {since.truncated ? ' (liste tronquée)' : ''}.
          </p>
          <ul className="since-list">
            {since.items.map((it) => (
              <li key={it.key} className="since-item">
                <p className="since-head">
                  <span className="since-type">{it.type}</span> <strong>{it.title}</strong>{' '}
                  {it.kinds.map((k) => <span key={k} className={`since-kind kind-${k}`}>{CHANGE_LABELS[k]}</span>)}
                </p>
                <ul className="since-changes">
                  {it.changes.map((c, i) => (
                    <li key={i}>{c.label} — {c.author}, <time dateTime={c.at}>{formatDateTime(c.at)}</time></li>
                  ))}
                  {it.changeCount > it.changes.length && <li className="muted">et {countOf(it.changeCount - it.changes.length, 'modification plus ancienne', 'modifications plus anciennes')}</li>}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
