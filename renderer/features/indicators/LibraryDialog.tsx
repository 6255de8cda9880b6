// « Bibliothèque nationale d'indicateurs »: the indicators and targets of the national texts (circulaire of 22 January
// 2019, CIV of 27 October 2023, convention 2016–2020). The one chosen lands under the objectif or action, pre-filled.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import { useDoc } from '../../app/doc-context';
import type { TreeNode } from '../../../core/api/contract';
import { LIBRARY, LIBRARY_FAMILIES, type LibraryEntry } from '../../../core/features/indicators/contract';
import { FormActions } from '../../ui/FormActions';
import { Modal } from '../../ui/Modal';
import { formatFrenchDate, formatValue } from './util';

const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function targetText(e: LibraryEntry): string {
  if (!e.target) return 'pas de cible nationale chiffrée';
  return `cible nationale ${formatValue(e.target.value, e.unit)}${e.target.date ? ` (${formatFrenchDate(e.target.date)})` : ''}`;
}

export function LibraryDialog({ parent, onCancel, onAdded }: { parent: TreeNode; onCancel: () => void; onAdded: (id: string) => Promise<void> }) {
  const docId = useDoc().doc.docId;
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => search.current?.focus(), []);
  const shown = useMemo(() => LIBRARY.filter((e) => plain(`${e.title} ${e.source}`).includes(plain(query.trim()))), [query]);
  const entry = LIBRARY.find((e) => e.id === chosen) ?? null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) {
      setError('Choisissez un indicateur dans la liste.');
      return;
    }
    setBusy(true);
    const r = await invoke('indicators.addFromLibrary', { docId, parentId: parent.id, entryId: chosen });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    await onAdded(r.value.focusId ?? parent.id);
  }

  return (
    <Modal title="Bibliothèque nationale d’indicateurs" onCancel={onCancel} className="modal-wide library-dialog">
      <form onSubmit={submit}>
        <p>
          L’indicateur choisi s’ajoute sous « {parent.title} », pré-rempli (unité, sens, cible nationale, source) et modifiable ensuite.
        </p>
        <div className="field">
          <label htmlFor="lib-search">Rechercher</label>
          <input id="lib-search" ref={search} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="ex. apprentis, EPIDE, clauses" />
        </div>
        <div className="library-list" role="group" aria-label="Indicateurs de la bibliothèque">
          {(Object.keys(LIBRARY_FAMILIES) as LibraryEntry['family'][]).map((f) => {
            const list = shown.filter((e) => e.family === f);
            if (list.length === 0) return null;
            return (
              <fieldset key={f} className="fieldset library-family">
                <legend>{LIBRARY_FAMILIES[f]}</legend>
                {list.map((e) => (
                  <label key={e.id} className="check library-entry">
                    <input type="radio" name="library-entry" value={e.id} checked={chosen === e.id} onChange={() => { setChosen(e.id); setError(null); }} />
                    <span>
                      {e.title} <span className="muted">— {e.unit}, {e.direction === 'hausse' ? 'à la hausse' : 'à la baisse'}, {targetText(e)}</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            );
          })}
          {shown.length === 0 && <p className="muted">Aucun indicateur ne correspond à « {query} ».</p>}
        </div>
        {entry && (
          <blockquote className="library-source" aria-live="polite">
            <p><strong>Source :</strong> {entry.source}.</p>
            <p>« {entry.passages[0]} »</p>
          </blockquote>
        )}
        {error && <p className="field-error" role="alert">{error}</p>}
        <FormActions submit={busy ? 'Ajout…' : 'Ajouter l’indicateur'} busy={busy} onCancel={onCancel} />
      </form>
    </Modal>
  );
}
