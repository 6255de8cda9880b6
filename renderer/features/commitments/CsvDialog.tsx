// « Exporter en CSV »: where to write the commitments (a .csv beside the contrat by default), replaced only if asked.
import { useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import { todayIso } from '../../../core/domain/commitments';
import { useDoc } from '../../app/doc-context';
import { FormActions } from '../../ui/FormActions';
import { Modal } from '../../ui/Modal';
import { nounFor } from '../../lib/text';

function besideContrat(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return `${file.slice(0, cut + 1)}engagements.csv`;
}

export function CsvDialog({ late, onClose }: { late: boolean; onClose: () => void }) {
  const { doc, announce } = useDoc();
  const [path, setPath] = useState(besideContrat(doc.path));
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!path.trim()) return setError('Indiquez le chemin du fichier CSV à écrire.');
    setBusy(true);
    const r = await invoke('commitments.exportCsv', { docId: doc.docId, path: path.trim(), replace, late, today: todayIso() });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    announce(`${r.value.count} ${nounFor(r.value.count, 'engagement')} ${nounFor(r.value.count, 'exporté')} dans ${r.value.path}.`);
    onClose();
  }

  return (
    <Modal title={late ? 'Exporter les engagements en retard (CSV)' : 'Exporter les engagements (CSV)'} onCancel={onClose} className="modal-file">
      <p>Le fichier s’ouvre dans LibreOffice ou Excel : séparateur « ; », virgule décimale, UTF-8.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="csv-path">Fichier CSV</label>
          <input
            id="csv-path"
            className="input-path"
            type="text"
            autoFocus
            value={path}
            onChange={(e) => setPath(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'csv-error' : undefined}
          />
          {error && (
            <p className="field-error" id="csv-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="field field-check">
          <label>
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Remplacer le fichier s’il existe déjà
          </label>
        </div>
        <FormActions submit={busy ? 'Export…' : 'Exporter'} busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}
