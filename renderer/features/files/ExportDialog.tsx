// « Exporter (JSON) »: the whole contrat in the interchange format, written to a .json file by a background job with
// a progress bar and « Annuler ». In Electron the path comes from the native dialog and the job starts at once; in
// the browser harness it is typed, prefilled beside the contrat. An existing file is replaced only by choice: the
// native dialog already asked (Electron), or the box « Remplacer le fichier s'il existe déjà » is ticked.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DocInfo } from '../../../core/api/contract';
import { joinPath, slugify } from '../../lib/text';
import { isCancelled } from '../../lib/jobs';
import { useJob } from '../../lib/useJob';
import { JobProgress } from '../../ui/JobProgress';
import { Modal } from '../../ui/Modal';
import { dirName } from './paths';
import { jsonPathProblem, PathField } from './PathField';

interface ExportDialogProps {
  doc: DocInfo;
  /** Chosen in the native dialog (Electron): no field, the export starts at once. */
  presetPath: string | null;
  onDone: (path: string) => void;
  /** Closed before the end, or the export was cancelled (nothing was written). */
  onCancel: (cancelledJob: boolean) => void;
}

export function exportPathFor(doc: DocInfo): string {
  return joinPath(dirName(doc.path), slugify(doc.contrat.name) + '.json');
}

export function ExportDialog({ doc, presetPath, onDone, onCancel }: ExportDialogProps) {
  const [path, setPath] = useState(() => presetPath ?? exportPathFor(doc));
  const [error, setError] = useState<string | null>(null);
  const [replace, setReplace] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const job = useJob('format.exportToFile');

  async function run(target: string, replaceExisting: boolean) {
    setError(null);
    const r = await job.start({ docId: doc.docId, path: target, replace: replaceExisting });
    if (r.ok) onDone(r.value.path);
    else if (isCancelled(r.error)) onCancel(true);
    else {
      setError(r.error.message);
      inputRef.current?.focus();
    }
  }

  const started = useRef(false);
  useEffect(() => {
    if (presetPath === null || started.current) return;
    started.current = true;
    void run(presetPath, true); // the native save dialog already asked whether to replace
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [presetPath]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const problem = jsonPathProblem(path);
    if (problem) {
      setError(problem);
      inputRef.current?.focus();
      return;
    }
    void run(path.trim(), replace);
  }

  return (
    <Modal title="Exporter le contrat (JSON)" onCancel={job.running ? job.cancel : () => onCancel(false)} className="modal-file">
      {job.running ? (
        <JobProgress title="Export JSON du contrat" status={job.status} cancelling={job.cancelling} onCancel={job.cancel} />
      ) : presetPath !== null ? (
        <>
          <div role="alert" className="field-alert">
            {error && <p className="field-error">{error}</p>}
          </div>
          <div className="actions">
            <button type="button" className="btn btn-primary" autoFocus onClick={() => onCancel(false)}>
              Fermer
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>Trame écrit tout le contrat dans un fichier JSON (format d’échange), que l’on peut réimporter ou relire.</p>
          <PathField
            id="export-path"
            label="Fichier JSON à écrire"
            hint="Chemin complet du fichier. Un fichier existant n’est remplacé que si la case ci-dessous est cochée."
            value={path}
            error={error}
            onChange={(v) => {
              setPath(v);
              if (error) setError(null);
            }}
            inputRef={inputRef}
          />
          <p className="field">
            <label>
              <input
                type="checkbox"
                checked={replace}
                onChange={(e) => {
                  setReplace(e.target.checked);
                  if (error) setError(null);
                }}
              />{' '}
              Remplacer le fichier s’il existe déjà
            </label>
          </p>
          <div className="actions">
            <button type="submit" className="btn btn-primary">
              Exporter
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => onCancel(false)}>
              Annuler
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
