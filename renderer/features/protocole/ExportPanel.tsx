// Export of the protocole or the note de COPIL as PDF or DOCX: a job with its progress bar and « Annuler ». The file
// appears only when complete; an existing one is replaced only when the box says so.
import { useRef, useState, type FormEvent } from 'react';
import type { DocInfo } from '../../../core/api/contract';
import type { DocumentFormat } from '../../../core/features/protocole/contract';
import { parseFrenchDate } from '../../../core/domain/french-dates';
import { isCancelled } from '../../lib/jobs';
import { joinPath, slugify } from '../../lib/text';
import { useJob } from '../../lib/useJob';
import { JobProgress } from '../../ui/JobProgress';

const FORMATS: { value: DocumentFormat; label: string; ext: string; stem: string }[] = [
  { value: 'pdf', label: 'Protocole — PDF', ext: '.pdf', stem: 'protocole' },
  { value: 'docx', label: 'Protocole — DOCX (Word, LibreOffice)', ext: '.docx', stem: 'protocole' },
  { value: 'note-copil-pdf', label: 'Note de COPIL — PDF', ext: '.pdf', stem: 'note-copil' },
  { value: 'note-copil-docx', label: 'Note de COPIL — DOCX', ext: '.docx', stem: 'note-copil' },
];

function folderOf(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i > 0 ? p.slice(0, i) : p;
}

export function ExportPanel({ doc }: { doc: DocInfo }) {
  const [format, setFormat] = useState<DocumentFormat>('pdf');
  const pathFor = (f: DocumentFormat) => {
    const d = FORMATS.find((x) => x.value === f)!;
    return joinPath(folderOf(doc.path), `${d.stem}-${slugify(doc.contrat.name)}${d.ext}`);
  };
  const [path, setPath] = useState(() => pathFor('pdf'));
  const [replace, setReplace] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [since, setSince] = useState('');
  const [sinceError, setSinceError] = useState<string | null>(null);
  const sinceInput = useRef<HTMLInputElement>(null);
  const isNote = format.startsWith('note-copil');
  const input = useRef<HTMLInputElement>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const job = useJob('protocole.export');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (!path.trim()) {
      setError('Indiquez le fichier à écrire.');
      input.current?.focus();
      return;
    }
    let sinceIso: string | undefined;
    if (isNote && since.trim()) {
      const d = parseFrenchDate(since);
      if (!d.ok) {
        setSinceError(d.message);
        sinceInput.current?.focus();
        return;
      }
      sinceIso = d.iso;
    }
    const r = await job.start({ docId: doc.docId, path: path.trim(), format, replace, ...(sinceIso ? { since: sinceIso } : {}) });
    if (r.ok) {
      setDone(`Document écrit : ${r.value.path}${r.value.pages ? ` (${r.value.pages} pages)` : ''}.`);
      exportButton.current?.focus();
    } else if (isCancelled(r.error)) {
      setDone('Export annulé : aucun fichier n’a été écrit.');
      exportButton.current?.focus();
    } else {
      setError(r.error.message);
      input.current?.focus();
    }
  }

  return (
    <form className="protocole-export" onSubmit={submit} noValidate aria-labelledby="protocole-export-title">
      <h3 id="protocole-export-title">Exporter</h3>
      <p className="field">
        <label htmlFor="protocole-format">Document</label>
        <select
          id="protocole-format"
          value={format}
          disabled={job.running}
          onChange={(e) => {
            const f = e.target.value as DocumentFormat;
            setFormat(f);
            setPath(pathFor(f));
            setError(null);
          }}
        >
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </p>
      {isNote && (
        <div className="field">
          <label htmlFor="protocole-since">Changements depuis le</label>
          <p className="hint" id="protocole-since-hint">
            Par exemple 30/06/2026 ou juin 2026 ; vide : depuis le dernier COPIL tenu.
          </p>
          <input
            id="protocole-since"
            ref={sinceInput}
            type="text"
            value={since}
            disabled={job.running}
            aria-invalid={sinceError ? true : undefined}
            aria-describedby={sinceError ? 'protocole-since-hint protocole-since-error' : 'protocole-since-hint'}
            onChange={(e) => {
              setSince(e.target.value);
              setSinceError(null);
            }}
          />
          {sinceError && (
            <p className="field-error" id="protocole-since-error">
              {sinceError}
            </p>
          )}
        </div>
      )}
      <p className="field">
        <label htmlFor="protocole-path">Fichier à écrire</label>
        <input
          id="protocole-path"
          ref={input}
          type="text"
          value={path}
          disabled={job.running}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'protocole-path-error' : undefined}
          onChange={(e) => {
            setPath(e.target.value);
            setError(null);
          }}
        />
      </p>
      <div role="alert" className="field-alert">
        {error && (
          <p className="field-error" id="protocole-path-error">
            {error}
          </p>
        )}
      </div>
      <p className="field">
        <label>
          <input type="checkbox" checked={replace} disabled={job.running} onChange={(e) => setReplace(e.target.checked)} /> Remplacer le fichier s’il existe déjà
        </label>
      </p>
      {job.running ? (
        <JobProgress title="Export du document" status={job.status} cancelling={job.cancelling} onCancel={job.cancel} />
      ) : (
        <div className="actions">
          <button ref={exportButton} type="submit" className="btn btn-primary">
            Exporter
          </button>
        </div>
      )}
      <p role="status" className="protocole-done">
        {done}
      </p>
    </form>
  );
}
