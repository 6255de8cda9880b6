// « Fichier → Fusionner une autre copie… » (issue 19): the other copy's path (typed, or chosen in the native dialog
// under Electron); merge.preview says what will be taken silently and lists every conflict with both values, who
// and when, each with its choice (by keyboard: one radio group per conflict, the focus on the first); « Fusionner »
// (or Entrée) applies it with merge.apply as one undoable step. Another contrat, a bad file or a conflict left
// without a choice: the French message here, nothing written.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { invoke, shell } from '../../api';
import type { DocInfo } from '../../../core/api/contract';
import type { Choice, MergePreview } from '../../../core/features/merge/contract';
import { countOf } from '../../lib/text';
import { Modal } from '../../ui/Modal';
import { ConflictChoice, type Pick } from './ConflictChoice';
import './merge.css';

interface Props { doc: DocInfo; defaultDir: string; onCancel: () => void; onDone: (text: string) => void }

export function MergeDialog({ doc, defaultDir, onCancel, onDone }: Props) {
  const [path, setPath] = useState(`${defaultDir}/`);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pathRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  useEffect(() => pathRef.current?.focus(), []);

  /** Focus asked for the first radio of conflict `i` (or « Fusionner »), given once the list is drawn. */
  const [focusAt, focusConflict] = useState<{ i: number } | null>(null);
  useEffect(() => {
    if (focusAt) (listRef.current?.querySelector<HTMLElement>(`input[data-conflict="${focusAt.i}"]`) ?? submitRef.current)?.focus();
  }, [focusAt]);

  async function examine(target: string) {
    setBusy(true);
    setError(null);
    const r = await invoke('merge.preview', { docId: doc.docId, path: target.trim() });
    setBusy(false);
    if (!r.ok) {
      setPreview(null);
      setError(r.error.message);
      pathRef.current?.focus();
      return;
    }
    const t = await invoke('tree.get', { docId: doc.docId });
    if (t.ok) setTitles(new Map(t.value.nodes.map((n) => [n.id, n.title])));
    setPicks({});
    setTexts(Object.fromEntries(r.value.conflicts.filter((c) => c.text).map((c) => [c.id, [c.mine, c.theirs].filter((v) => typeof v === 'string').join('\n')])));
    setPreview(r.value);
    focusConflict({ i: 0 });
  }

  async function browse() {
    const p = await shell()?.chooseOpenPath({ title: 'Fusionner une autre copie', filters: 'trame' });
    if (!p) return;
    setPath(p);
    await examine(p);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!path.trim() || /[\\/]$/.test(path.trim())) {
      setError('Indiquez le chemin de l’autre copie du contrat (un fichier .trame).');
      pathRef.current?.focus();
      return;
    }
    if (!preview) return examine(path);
    const missing = preview.conflicts.findIndex((c) => !picks[c.id]);
    if (missing >= 0) {
      setError(`${countOf(preview.conflicts.filter((c) => !picks[c.id]).length, 'conflit')} sans choix : choisissez pour chacun « garder le mien » ou « garder le leur ». Rien n’a été fusionné.`);
      focusConflict({ i: missing });
      return;
    }
    const choices: Record<string, Choice> = {};
    for (const c of preview.conflicts) {
      const p = picks[c.id];
      choices[c.id] = p === 'texte' ? { texte: texts[c.id] ?? '' } : p;
    }
    setBusy(true);
    const r = await invoke('merge.apply', { docId: doc.docId, path: path.trim(), choices });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      focusConflict({ i: 0 });
      return;
    }
    // Frozen versions are outside the journal: brought over (or renumbered) for good, never undone.
    const versions = r.value.preview.notes.length ? ' Les versions figées reprises restent (une version figée ne s’annule pas).' : '';
    if (!r.value.outcome) {
      return onDone(versions ? `Versions figées de la copie « ${preview.otherFile} » reprises.${versions}` : `Rien à fusionner : ce contrat contient déjà tout ce que la copie « ${preview.otherFile} » a changé.`);
    }
    onDone(`Fusion avec la copie de ${preview.otherAuthor} faite : ${countOf(r.value.preview.changes, 'ligne modifiée', 'lignes modifiées')}. Ctrl+Z l’annule en une fois.${versions}`);
  }

  const n = preview?.conflicts.length ?? 0;
  const silent = preview ? preview.changes : 0;
  return (
    <Modal title="Fusionner une autre copie" onCancel={onCancel} className="modal-wide merge-dialog">
      <form onSubmit={submit}>
        {!preview && (
          <p className="hint" id="merge-path-hint">
            L’autre copie de ce contrat (envoyée par courriel, sur une clé USB…) : ses changements sont repris ici en une seule étape, annulable. L’autre fichier n’est jamais modifié.
          </p>
        )}
        <div className="field">
          <label htmlFor="merge-path">Autre copie (.trame)</label>
          <div className="merge-path-row">
            <input
              id="merge-path" ref={pathRef} type="text" className="input-path" spellCheck={false} autoComplete="off" value={path}
              aria-invalid={error && !preview ? true : undefined} aria-describedby={[preview ? null : 'merge-path-hint', error ? 'merge-error' : null].filter(Boolean).join(' ') || undefined}
              onChange={(e) => (setPath(e.target.value), setPreview(null), setError(null))}
            />
            {shell() && <button type="button" className="btn btn-secondary" onClick={() => void browse()}>Parcourir…</button>}
          </div>
        </div>
        {preview && (
          <div className="merge-preview">
            {preview.noBase && <p className="merge-nobase" role="note">{preview.noBase}</p>}
            {preview.notes.length > 0 && (
              <ul className="merge-notes" aria-label="À savoir sur cette fusion">
                {preview.notes.map((note) => <li key={note}>{note}</li>)}
              </ul>
            )}
            <p className="merge-summary" id="merge-summary">
              {silent === 0 && n === 0 && preview.notes.length === 0
                ? `Rien à fusionner : ce contrat contient déjà tout ce que la copie « ${preview.otherFile} » a changé.`
                : `Copie « ${preview.otherFile} » (dernier changement par ${preview.otherAuthor}) : ${countOf(silent, 'changement repris', 'changements repris')} sans question, ${countOf(n, 'conflit')} à trancher${n ? ' ci-dessous' : ''}.`}
            </p>
            {n > 0 && (
              <div className="merge-conflicts" ref={listRef} role="group" aria-labelledby="merge-summary">
                {preview.conflicts.map((c, i) => (
                  <ConflictChoice
                    key={c.id} conflict={c} index={i} total={n} titles={titles} pick={picks[c.id]} text={texts[c.id] ?? ''}
                    onPick={(p) => setPicks((x) => ({ ...x, [c.id]: p }))} onText={(t) => setTexts((x) => ({ ...x, [c.id]: t }))}
                  />
                ))}
              </div>
            )}
          </div>
        )}
        <div role="alert" className="field-alert">
          {error && <p id="merge-error" className="field-error">{error}</p>}
        </div>
        <div className="actions">
          <button type="submit" ref={submitRef} className="btn btn-primary" disabled={busy}>{preview ? 'Fusionner' : 'Examiner la copie'}</button>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>Annuler</button>
        </div>
      </form>
    </Modal>
  );
}
