// The measurements of one indicator as a table (what a screen reader reads; the chart says the same), with a form to
// add one and, per row, « Corriger » (the row becomes a form; Échap cancels) and « Supprimer ». Each is one undoable step.
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { invoke } from '../../api';
import { useDoc } from '../../app/doc-context';
import type { IndicatorCardInfo, MeasurementInfo } from '../../../core/features/indicators/contract';
import { formatNumber } from '../../lib/text';
import { dateField, formatFrenchDate, formatValue, numberField } from './util';

interface Draft { date: string; value: string; scope: 'qpv' | 'reference'; source: string; note: string }
type Errors = Partial<Record<keyof Draft | 'form', string>>;
const EMPTY: Draft = { date: '', value: '', scope: 'qpv', source: '', note: '' };

/** Checks a draft; returns the errors by field, or the measurement. */
function checkDraft(d: Draft): { errors: Errors } | { m: { date: string; value: number; scope: 'qpv' | 'reference'; source: string | null; note: string | null } } {
  const errors: Errors = {};
  const date = d.date.trim() === '' ? ({ ok: false, error: 'Date obligatoire : par exemple 31/12/2024, juin 2025 ou 2024.' } as const) : dateField(d.date);
  if (!date.ok) errors.date = date.error;
  const value = d.value.trim() === '' ? ({ ok: false, error: 'Valeur obligatoire, par exemple 22,1.' } as const) : numberField(d.value);
  if (!value.ok) errors.value = value.error;
  if (!date.ok || !value.ok) return { errors };
  return { m: { date: date.value!, value: value.value!, scope: d.scope, source: d.source.trim() || null, note: d.note.trim() || null } };
}

function DraftFields({ prefix, draft, errors, onChange }: { prefix: string; draft: Draft; errors: Errors; onChange: (d: Draft) => void }) {
  const field = (key: 'date' | 'value' | 'source' | 'note', label: string, extra: { inputMode?: 'decimal'; placeholder?: string } = {}) => (
    <div className="field">
      <label htmlFor={`${prefix}-${key}`}>{label}</label>
      <input
        id={`${prefix}-${key}`}
        type="text"
        value={draft[key]}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `${prefix}-${key}-error` : undefined}
        onChange={(e) => onChange({ ...draft, [key]: e.target.value })}
        {...extra}
      />
      {errors[key] && <p className="field-error" id={`${prefix}-${key}-error`}>{errors[key]}</p>}
    </div>
  );
  return (
    <>
      <div className="field-row">
        {field('date', 'Date ou période', { placeholder: 'ex. 31/12/2024' })}
        {field('value', 'Valeur', { inputMode: 'decimal' })}
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-scope`}>Périmètre</label>
        <select id={`${prefix}-scope`} value={draft.scope} onChange={(e) => onChange({ ...draft, scope: e.target.value as 'qpv' | 'reference' })}>
          <option value="qpv">QPV</option>
          <option value="reference">Territoire de comparaison</option>
        </select>
      </div>
      <div className="field-row">
        {field('source', 'Source')}
        {field('note', 'Note')}
      </div>
    </>
  );
}

export function MeasurementTable({ card, readOnly, onEdited }: { card: IndicatorCardInfo; readOnly: boolean; onEdited: () => Promise<void> }) {
  const docId = useDoc().doc.docId;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [editing, setEditing] = useState<{ id: string; draft: Draft; errors: Errors } | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const addDate = useRef<HTMLInputElement | null>(null);

  async function add(e: FormEvent) {
    e.preventDefault();
    const c = checkDraft(draft);
    if ('errors' in c) {
      setErrors(c.errors);
      document.getElementById(c.errors.date ? 'm-new-date' : 'm-new-value')?.focus();
      return;
    }
    const r = await invoke('indicators.addMeasurement', { docId, id: card.id, ...c.m });
    if (!r.ok) return setErrors({ form: r.error.message });
    setErrors({});
    setDraft(EMPTY);
    await onEdited();
    addDate.current = document.getElementById('m-new-date') as HTMLInputElement | null;
    addDate.current?.focus();
  }

  async function saveRow(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    const c = checkDraft(editing.draft);
    if ('errors' in c) return setEditing({ ...editing, errors: c.errors });
    const r = await invoke('indicators.updateMeasurement', { docId, measurementId: editing.id, patch: c.m });
    if (!r.ok) return setEditing({ ...editing, errors: { form: r.error.message } });
    const id = editing.id;
    setEditing(null);
    await onEdited();
    document.getElementById(`m-fix-${id}`)?.focus();
  }

  async function remove(m: MeasurementInfo) {
    const r = await invoke('indicators.removeMeasurement', { docId, measurementId: m.id });
    setRowError(r.ok ? null : r.error.message);
    if (r.ok) {
      await onEdited();
      document.getElementById('m-new-date')?.focus();
    }
  }

  const cancelOnEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && editing) {
      e.stopPropagation();
      const id = editing.id;
      setEditing(null);
      setTimeout(() => document.getElementById(`m-fix-${id}`)?.focus());
    }
  };

  return (
    <div className="measurements">
      {card.measurements.length === 0 ? (
        <p className="muted">Aucune mesure pour l’instant.</p>
      ) : (
        <table className="measurement-table">
          <caption className="sr-only">Mesures de l’indicateur « {card.title} »</caption>
          <thead>
            <tr>
              <th scope="col">Date, périmètre</th>
              <th scope="col">Valeur</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {card.measurements.map((m) =>
              editing?.id === m.id ? (
                <tr key={m.id} className="editing">
                  <td colSpan={3}>
                    <form onSubmit={saveRow} onKeyDown={cancelOnEscape} aria-label={`Corriger la mesure du ${formatFrenchDate(m.date)}`}>
                      <DraftFields prefix={`m-edit`} draft={editing.draft} errors={editing.errors} onChange={(d) => setEditing({ ...editing, draft: d })} />
                      {editing.errors.form && <p className="field-error" role="alert">{editing.errors.form}</p>}
                      <div className="actions">
                        <button type="submit" className="btn btn-primary">Enregistrer la correction</button>
                        <button type="button" className="btn btn-secondary" onClick={() => setEditing(null)}>Annuler</button>
                      </div>
                    </form>
                  </td>
                </tr>
              ) : (
                <tr key={m.id}>
                  <td>
                    {formatFrenchDate(m.date)} · {m.scope === 'qpv' ? 'QPV' : 'Comparaison'}
                    {(m.source || m.note) && <span className="m-source">{[m.source, m.note].filter(Boolean).join(' — ')}</span>}
                  </td>
                  <td className="num">{formatValue(m.value, card.unit)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      id={`m-fix-${m.id}`}
                      className="btn btn-tertiary btn-small"
                      disabled={readOnly}
                      aria-label={`Corriger la mesure du ${formatFrenchDate(m.date)} (${m.scope === 'qpv' ? 'QPV' : 'comparaison'})`}
                      onClick={() => {
                        setEditing({ id: m.id, draft: { date: formatFrenchDate(m.date), value: formatNumber(m.value), scope: m.scope, source: m.source ?? '', note: m.note ?? '' }, errors: {} });
                        setTimeout(() => document.getElementById('m-edit-date')?.focus());
                      }}
                    >
                      Corriger
                    </button>
                    <button
                      type="button"
                      className="btn btn-tertiary btn-small"
                      disabled={readOnly}
                      aria-label={`Supprimer la mesure du ${formatFrenchDate(m.date)} (${m.scope === 'qpv' ? 'QPV' : 'comparaison'})`}
                      onClick={() => void remove(m)}
                    >
                      Supprimer
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {rowError && <p className="field-error" role="alert">{rowError}</p>}
      {!readOnly && (
        <form className="measurement-add" onSubmit={add} aria-labelledby="m-add-title">
          <p className="subhead" id="m-add-title">Ajouter une mesure</p>
          <DraftFields prefix="m-new" draft={draft} errors={errors} onChange={setDraft} />
          {errors.form && <p className="field-error" role="alert">{errors.form}</p>}
          <button type="submit" className="btn btn-secondary">Ajouter la mesure</button>
        </form>
      )}
    </div>
  );
}
