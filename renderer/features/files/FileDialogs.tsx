// The file-safety dialogs of the contrat screen: « Enregistrer sous » (browser: a typed path; Electron uses the
// native dialog instead), « Restaurer une sauvegarde » (both modes), and the confirmation before closing a contrat
// whose file no longer accepts writes.
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { invoke, shell } from '../../api';
import type { BackupInfo, DocInfo } from '../../../core/api/contract';
import type { Result } from '../../../core/api/result';
import { baseName } from '../../lib/text';
import { backupLabels, copyPathFor, formatItems, formatSize, hasTrameExtension, restoreFileName, restorePathFor } from '../files/paths';
import { Modal } from '../../ui/Modal';

/** Checks a typed .trame path; returns a French message or null. */
function pathProblem(path: string): string | null {
  const p = path.trim();
  if (!p) return 'Le chemin du fichier est obligatoire.';
  if (!hasTrameExtension(p)) return 'Le nom du fichier doit se terminer par « .trame » (par exemple contrat-copie.trame).';
  return null;
}

/**
 * What a dialog that sends a file path to the handlers shares: the check of a typed path, the busy flag, the
 * French error under the field and the focus back in it. `typed` is false when the path came from the native dialog.
 */
function usePathSubmit(inputRef: RefObject<HTMLInputElement | null>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(target: string, typed: boolean, call: (path: string) => Promise<Result<DocInfo>>, onDone: (d: DocInfo) => void) {
    if (typed) {
      const problem = pathProblem(target);
      if (problem) {
        setError(problem);
        inputRef.current?.focus();
        return;
      }
    }
    setBusy(true);
    setError(null);
    const r = await call(target.trim());
    setBusy(false);
    if (r.ok) {
      onDone(r.value);
      return;
    }
    setError(r.error.message);
    if (typed) inputRef.current?.focus();
  }

  return { error, setError, busy, send };
}

/** Focus and select the file name (not the folder) so that typing a new name replaces it. */
function focusFileName(input: HTMLInputElement | null): void {
  if (!input) return;
  input.focus();
  const v = input.value;
  const start = Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\')) + 1;
  const end = /\.trame$/i.test(v) ? v.length - '.trame'.length : v.length;
  input.setSelectionRange(start, Math.max(start, end));
}

interface PathFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  error: string | null;
  onChange: (v: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}

function PathField({ id, label, hint, value, error, onChange, inputRef }: PathFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        ref={inputRef}
        id={id}
        type="text"
        className="input-path"
        spellCheck={false}
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <div role="alert" className="field-alert">
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

interface SaveAsDialogProps {
  doc: DocInfo;
  /** The file stopped accepting writes: the copy must go elsewhere. */
  offline: boolean;
  onSaved: (d: DocInfo) => void;
  onCancel: () => void;
}

/** « Enregistrer sous » in the browser harness: a path typed in a field, prefilled beside the current file. */
export function SaveAsDialog({ doc, offline, onSaved, onCancel }: SaveAsDialogProps) {
  const [path, setPath] = useState(() => copyPathFor(doc.path));
  const inputRef = useRef<HTMLInputElement>(null);
  const { error, setError, busy, send } = usePathSubmit(inputRef);

  // After showModal (the Modal's effect runs after ours): the file name selected, ready to be typed over.
  useEffect(() => {
    const raf = requestAnimationFrame(() => focusFileName(inputRef.current));
    return () => cancelAnimationFrame(raf);
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    await send(path, true, (p) => invoke('doc.saveAs', { docId: doc.docId, path: p }), onSaved);
  }

  const current = baseName(doc.path);
  return (
    <Modal title="Enregistrer le contrat sous…" onCancel={busy ? undefined : onCancel} className="modal-file">
      <form onSubmit={submit} noValidate>
        <p>
          Trame écrit une copie complète du contrat dans un nouveau fichier, puis continue dans ce fichier.{' '}
          {offline
            ? `« ${current} » n’est plus accessible : choisissez un autre emplacement (disque de l’ordinateur, autre clé USB).`
            : `« ${current} » reste tel qu’il est.`}
        </p>
        <PathField
          id="save-as-path"
          label="Nouveau fichier (.trame)"
          hint="Chemin complet du fichier à créer. Un fichier qui existe déjà n’est jamais remplacé."
          value={path}
          error={error}
          onChange={(v) => {
            setPath(v);
            if (error) setError(null);
          }}
          inputRef={inputRef}
        />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Enregistrement…' : 'Enregistrer'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
            Annuler
          </button>
        </div>
      </form>
    </Modal>
  );
}

interface BackupsDialogProps {
  doc: DocInfo;
  /** The backup is restored into a new file, which the handlers have opened. */
  onRestored: (d: DocInfo) => void;
  onCancel: () => void;
}

/** « Restaurer une sauvegarde » : the automatic backups, newest first; the chosen one goes into a NEW file. */
export function BackupsDialog({ doc, onRestored, onCancel }: BackupsDialogProps) {
  const inElectron = shell() !== null;
  const [list, setList] = useState<BackupInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [pathEdited, setPathEdited] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const { error, setError, busy, send } = usePathSubmit(inputRef);
  const firstRadio = useRef<HTMLInputElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const legendId = useId();

  useEffect(() => {
    let live = true;
    void invoke('backup.list', { docId: doc.docId }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setLoadError(r.error.message);
        setList([]);
        return;
      }
      setList(r.value);
      const first = r.value[0];
      if (first) {
        setChosen(first.id);
        setPath(restorePathFor(doc.path, first.at));
      }
    });
    return () => {
      live = false;
    };
  }, [doc.docId, doc.path]);

  // Once the list is shown: the focus on the chosen backup (or on « Fermer » when there is none).
  const loaded = list !== null;
  useEffect(() => {
    if (loaded) (firstRadio.current ?? closeRef.current)?.focus();
  }, [loaded]);

  const labels = list ? backupLabels(list.map((b) => b.at)) : [];
  const chosenBackup = list?.find((b) => b.id === chosen) ?? null;

  function choose(b: BackupInfo) {
    setChosen(b.id);
    setError(null);
    if (!pathEdited) setPath(restorePathFor(doc.path, b.at));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosenBackup) {
      setError('Choisissez une sauvegarde dans la liste.');
      return;
    }
    let target = path;
    const s = shell();
    if (s) {
      const p = await s.chooseSavePath({
        title: 'Restaurer la sauvegarde dans…',
        defaultName: restoreFileName(doc.path, chosenBackup.at),
        filters: 'trame',
      });
      if (!p) return;
      target = p;
    }
    await send(target, !s, (p) => invoke('backup.restore', { docId: doc.docId, backupId: chosenBackup.id, path: p }), onRestored);
  }

  const rhythm = 'Trame sauvegarde automatiquement le contrat à chaque ouverture, puis toutes les heures tant qu’il est modifié.';
  return (
    <Modal title="Restaurer une sauvegarde" onCancel={busy ? undefined : onCancel} className="modal-file modal-backups">
      {list === null ? (
        <p role="status">Recherche des sauvegardes…</p>
      ) : list.length === 0 ? (
        <>
          {loadError ? (
            <p role="alert" className="field-error">
              {loadError}
            </p>
          ) : (
            <p>Aucune sauvegarde de ce contrat pour l’instant. {rhythm}</p>
          )}
          <div className="actions">
            <button ref={closeRef} type="button" className="btn btn-primary" onClick={onCancel}>
              Fermer
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate className="backups-form">
          <p>
            {rhythm} La sauvegarde choisie est restaurée dans un <strong>nouveau fichier</strong>, qui s’ouvre ; le contrat
            actuel reste tel qu’il est.
          </p>
          <div className="backups-group" role="radiogroup" aria-labelledby={legendId}>
            <p id={legendId} className="backups-legend">
              {list.length === 1 ? 'Une sauvegarde' : `${list.length} sauvegardes, de la plus récente à la plus ancienne`}
            </p>
            <div className="backup-list">
              {list.map((b, i) => (
                <label key={b.id} className={'backup-item' + (b.id === chosen ? ' is-chosen' : '')}>
                  <input
                    ref={i === 0 ? firstRadio : undefined}
                    type="radio"
                    name="backup"
                    value={b.id}
                    checked={b.id === chosen}
                    onChange={() => choose(b)}
                  />
                  <span className="backup-text">
                    <span className="backup-date">
                      {labels[i]}
                      {i === 0 && <span className="backup-newest"> (la plus récente)</span>}
                    </span>
                    <span className="backup-meta">
                      {formatItems(b.items)}
                      <span aria-hidden="true"> · </span>
                      <span className="sr-only">, </span>
                      {formatSize(b.size)}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </div>
          {inElectron ? (
            <>
              <p className="hint">Vous choisirez ensuite où enregistrer le fichier restauré ; il s’ouvrira dans une nouvelle fenêtre.</p>
              <div role="alert" className="field-alert">
                {error && <p className="field-error">{error}</p>}
              </div>
            </>
          ) : (
            <PathField
              id="restore-path"
              label="Restaurer dans le fichier (.trame)"
              hint="Chemin complet d’un nouveau fichier, jamais celui du contrat ouvert."
              value={path}
              error={error}
              onChange={(v) => {
                setPath(v);
                setPathEdited(true);
                if (error) setError(null);
              }}
              inputRef={inputRef}
            />
          )}
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Restauration…' : inElectron ? 'Restaurer dans un nouveau fichier…' : 'Restaurer dans un nouveau fichier'}
            </button>
            <button type="button" className="btn btn-secondary" onClick={onCancel} disabled={busy}>
              Annuler
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

/** Closing a contrat whose file stopped accepting writes would lose what is only in memory: ask first. */
export function CloseOfflineDialog({ onSaveAs, onDiscard, onCancel }: { onSaveAs: () => void; onDiscard: () => void; onCancel: () => void }) {
  return (
    <Modal title="Fermer sans enregistrer ?" onCancel={onCancel}>
      <p>
        Ce contrat n’est plus enregistré dans son fichier. Si vous le fermez maintenant, les modifications faites depuis
        que le fichier est devenu inaccessible seront perdues.
      </p>
      <div className="actions">
        <button type="button" className="btn btn-primary" autoFocus onClick={onSaveAs}>
          Enregistrer sous…
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDiscard}>
          Fermer sans enregistrer
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </Modal>
  );
}
