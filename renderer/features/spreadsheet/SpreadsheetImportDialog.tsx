// « Fichier → Importer un tableur… »: a plan d'actions (XLSX, ODS, CSV) read by a background job; the preview shows
// each column's role (a list per column: changed by keyboard, the preview follows), the tree it will build, the
// partners and commitments, and every cell it cannot read (sheet, line, column). Nothing is written until
// « Importer »: then all at once, into this contrat as ONE step (Ctrl+Z undoes it), or as a new contrat.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { DocInfo } from '../../../core/api/contract';
import { problemText, ROLE_LABELS, ROLES, type Role, type SheetPreview } from '../../../core/features/spreadsheet/contract';
import { KIND_LABELS } from '../../../core/domain/tree';
import { isCancelled } from '../../lib/jobs';
import { useJob } from '../../lib/useJob';
import { countOf } from '../../lib/text';
import { readUpload } from '../../lib/upload';
import { JobProgress } from '../../ui/JobProgress';
import { FilePicker } from '../../ui/FilePicker';
import { Modal } from '../../ui/Modal';
import './spreadsheet.css';

interface Props {
  doc: DocInfo;
  /** Where a new contrat is proposed (beside the open one). */
  defaultDir: string;
  onCancel: () => void;
  onAdded: (text: string) => void;
  onCreated: (doc: DocInfo) => void;
}

export function SpreadsheetImportDialog({ doc, defaultDir, onCancel, onAdded, onCreated }: Props) {
  const job = useJob('spreadsheet.preview');
  const create = useJob('spreadsheet.create');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [target, setTarget] = useState<'open' | 'new'>(doc.readOnly ? 'new' : 'open');
  const [newPath, setNewPath] = useState('');
  const [preview, setPreview] = useState<SheetPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const importRef = useRef<HTMLButtonElement>(null);
  useEffect(() => fileRef.current?.focus(), []);

  async function read(upload: { name: string; base64: string }, o: { target: 'open' | 'new'; sheet?: string; mapping?: Role[] }, focusAfter: boolean) {
    const r = await job.start({
      target: o.target, upload, ...(o.target === 'open' ? { docId: doc.docId } : {}), ...(o.sheet ? { sheet: o.sheet } : {}), ...(o.mapping ? { mapping: o.mapping } : {}),
    });
    if (!r.ok) {
      setPreview(null);
      setError(isCancelled(r.error) ? 'Lecture annulée : rien n’a été importé.' : r.error.message);
      fileRef.current?.focus();
      return;
    }
    setError(null);
    setPreview(r.value);
    if (focusAfter) setTimeout(() => (r.value.errorCount === 0 ? importRef.current : document.getElementById('sheet-errors-title'))?.focus());
  }

  async function choose(files: FileList | null) {
    const f = files?.[0];
    setPreview(null);
    if (!f) return setFile(null);
    const r = await readUpload(f);
    if (!r.ok) return setError(r.message);
    const upload = r.upload;
    setFile(upload);
    if (!newPath) setNewPath(`${defaultDir}/${f.name.replace(/\.[^.]+$/, '')}.trame`);
    await read(upload, { target }, true);
  }

  function remap(index: number, role: Role) {
    if (!preview || !file) return;
    const mapping = preview.columns.map((c) => (c.index === index ? role : c.role));
    void read(file, { target, sheet: preview.sheet, mapping }, false);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!preview) return;
    setBusy(true);
    if (target === 'open') {
      const r = await invoke('spreadsheet.commit', { docId: doc.docId, previewId: preview.previewId });
      setBusy(false);
      if (!r.ok) return setError(r.error.message);
      const v = r.value;
      onAdded(`Tableur « ${preview.fileName} » importé : ${countOf(v.nodes, 'élément')}, ${countOf(v.partners, 'nouveau partenaire', 'nouveaux partenaires')}, ${countOf(v.commitments, 'engagement')}. Ctrl+Z annule l’import en une fois.`);
      return;
    }
    const r = await create.start({ previewId: preview.previewId, path: newPath });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onCreated(r.value);
  }

  const blocked = !preview || preview.errorCount > 0 || preview.counts.enjeu + preview.counts.objectif + preview.counts.action === 0 || (target === 'new' && !newPath.trim());
  const k = preview?.counts;
  return (
    <Modal title="Importer un tableur" onCancel={job.running ? job.cancel : onCancel} className="modal-wide sheet-dialog">
      <form onSubmit={submit}>
        <p className="hint">
          Un plan d’actions en XLSX, ODS ou CSV : la ligne d’en-tête est trouvée et le rôle de chaque colonne deviné d’après son titre (Axe, Objectif, Action,
          Pilote, Partenaires, Montant, Échéance…). Rien n’est écrit avant « Importer ».
        </p>
        <div className="field">
          <label htmlFor="sheet-file">Tableur</label>
          <FilePicker id="sheet-file" accept=".xlsx,.ods,.csv" chosen={file?.name ?? null} onChoose={(files) => void choose(files)} inputRef={fileRef} errorId={error ? 'sheet-error' : null} />
        </div>
        <fieldset>
          <legend>Destination</legend>
          <label className="check">
            <input type="radio" name="sheet-target" checked={target === 'open'} disabled={doc.readOnly} onChange={() => (setTarget('open'), file && void read(file, { target: 'open' }, false))} /> Ajouter à ce contrat (une seule étape, annulable)
          </label>
          <label className="check">
            <input type="radio" name="sheet-target" checked={target === 'new'} onChange={() => (setTarget('new'), file && void read(file, { target: 'new' }, false))} /> Créer un nouveau contrat
          </label>
          {target === 'new' && (
            <div className="field">
              <label htmlFor="sheet-new-path">Nouveau fichier .trame</label>
              <input id="sheet-new-path" type="text" value={newPath} onChange={(e) => setNewPath(e.target.value)} spellCheck={false} />
            </div>
          )}
        </fieldset>
        {error && <p className="field-error" id="sheet-error" role="alert">{error}</p>}
        {(job.running || create.running) && <JobProgress title={create.running ? 'Création du contrat' : 'Lecture du tableur'} status={create.running ? create.status : job.status} onCancel={create.running ? create.cancel : job.cancel} cancelling={job.cancelling} />}
        {preview && k && (
          <div className="sheet-preview">
            <p className="sheet-summary" role="status">
              « {preview.fileName} », feuille « {preview.sheet} »{preview.headerLine ? `, en-têtes ligne ${preview.headerLine}` : ''}{preview.remembered ? ' (correspondance reprise du dernier import de cette mise en page)' : ''} :{' '}
              {countOf(k.enjeu, 'enjeu', 'enjeux')}, {countOf(k.objectif, 'objectif')}, {countOf(k.action, 'action')}, {countOf(k.indicateur, 'indicateur')} ; {countOf(k.partners, 'partenaire')} dont{' '}
              {countOf(k.newPartners, 'nouveau', 'nouveaux')}, {countOf(k.commitments, 'engagement')} ; {countOf(preview.errorCount, 'erreur')}.
            </p>
            {preview.sheets.length > 1 && !preview.ownLayout && (
              <div className="field">
                <label htmlFor="sheet-name">Feuille</label>
                <select id="sheet-name" value={preview.sheet} onChange={(e) => file && void read(file, { target, sheet: e.target.value }, false)}>
                  {preview.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
                </select>
              </div>
            )}
            {preview.errorCount > 0 && (
              <section aria-labelledby="sheet-errors-title" className="sheet-errors">
                <h3 id="sheet-errors-title" tabIndex={-1}>Cellules illisibles — corrigez le tableur ou le rôle des colonnes ; rien ne sera importé d’ici là</h3>
                <ul>
                  {preview.errors.map((p, i) => <li key={i}>{problemText(p)}</li>)}
                  {preview.errorCount > preview.errors.length && <li>… et {preview.errorCount - preview.errors.length} autres.</li>}
                </ul>
              </section>
            )}
            {preview.columns.length > 0 && (
              <table className="sheet-mapping">
                <caption>Rôle de chaque colonne</caption>
                <thead>
                  <tr><th scope="col">Colonne</th><th scope="col">Rôle</th><th scope="col">Premières valeurs</th></tr>
                </thead>
                <tbody>
                  {preview.columns.map((c) => (
                    <tr key={c.index}>
                      <th scope="row" id={`sheet-col-${c.index}`}>{c.letter} — {c.header || 'sans en-tête'}</th>
                      <td>
                        <select aria-label={`Rôle de la colonne ${c.letter} (${c.header || 'sans en-tête'})`} value={c.role} disabled={job.running} onChange={(e) => remap(c.index, e.target.value as Role)}>
                          {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
                        </select>
                      </td>
                      <td className="sheet-sample">{c.sample.join(' · ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {preview.tree.length > 0 && (
              <section aria-labelledby="sheet-tree-title" className="sheet-tree">
                <h3 id="sheet-tree-title">Arbre qui sera créé{preview.tree.length < k.enjeu + k.objectif + k.action + k.indicateur ? ` (les ${preview.tree.length} premiers éléments)` : ''}</h3>
                <ul>
                  {preview.tree.map((n, i) => <li key={i} style={{ paddingLeft: `${n.depth * 1.5}em` }}>{KIND_LABELS[n.kind]} — {n.title}</li>)}
                </ul>
              </section>
            )}
            {preview.partners.length > 0 && (
              <section aria-labelledby="sheet-partners-title" className="sheet-partners">
                <h3 id="sheet-partners-title">Partenaires</h3>
                <p>{preview.partners.map((p) => (p.existing ? `${p.name} (déjà dans le contrat)` : p.name)).join(' · ')}</p>
              </section>
            )}
          </div>
        )}
        <div className="actions">
          <button ref={importRef} type="submit" className="btn btn-primary" disabled={blocked || busy || job.running}>
            {target === 'new' ? 'Créer le contrat' : 'Importer dans ce contrat'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            Annuler
          </button>
        </div>
      </form>
    </Modal>
  );
}
