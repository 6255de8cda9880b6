// « Restaurer une sauvegarde » (both modes): the automatic backups, newest first; the chosen one goes into a NEW file.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { invoke, shell } from '../../api';
import type { BackupInfo, DocInfo } from '../../../core/api/contract';
import { Modal } from '../../ui/Modal';
import { backupLabels, formatItems, formatSize, restoreFileName, restorePathFor } from './paths';
import { PathField, usePathSubmit } from './PathField';
import { FormActions } from '../../ui/FormActions';

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
          <FormActions submit={busy ? 'Restauration…' : inElectron ? 'Restaurer dans un nouveau fichier…' : 'Restaurer dans un nouveau fichier'} busy={busy} onCancel={onCancel} />
        </form>
      )}
    </Modal>
  );
}
