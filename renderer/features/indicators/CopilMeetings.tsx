// The COPIL meetings held (date, title, note): recorded, corrected, deleted; each one undoable step.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import { useDoc } from '../../app/doc-context';
import type { Copil } from '../../../core/features/indicators/contract';
import { FormActions } from '../../ui/FormActions';
import { focusNearAfterRemoval } from '../../ui/focus';
import { Modal } from '../../ui/Modal';
import { dateField, formatFrenchDate } from './util';

export function CopilDialog({ copil, onCancel, onSaved }: { copil: Copil | null; onCancel: () => void; onSaved: (title: string) => void }) {
  const docId = useDoc().doc.docId;
  const [date, setDate] = useState(copil ? formatFrenchDate(copil.date) : '');
  const [title, setTitle] = useState(copil?.title ?? 'COPIL annuel');
  const [note, setNote] = useState(copil?.note ?? '');
  const [errors, setErrors] = useState<{ date?: string; title?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const d = date.trim() === '' ? ({ ok: false, error: 'Date obligatoire, par exemple 20/11/2025.' } as const) : dateField(date);
    const errs: typeof errors = {};
    if (!d.ok) errs.date = d.error;
    if (!title.trim()) errs.title = 'Donnez un intitulé au COPIL (par exemple « COPIL annuel »).';
    if (errs.date || errs.title) {
      setErrors(errs);
      document.getElementById(errs.date ? 'copil-date' : 'copil-title')?.focus();
      return;
    }
    setBusy(true);
    const fields = { date: (d as { value: string }).value, title: title.trim(), note: note.trim() || null };
    const r = copil ? await invoke('copil.update', { docId, id: copil.id, patch: fields }) : await invoke('copil.add', { docId, ...fields });
    setBusy(false);
    if (!r.ok) return setErrors({ form: r.error.message });
    onSaved(fields.title);
  }

  const err = (k: 'date' | 'title') => (errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': `copil-${k}-error` } : {});
  return (
    <Modal title={copil ? 'Modifier le COPIL' : 'Enregistrer un COPIL'} onCancel={onCancel}>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="copil-date">Date</label>
          <input id="copil-date" ref={first} type="text" value={date} placeholder="ex. 20/11/2025" onChange={(e) => setDate(e.target.value)} {...err('date')} />
          {errors.date && <p className="field-error" id="copil-date-error">{errors.date}</p>}
        </div>
        <div className="field">
          <label htmlFor="copil-title">Intitulé</label>
          <input id="copil-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} {...err('title')} />
          {errors.title && <p className="field-error" id="copil-title-error">{errors.title}</p>}
        </div>
        <div className="field">
          <label htmlFor="copil-note">Note (décisions, présents…)</label>
          <textarea id="copil-note" rows={4} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {errors.form && <p className="field-error" role="alert">{errors.form}</p>}
        <FormActions submit={busy ? 'Enregistrement…' : 'Enregistrer'} busy={busy} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

export function CopilMeetings({ copils, readOnly, onEdit, onChanged }: { copils: Copil[]; readOnly: boolean; onEdit: (c: Copil) => void; onChanged: (msg: string) => void }) {
  const docId = useDoc().doc.docId;
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="dash-section copils" aria-labelledby="copils-title">
      <h2 id="copils-title" tabIndex={-1}>COPIL tenus</h2>
      {copils.length === 0 ? (
        <p className="muted">Aucun COPIL enregistré. « Enregistrer un COPIL » garde sa date : le suivi « depuis le dernier COPIL » part de là.</p>
      ) : (
        <ul className="copil-list">
          {copils.map((c) => (
            <li key={c.id}>
              <p><strong>{formatFrenchDate(c.date)}</strong> — {c.title}</p>
              {c.note && <p className="muted copil-note">{c.note}</p>}
              <div className="row-actions no-print">
                <button type="button" className="btn btn-tertiary btn-small" disabled={readOnly} onClick={() => onEdit(c)} aria-label={`Modifier le COPIL ${c.title} du ${formatFrenchDate(c.date)}`}>Modifier</button>
                <button
                  type="button"
                  className="btn btn-tertiary btn-small"
                  disabled={readOnly}
                  aria-label={`Supprimer le COPIL ${c.title} du ${formatFrenchDate(c.date)}`}
                  onClick={async (e) => {
                    const refocus = focusNearAfterRemoval(e.currentTarget, () => document.getElementById('copils-title'));
                    const r = await invoke('copil.remove', { docId, id: c.id });
                    if (r.ok) refocus();
                    setError(r.ok ? null : r.error.message);
                    if (r.ok) onChanged(`COPIL « ${c.title} » supprimé (Ctrl+Z pour annuler).`);
                  }}
                >
                  Supprimer
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </section>
  );
}
