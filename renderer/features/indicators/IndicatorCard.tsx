// The indicator card in the tree's details panel: every field of the card (saved on leaving it), its measurements as a
// table and a chart, its status. On an objectif or an action: « Ajouter un indicateur de la bibliothèque nationale ».
import { useCallback, useEffect, useState } from 'react';
import { invoke } from '../../api';
import { useDoc } from '../../app/doc-context';
import type { TreeNode } from '../../../core/api/contract';
import {
  FREQUENCIES, FREQUENCY_LABELS, INDICATOR_KINDS, INDICATOR_KIND_LABELS, STATUS_LABELS,
  type IndicatorCardInfo,
} from '../../../core/features/indicators/contract';
import type { Input } from '../../../core/api/contract';
import { formatNumber } from '../../lib/text';
import { SavedField, type SaveResult } from '../../ui/fields';
import { IndicatorChart } from './IndicatorChart';
import { LibraryDialog } from './LibraryDialog';
import { LIBRARY } from '../../../core/features/indicators/contract';

/** The text an indicator of the national library comes from, as a user cites it (never its internal id). */
const librarySource = (ref: string) => LIBRARY.find((e) => e.id === ref)?.source ?? 'texte national';
import { MeasurementTable } from './MeasurementTable';
import { dateField, formatFrenchDate, numberField } from './util';

type Patch = Input<'indicators.update'>['patch'];

interface IndicatorCardProps {
  node: TreeNode;
  readOnly: boolean;
  /** After an edit: the tree reloads (history, titles) and selects `focusId` (default: this item). */
  onEdited: (focusId?: string) => Promise<unknown>;
}

export function IndicatorCard({ node, readOnly, onEdited }: IndicatorCardProps) {
  if (node.kind === 'objectif' || node.kind === 'action') return <LibraryButton node={node} readOnly={readOnly} onEdited={onEdited} />;
  if (node.kind !== 'indicateur') return null;
  return <Card node={node} readOnly={readOnly} onEdited={onEdited} />;
}

function LibraryButton({ node, readOnly, onEdited }: IndicatorCardProps) {
  const [open, setOpen] = useState(false);
  return (
    <div className="library-launch">
      <button type="button" className="btn btn-secondary" disabled={readOnly} onClick={() => setOpen(true)}>
        Ajouter un indicateur de la bibliothèque nationale…
      </button>
      {open && (
        <LibraryDialog
          parent={node}
          onCancel={() => setOpen(false)}
          onAdded={async (id) => {
            setOpen(false);
            await onEdited(id);
          }}
        />
      )}
    </div>
  );
}

const textOrNull = (t: string) => (t.trim() === '' ? null : t.trim());
const check = <T,>(f: (t: string) => { ok: true; value: T } | { ok: false; error: string }) => (t: string) => {
  const r = f(t);
  return r.ok ? null : r.error;
};
const value = <T,>(f: (t: string) => { ok: true; value: T } | { ok: false; error: string }, t: string): T => {
  const r = f(t);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

function Card({ node, readOnly, onEdited }: IndicatorCardProps) {
  const docId = useDoc().doc.docId;
  const [card, setCard] = useState<IndicatorCardInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [selectError, setSelectError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('indicators.card', { docId: docId, id: node.id });
    if (r.ok) {
      setCard(r.value);
      setLoadError(null);
    } else setLoadError(r.error.message);
  }, [docId, node.id]);
  // The tree reloads after every edit and every undo: a new node object, so the card reloads too.
  useEffect(() => {
    void load();
  }, [load, node]);

  async function save(patch: Patch): Promise<SaveResult> {
    const r = await invoke('indicators.update', { docId: docId, id: node.id, patch });
    if (!r.ok) return r.error.message;
    setWarnings(r.value.warnings);
    await onEdited();
    return null;
  }

  if (loadError) return <p className="field-error">{loadError}</p>;
  if (!card) return <p className="muted">Chargement de la fiche…</p>;
  const allQpv = card.qpvIds.length === 0;
  const select = async (patch: Patch) => setSelectError(await save(patch));
  return (
    <fieldset className="fieldset indicator indicator-card">
      <legend>Indicateur de suivi</legend>
      <p className={`status-badge status-${card.status.status}`}>
        <span className="status-label">{STATUS_LABELS[card.status.status]}</span> — {card.status.reason}
      </p>
      {card.libraryRef && <p className="hint">Issu de la bibliothèque nationale : {librarySource(card.libraryRef)}.</p>}
      <datalist id="units">
        <option value="%" />
        <option value="nombre" />
        <option value="€" />
      </datalist>
      <div className="field-row">
        <SavedField id="d-unit" label="Unité" list="units" value={card.unit ?? ''} disabled={readOnly} onSave={(t) => save({ unit: textOrNull(t) })} />
        <div className="field">
          <label htmlFor="d-direction">Sens du progrès</label>
          <select id="d-direction" value={card.direction ?? ''} disabled={readOnly} onChange={(e) => void select({ direction: e.target.value === '' ? null : (e.target.value as 'hausse' | 'baisse') })}>
            <option value="">Non précisé</option>
            <option value="hausse">À la hausse</option>
            <option value="baisse">À la baisse</option>
          </select>
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="d-kind">Type d’indicateur</label>
          <select id="d-kind" value={card.kind ?? ''} disabled={readOnly} onChange={(e) => void select({ kind: e.target.value === '' ? null : (e.target.value as (typeof INDICATOR_KINDS)[number]) })}>
            <option value="">Non précisé</option>
            {INDICATOR_KINDS.map((k) => <option key={k} value={k}>{INDICATOR_KIND_LABELS[k]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="d-frequency">Fréquence</label>
          <select id="d-frequency" value={card.frequency ?? ''} disabled={readOnly} onChange={(e) => void select({ frequency: e.target.value === '' ? null : (e.target.value as (typeof FREQUENCIES)[number]) })}>
            <option value="">Non précisée</option>
            {FREQUENCIES.map((f) => <option key={f} value={f}>{FREQUENCY_LABELS[f]}</option>)}
          </select>
        </div>
      </div>
      {selectError && <p className="field-error" role="alert">{selectError}</p>}
      <p className="subhead">Situation de départ (valeur de référence)</p>
      <div className="field-row">
        <SavedField id="d-baseline-value" label="Valeur de départ" inputMode="decimal" value={formatNumber(card.baselineValue)} disabled={readOnly} validate={check(numberField)} onSave={(t) => save({ baselineValue: value(numberField, t) })} />
        <SavedField id="d-baseline-date" label="Date de départ" placeholder="ex. 2017" value={formatFrenchDate(card.baselineDate)} disabled={readOnly} validate={check(dateField)} onSave={(t) => save({ baselineDate: value(dateField, t) })} />
      </div>
      <p className="subhead">Cible</p>
      <div className="field-row">
        <SavedField id="d-target-value" label="Valeur cible" inputMode="decimal" value={formatNumber(card.targetValue)} disabled={readOnly} validate={check(numberField)} onSave={(t) => save({ targetValue: value(numberField, t) })} />
        <SavedField id="d-target-date" label="Échéance" placeholder="ex. 31/12/2030" value={formatFrenchDate(card.targetDate)} disabled={readOnly} validate={check(dateField)} onSave={(t) => save({ targetDate: value(dateField, t) })} />
      </div>
      {warnings.length > 0 && (
        <div className="card-warnings" role="status">
          {warnings.map((w) => <p key={w} className="warning">{w}</p>)}
        </div>
      )}
      <p className="subhead">Territoire de comparaison</p>
      <SavedField id="d-ref-label" label="Territoire" placeholder="ex. Unités urbaines environnantes" value={card.referenceLabel ?? ''} disabled={readOnly} onSave={(t) => save({ referenceLabel: textOrNull(t) })} />
      <div className="field-row">
        <SavedField id="d-ref-value" label="Valeur du territoire" inputMode="decimal" value={formatNumber(card.referenceValue)} disabled={readOnly} validate={check(numberField)} onSave={(t) => save({ referenceValue: value(numberField, t) })} />
        <SavedField id="d-ref-date" label="Date (territoire)" placeholder="ex. 2017" value={formatFrenchDate(card.referenceDate)} disabled={readOnly} validate={check(dateField)} onSave={(t) => save({ referenceDate: value(dateField, t) })} />
      </div>
      <SavedField id="d-source" label="Source" placeholder="ex. ONPV, INSEE, France Travail" value={card.source ?? ''} disabled={readOnly} onSave={(t) => save({ source: textOrNull(t) })} />
      <div className="field">
        <label htmlFor="d-provider">Partenaire qui fournit les données</label>
        <select id="d-provider" value={card.providerId ?? ''} disabled={readOnly} onChange={(e) => void select({ providerId: e.target.value || null })}>
          <option value="">Non précisé</option>
          {card.partners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      {card.qpvs.length > 0 && (
        <fieldset className="fieldset qpv-choice">
          <legend>Quartiers couverts</legend>
          <label className="check">
            <input type="checkbox" checked={allQpv} disabled={readOnly || allQpv} onChange={() => void select({ qpvIds: [] })} /> Tous les QPV du contrat
          </label>
          {card.qpvs.map((q) => {
            const on = card.qpvIds.includes(q.code);
            return (
              <label key={q.code} className="check">
                <input
                  type="checkbox"
                  checked={!allQpv && on}
                  disabled={readOnly}
                  onChange={() => void select({ qpvIds: on ? card.qpvIds.filter((x) => x !== q.code) : [...card.qpvIds, q.code] })}
                />{' '}
                {q.name} ({q.code})
              </label>
            );
          })}
        </fieldset>
      )}
      <h3 className="subhead measurements-title">Mesures</h3>
      <IndicatorChart data={card} width="fit" height={200} label={node.title} />
      <MeasurementTable card={card} readOnly={readOnly} onEdited={async () => { await onEdited(); await load(); }} />
    </fieldset>
  );
}
