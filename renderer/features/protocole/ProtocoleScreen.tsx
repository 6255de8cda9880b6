// « Protocole »: the protocole d'engagements (or the note de COPIL) as it will print, its settings kept in the file
// (parts and their order, preamble, governance, place of signature), and its export as PDF or DOCX by a background
// job with a progress bar and « Annuler ». Every change of a setting is one undoable step.
import { useCallback, useEffect, useRef, useState } from 'react';
import { invoke } from '../../api';
import { useDoc } from '../../app/doc-context';
import { useRead } from '../../lib/useRead';
import { SavedField } from '../../ui/fields';
import type { ProtocoleSettings } from '../../../core/features/protocole/contract';
import { ExportPanel } from './ExportPanel';
import { PartsEditor } from './PartsEditor';
import { Preview } from './Preview';
import './protocole.css';

export const MARKUP_HINT = 'Un paragraphe par bloc (ligne vide entre deux) ; **gras**, *italique* ; une liste : une ligne par élément commençant par « - ».';

export function ProtocoleScreen() {
  const { doc, readOnly, arrived, focusReq, revision, setEditOffline, announce } = useDoc();
  const [note, setNote] = useState(false);
  const [tick, setTick] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  const settingsRead = useRead(() => invoke('protocole.settings', { docId: doc.docId }), [doc.docId, revision, tick]);
  const modelRead = useRead(() => invoke('protocole.preview', { docId: doc.docId, note }), [doc.docId, revision, tick, note]);
  const settings = settingsRead.value;
  const model = modelRead.value;
  const error = settingsRead.error ?? modelRead.error;

  const firstFocusReq = useRef(focusReq);
  useEffect(() => {
    if (arrived || focusReq !== firstFocusReq.current) heading.current?.focus();
  }, [arrived, focusReq]);

  /** Saves a change of the settings; returns the French refusal, or null. */
  const save = useCallback(
    async (patch: Partial<ProtocoleSettings>, done: string): Promise<string | null> => {
      const r = await invoke('protocole.update', { docId: doc.docId, patch });
      if (!r.ok) return r.error.message;
      setEditOffline(r.value.offline);
      setTick((t) => t + 1);
      announce(done);
      return null;
    },
    [doc.docId, setEditOffline, announce],
  );

  return (
    <main className="protocole" aria-labelledby="protocole-title">
      <div className="protocole-head">
        <h2 id="protocole-title" ref={heading} tabIndex={-1}>
          Protocole et note de COPIL
        </h2>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      )}
      <div className="protocole-body">
        <section className="protocole-settings" aria-labelledby="protocole-settings-title">
          <h3 id="protocole-settings-title">Contenu du protocole</h3>
          {settings === null ? (
            <p role="status">Chargement…</p>
          ) : (
            <>
              <PartsEditor parts={settings.parts} disabled={readOnly} onChange={(parts, done) => save({ parts }, done)} />
              <SavedField
                id="protocole-preamble"
                label="Préambule"
                multiline
                rows={6}
                value={settings.preamble}
                disabled={readOnly}
                hint={MARKUP_HINT}
                onSave={(text) => save({ preamble: text }, 'Préambule enregistré.')}
              />
              <SavedField
                id="protocole-governance"
                label="Gouvernance : COPIL, COTECH et leur calendrier"
                multiline
                rows={5}
                value={settings.governance}
                disabled={readOnly}
                hint={MARKUP_HINT}
                onSave={(text) => save({ governance: text }, 'Gouvernance enregistrée.')}
              />
              <SavedField
                id="protocole-place"
                label="Lieu de signature (« Fait à … »)"
                value={settings.place}
                disabled={readOnly}
                onSave={(text) => save({ place: text }, 'Lieu de signature enregistré.')}
              />
            </>
          )}
          <ExportPanel doc={doc} />
        </section>
        <section className="protocole-preview" aria-labelledby="protocole-preview-title">
          <div className="protocole-preview-head">
            <h3 id="protocole-preview-title">Aperçu avant impression</h3>
            <label className="protocole-toggle">
              <input type="checkbox" checked={note} onChange={(e) => setNote(e.target.checked)} /> Voir la note de COPIL
            </label>
          </div>
          {model === null ? <p role="status">Préparation de l’aperçu…</p> : <Preview model={model} />}
        </section>
      </div>
    </main>
  );
}
