// « Importer un fichier JSON »: a contrat in the interchange format (FORMAT.md) becomes a new .trame file, created by
// a background job (progress bar, « Annuler »), then opened. The JSON is read and parsed in the page; the handlers
// validate it and refuse it with French messages, listed here.
import { useRef, useState, type FormEvent } from 'react';
import { shell } from '../../api';
import type { AppInfo, DocInfo } from '../../../core/api/contract';
import type { AppError } from '../../../core/api/result';
import { baseName, joinPath, slugify } from '../../lib/text';
import { isCancelled } from '../../lib/jobs';
import { unreadableFile } from '../../lib/upload';
import { useJob } from '../../lib/useJob';
import { AlertRegion } from '../../ui/Alert';
import { JobProgress } from '../../ui/JobProgress';
import { FilePicker } from '../../ui/FilePicker';
import { Modal } from '../../ui/Modal';
import { PathField, pathProblem } from './PathField';

interface ImportDialogProps {
  info: AppInfo;
  onImported: (doc: DocInfo) => void;
  onCancel: () => void;
}

interface Source { name: string; document: unknown }

/** Reads and parses the chosen file; a French message when it is not JSON. */
export async function readJsonFile(file: File): Promise<{ ok: true; document: unknown } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: unreadableFile(file.name) };
  }
  try {
    return { ok: true, document: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: `« ${file.name} » n’est pas un fichier JSON lisible : Trame attend un contrat exporté au format d’échange.` };
  }
}

export function ImportDialog({ info, onImported, onCancel }: ImportDialogProps) {
  const inElectron = shell() !== null;
  const [source, setSource] = useState<Source | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [pathEdited, setPathEdited] = useState(false);
  const [pathError, setPathError] = useState<string | null>(null);
  const [apiError, setApiError] = useState<AppError | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const pathRef = useRef<HTMLInputElement>(null);
  const job = useJob('format.import');

  async function choose(files: FileList | null) {
    const file = files?.[0];
    setApiError(null);
    if (!file) return;
    const r = await readJsonFile(file);
    if (!r.ok) {
      setSource(null);
      setFileError(r.message);
      return;
    }
    setFileError(null);
    setSource({ name: file.name, document: r.document });
    if (!pathEdited) setPath(joinPath(info.defaultDir, slugify(file.name.replace(/\.json$/i, '')) + '.trame'));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setApiError(null);
    if (!source) {
      setFileError('Choisissez le fichier JSON à importer.');
      fileRef.current?.focus();
      return;
    }
    let target = path.trim();
    const s = shell();
    if (s) {
      const p = await s.chooseSavePath({
        title: 'Créer le contrat importé dans…',
        defaultName: slugify(source.name.replace(/\.json$/i, '')) + '.trame',
        filters: 'trame',
      });
      if (!p) return;
      target = p;
    } else {
      const problem = pathProblem(target);
      if (problem) {
        setPathError(problem);
        pathRef.current?.focus();
        return;
      }
    }
    const r = await job.start({ path: target, document: source.document });
    if (r.ok) onImported(r.value);
    else if (!isCancelled(r.error)) setApiError(r.error);
  }

  return (
    <Modal title="Importer un contrat (JSON)" onCancel={job.running ? job.cancel : onCancel} className="modal-file">
      {job.running ? (
        <JobProgress title="Import du contrat" status={job.status} cancelling={job.cancelling} onCancel={job.cancel} />
      ) : (
        <form onSubmit={submit} noValidate>
          <p>Trame crée un nouveau fichier .trame à partir d’un contrat exporté en JSON (format d’échange), puis l’ouvre.</p>
          <AlertRegion error={apiError} onDismiss={() => setApiError(null)} />
          <div className="field">
            <label htmlFor="import-file">Fichier JSON à importer</label>
            <FilePicker id="import-file" accept=".json,application/json" chosen={source ? baseName(source.name) : null} onChoose={(files) => void choose(files)} inputRef={fileRef} errorId={fileError ? 'import-file-error' : null} />
            {fileError && (
              <p id="import-file-error" className="field-error" role="alert">
                {fileError}
              </p>
            )}
          </div>
          {!inElectron && (
            <PathField
              id="import-path"
              label="Nouveau fichier (.trame)"
              hint="Chemin complet du fichier à créer. Un fichier qui existe déjà n’est jamais remplacé."
              value={path}
              error={pathError}
              onChange={(v) => {
                setPath(v);
                setPathEdited(true);
                if (pathError) setPathError(null);
              }}
              inputRef={pathRef}
            />
          )}
          <div className="actions">
            <button type="submit" className="btn btn-primary">
              {inElectron ? 'Importer…' : 'Importer'}
            </button>
            <button type="button" className="btn btn-secondary" onClick={onCancel}>
              Annuler
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
