// « Fichier → Exporter en tableur… »: the contrat as linked sheets (Arbre, Indicateurs, Mesures, Partenaires,
// Signataires, Engagements, Financements, Historique des statuts, COPIL) in XLSX or ODS, each row with its id and its
// parent's or partner's id — what Grist imports as tables, and Excel or LibreOffice open.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { DocInfo } from '../../../core/api/contract';
import { isCancelled } from '../../lib/jobs';
import { useJob } from '../../lib/useJob';
import { JobProgress } from '../../ui/JobProgress';
import { Modal } from '../../ui/Modal';
import './spreadsheet.css';

interface Props { doc: DocInfo; defaultPath: (format: 'xlsx' | 'ods') => string; onCancel: () => void; onDone: (text: string) => void }

export function SpreadsheetExportDialog({ doc, defaultPath, onCancel, onDone }: Props) {
  const job = useJob('spreadsheet.export');
  const [format, setFormat] = useState<'xlsx' | 'ods'>('xlsx');
  const [target, setTarget] = useState(() => defaultPath('xlsx'));
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pathRef = useRef<HTMLInputElement>(null);
  useEffect(() => pathRef.current?.focus(), []);

  function pick(f: 'xlsx' | 'ods') {
    setFormat(f);
    setTarget((t) => (t.toLowerCase().endsWith(`.${format}`) ? `${t.slice(0, -format.length)}${f}` : t));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await job.start({ docId: doc.docId, path: target, format, replace });
    if (!r.ok) {
      setError(isCancelled(r.error) ? 'Export annulé : aucun fichier n’a été écrit.' : r.error.message);
      pathRef.current?.focus();
      return;
    }
    onDone(`Classeur écrit : « ${r.value.path} ». Chaque feuille porte les identifiants : Grist peut mettre à jour ses tables à partir d’eux.`);
  }

  return (
    <Modal title="Exporter en tableur" onCancel={job.running ? job.cancel : onCancel} className="sheet-dialog">
      <form onSubmit={submit}>
        <p className="hint">Une feuille par table, avec les identifiants : pour Grist, Excel et LibreOffice. Le contrat n’est pas modifié.</p>
        <fieldset>
          <legend>Format</legend>
          <label className="check"><input type="radio" name="sheet-format" checked={format === 'xlsx'} onChange={() => pick('xlsx')} /> XLSX (Excel, Grist)</label>
          <label className="check"><input type="radio" name="sheet-format" checked={format === 'ods'} onChange={() => pick('ods')} /> ODS (LibreOffice)</label>
        </fieldset>
        <div className="field">
          <label htmlFor="sheet-export-path">Fichier</label>
          <input id="sheet-export-path" ref={pathRef} type="text" value={target} spellCheck={false} aria-invalid={error ? true : undefined} aria-describedby={error ? 'sheet-export-error' : undefined} onChange={(e) => setTarget(e.target.value)} />
        </div>
        <label className="check"><input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Remplacer le fichier s’il existe déjà</label>
        {error && <p className="field-error" id="sheet-export-error" role="alert">{error}</p>}
        {job.running && <JobProgress title="Écriture du classeur" status={job.status} onCancel={job.cancel} cancelling={job.cancelling} />}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={job.running || !target.trim()}>Exporter</button>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>Annuler</button>
        </div>
      </form>
    </Modal>
  );
}
