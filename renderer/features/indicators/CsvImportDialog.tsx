// « Importer des mesures (CSV) »: the file is read in the page and checked by a background job (progress bar); the
// preview lists what will be added and every line in error, with its line and column. Nothing is written until
// « Importer », then all lines at once, as one step that « Annuler » (Ctrl+Z) undoes.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import { useDoc } from '../../app/doc-context';
import type { CsvPreview } from '../../../core/features/indicators/contract';
import { isCancelled } from '../../lib/jobs';
import { useJob } from '../../lib/useJob';
import { countOf } from '../../lib/text';
import { readUpload } from '../../lib/upload';
import { JobProgress } from '../../ui/JobProgress';
import { FilePicker } from '../../ui/FilePicker';
import { Modal } from '../../ui/Modal';
import { formatFrenchDate, formatValue } from './util';

export function CsvImportDialog({ onCancel, onImported }: { onCancel: () => void; onImported: (added: number) => void }) {
  const docId = useDoc().doc.docId;
  const job = useJob('indicators.csvPreview');
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [accept, setAccept] = useState(false);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const importRef = useRef<HTMLButtonElement>(null);
  useEffect(() => fileRef.current?.focus(), []);

  const [chosen, setChosen] = useState<string | null>(null);

  async function choose(files: FileList | null) {
    const file = files?.[0];
    setChosen(file?.name ?? null);
    setPreview(null);
    setCommitError(null);
    setAccept(false);
    if (!file) return;
    const read = await readUpload(file);
    if (!read.ok) return setFileError(read.message);
    const r = await job.start({ docId, upload: read.upload });
    if (!r.ok) {
      setFileError(isCancelled(r.error) ? 'Lecture annulée : rien n’a été ajouté.' : r.error.message);
      fileRef.current?.focus();
      return;
    }
    setFileError(null);
    setPreview(r.value);
    setTimeout(() => (r.value.errorCount === 0 ? importRef.current : fileRef.current)?.focus());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!preview) return;
    setBusy(true);
    const r = await invoke('indicators.csvCommit', { docId, previewId: preview.previewId, acceptOutOfRange: accept });
    setBusy(false);
    if (!r.ok) return setCommitError(r.error.message);
    onImported(r.value.added);
  }

  const blocked = !preview || preview.errorCount > 0 || preview.count === 0 || (preview.outOfRangeCount > 0 && !accept);
  return (
    <Modal title="Importer des mesures (CSV)" onCancel={job.running ? job.cancel : onCancel} className="modal-wide csv-dialog">
      <form onSubmit={submit}>
        <p className="hint">
          Une ligne d’en-tête ; colonnes dans n’importe quel ordre : <code>indicateur</code> (identifiant ou titre exact), <code>date</code>, <code>valeur</code>,{' '}
          <code>perimetre</code> (« QPV » ou « Territoire de comparaison », ou encore qpv, reference), et facultatives <code>source</code>, <code>note</code>. Séparateur « ; » ou « , », virgule ou point décimal.
        </p>
        <div className="field">
          <label htmlFor="csv-file">Fichier CSV</label>
          <FilePicker id="csv-file" accept=".csv,text/csv,text/plain" chosen={chosen} onChoose={(files) => void choose(files)} inputRef={fileRef} errorId={fileError ? 'csv-file-error' : null} />
          {fileError && <p className="field-error" id="csv-file-error" role="alert">{fileError}</p>}
        </div>
        {job.running && <JobProgress title="Lecture du fichier CSV" status={job.status} onCancel={job.cancel} cancelling={job.cancelling} />}
        {preview && (
          <div className="csv-preview">
            <p className="csv-summary" role="status">
              « {preview.fileName} » ({preview.encoding === 'utf-8' ? 'UTF-8' : preview.encoding === 'utf-16' ? 'UTF-16' : 'Windows-1252'}, séparateur « {preview.separator === '\t' ? 'tabulation' : preview.separator} ») :{' '}
              {countOf(preview.count, 'mesure prête', 'mesures prêtes')}, {countOf(preview.errorCount, 'ligne en erreur', 'lignes en erreur')}.
            </p>
            {preview.errorCount > 0 && (
              <section aria-labelledby="csv-errors-title" className="csv-errors">
                <h3 id="csv-errors-title">Lignes en erreur — corrigez le fichier puis choisissez-le à nouveau ; rien ne sera ajouté d’ici là</h3>
                <ul>
                  {preview.errors.map((er) => <li key={`${er.line}-${er.column}`}>{er.message}</li>)}
                  {preview.errorCount > preview.errors.length && <li>… et {preview.errorCount - preview.errors.length} autres.</li>}
                </ul>
              </section>
            )}
            {preview.outOfRangeCount > 0 && (
              <section aria-labelledby="csv-range-title" className="csv-range">
                <h3 id="csv-range-title">Valeurs hors de la plage plausible</h3>
                <ul>{preview.outOfRange.map((er) => <li key={er.line}>{er.message}</li>)}</ul>
                <label className="check">
                  <input type="checkbox" checked={accept} onChange={(e) => setAccept(e.target.checked)} /> Je confirme ces {countOf(preview.outOfRangeCount, 'valeur', 'valeurs')} telles quelles
                </label>
              </section>
            )}
            {preview.count > 0 && (
              <div className="csv-sample">
                <table className="measurement-table">
                  <caption>Mesures qui seront ajoutées{preview.count > preview.sample.length ? ` (les ${preview.sample.length} premières)` : ''}</caption>
                  <thead>
                    <tr><th scope="col">Ligne</th><th scope="col">Indicateur</th><th scope="col">Date</th><th scope="col">Périmètre</th><th scope="col">Valeur</th></tr>
                  </thead>
                  <tbody>
                    {preview.sample.map((r) => (
                      <tr key={r.line}>
                        <td className="num">{r.line}</td><td>{r.indicator}</td><td>{formatFrenchDate(r.date)}</td>
                        <td>{r.scope === 'qpv' ? 'QPV' : 'Comparaison'}</td><td className="num">{formatValue(r.value)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
        {commitError && <p className="field-error" role="alert">{commitError}</p>}
        <div className="actions">
          <button ref={importRef} type="submit" className="btn btn-primary" disabled={blocked || busy}>
            {preview && preview.count > 0 ? `Importer ${countOf(preview.count, 'mesure')}` : 'Importer'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>Annuler</button>
        </div>
      </form>
    </Modal>
  );
}
