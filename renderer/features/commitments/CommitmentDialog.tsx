// The form of a commitment: partner, items served (objectifs or actions), text, target and indicateur, funding,
// deadline (typed the French way: « 30/06/2026 », « juin 2026 », « 2026 »), and on creation its first status.
// Every error is said next to its field, in French, and nothing is sent until the whole form is right.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { TreeNode } from '../../../core/api/contract';
import { FUNDING_NATURES, FUNDING_NATURE_LABELS, type CommitmentView, type FundingNature } from '../../../core/domain/commitments';
import type { CommitmentStatus } from '../../../core/domain/format-types';
import { FRENCH_DATE_HINT, formatFrenchDate, parseFrenchDate } from '../../../core/domain/french-dates';
import type { PartnerInfo } from '../../../core/features/commitments/contract';
import { useDoc } from '../../app/doc-context';
import { formatNumber, parseNumber } from '../../lib/text';
import { FormActions } from '../../ui/FormActions';
import { Modal } from '../../ui/Modal';
import { useEdit } from './data';
import { StatusOptions } from './labels';

interface Props {
  partners: PartnerInfo[];
  initial?: CommitmentView;
  presetPartnerId?: string;
  presetNodeId?: string;
  onClose: (changed: boolean) => void;
}

type Errors = Partial<Record<'partner' | 'nodes' | 'text' | 'target' | 'amount' | 'due', string>>;

const MAX_SHOWN = 200;

export function CommitmentDialog({ partners, initial, presetPartnerId, presetNodeId, onClose }: Props) {
  const { doc } = useDoc();
  const [nodes, setNodes] = useState<TreeNode[]>([]);
  const [partnerId, setPartnerId] = useState(initial?.partnerId ?? presetPartnerId ?? '');
  const [picked, setPicked] = useState<string[]>(initial?.nodes.map((n) => n.id) ?? (presetNodeId ? [presetNodeId] : []));
  const [filter, setFilter] = useState('');
  const [text, setText] = useState(initial?.text ?? '');
  const [targetValue, setTargetValue] = useState(formatNumber(initial?.target?.value ?? null));
  const [targetUnit, setTargetUnit] = useState(initial?.target?.unit ?? '');
  const [indicatorId, setIndicatorId] = useState(initial?.indicator?.id ?? '');
  const [amount, setAmount] = useState(formatNumber(initial?.funding?.amount ?? null));
  const [nature, setNature] = useState<FundingNature | ''>(initial?.funding?.nature ?? '');
  const [due, setDue] = useState(formatFrenchDate(initial?.due ?? null));
  const [status, setStatus] = useState<CommitmentStatus>('propose');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const edit = useEdit(() => undefined);

  useEffect(() => {
    void invoke('tree.get', { docId: doc.docId }).then((r) => r.ok && setNodes(r.value.nodes));
  }, [doc.docId]);
  const servable = useMemo(() => nodes.filter((n) => n.kind === 'objectif' || n.kind === 'action'), [nodes]);
  const indicators = useMemo(() => nodes.filter((n) => n.kind === 'indicateur'), [nodes]);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = f ? servable.filter((n) => n.title.toLowerCase().includes(f) || picked.includes(n.id)) : servable;
    return list.slice(0, MAX_SHOWN);
  }, [filter, picked, servable]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Errors = {};
    if (!partnerId) errs.partner = 'Choisissez le partenaire qui s’engage.';
    if (!text.trim()) errs.text = 'Le texte de l’engagement est obligatoire : que promet le partenaire ?';
    const tv = parseNumber(targetValue);
    if (!tv.ok) errs.target = tv.error;
    else if (tv.value === null && targetUnit.trim()) errs.target = 'Donnez la valeur de la cible, ou effacez son unité.';
    const am = parseNumber(amount);
    if (!am.ok) errs.amount = 'Montant attendu en euros, par exemple 25 000 ou 1 500,50.';
    else if (am.value !== null && am.value < 0) errs.amount = 'Le montant ne peut pas être négatif.';
    let dueIso: string | null = null;
    if (due.trim()) {
      const d = parseFrenchDate(due);
      if (d.ok) dueIso = d.iso;
      else errs.due = d.message;
    }
    setErrors(errs);
    setFormError(null);
    if (Object.keys(errs).length) {
      const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      requestAnimationFrame(() => (form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? first)?.focus());
      return;
    }
    const target = tv.ok && tv.value !== null ? { value: tv.value, unit: targetUnit.trim() || null } : null;
    const amountValue = am.ok ? am.value : null;
    const funding = amountValue === null && nature === '' ? null : { amount: amountValue, nature: nature === '' ? null : nature };
    const fields = { partnerId, nodeIds: picked, text: text.trim(), target, indicatorId: indicatorId || null, funding, due: dueIso };
    setBusy(true);
    const err = initial
      ? await edit(invoke('commitments.update', { docId: doc.docId, id: initial.id, patch: fields }), 'Engagement modifié.')
      : await edit(invoke('commitments.add', { docId: doc.docId, ...fields, status, note: note.trim() || null }), 'Engagement enregistré.');
    setBusy(false);
    if (err) setFormError(err.message);
    else onClose(true);
  }

  const invalid = (k: keyof Errors) => (errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': `c-${k}-error` } : {});
  const errorOf = (k: keyof Errors) =>
    errors[k] && (
      <p className="field-error" id={`c-${k}-error`}>
        {errors[k]}
      </p>
    );
  return (
    <Modal title={initial ? 'Modifier l’engagement' : 'Nouvel engagement'} onCancel={() => onClose(false)} className="modal-wide">
      <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="commitment-form">
        {formError && (
          <p role="alert" className="field-error">
            {formError}
          </p>
        )}
        <div className="field">
          <label htmlFor="c-partner">Partenaire</label>
          <select id="c-partner" autoFocus value={partnerId} onChange={(e) => setPartnerId(e.target.value)} {...invalid('partner')}>
            <option value="">— Choisir —</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {errorOf('partner')}
        </div>
        <div className="field">
          <label htmlFor="c-text">Engagement</label>
          <textarea id="c-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} {...invalid('text')} />
          {errorOf('text')}
        </div>
        <fieldset className="fieldset">
          <legend>Éléments servis (objectifs ou actions)</legend>
          <div className="field">
            <label htmlFor="c-filter">Chercher un élément</label>
            <input id="c-filter" type="text" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
          <ul className="pick-list" aria-label="Objectifs et actions">
            {shown.map((n) => (
              <li key={n.id}>
                <label className={`pick pick-${n.kind}`}>
                  <input
                    type="checkbox"
                    checked={picked.includes(n.id)}
                    onChange={(e) => setPicked(e.target.checked ? [...picked, n.id] : picked.filter((x) => x !== n.id))}
                  />
                  <span className="pick-kind">{n.kind === 'objectif' ? 'Objectif' : 'Action'}</span> {n.title}
                </label>
              </li>
            ))}
            {servable.length === 0 && <li className="muted">Aucun objectif ni action dans l’arbre.</li>}
          </ul>
        </fieldset>
        <div className="field-row">
          <div className="field">
            <label htmlFor="c-target">Cible (valeur)</label>
            <input id="c-target" type="text" inputMode="decimal" value={targetValue} onChange={(e) => setTargetValue(e.target.value)} {...invalid('target')} />
            {errorOf('target')}
          </div>
          <div className="field">
            <label htmlFor="c-unit">Unité de la cible</label>
            <input id="c-unit" type="text" value={targetUnit} placeholder="%, nombre…" onChange={(e) => setTargetUnit(e.target.value)} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="c-indicator">Indicateur qui le mesure</label>
          <select id="c-indicator" value={indicatorId} onChange={(e) => setIndicatorId(e.target.value)}>
            <option value="">Aucun</option>
            {indicators.map((n) => (
              <option key={n.id} value={n.id}>
                {n.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="c-amount">Montant (€)</label>
            <input id="c-amount" type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} {...invalid('amount')} />
            {errorOf('amount')}
          </div>
          <div className="field">
            <label htmlFor="c-nature">Nature du financement</label>
            <select id="c-nature" value={nature} onChange={(e) => setNature(e.target.value as FundingNature | '')}>
              <option value="">Non précisée</option>
              {FUNDING_NATURES.map((n) => (
                <option key={n} value={n}>
                  {FUNDING_NATURE_LABELS[n]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="c-due">Échéance</label>
          <p className="hint" id="c-due-hint">
            {FRENCH_DATE_HINT}
          </p>
          <input
            id="c-due"
            type="text"
            value={due}
            onChange={(e) => setDue(e.target.value)}
            aria-invalid={errors.due ? true : undefined}
            aria-describedby={errors.due ? 'c-due-hint c-due-error' : 'c-due-hint'}
          />
          {errorOf('due')}
        </div>
        {!initial && (
          <div className="field-row">
            <div className="field">
              <label htmlFor="c-status">Statut</label>
              <select id="c-status" value={status} onChange={(e) => setStatus(e.target.value as CommitmentStatus)}>
                <StatusOptions />
              </select>
            </div>
            <div className="field">
              <label htmlFor="c-note">Commentaire</label>
              <input id="c-note" type="text" value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
          </div>
        )}
        <FormActions submit={busy ? 'Enregistrement…' : 'Enregistrer'} busy={busy} onCancel={() => onClose(false)} />
      </form>
    </Modal>
  );
}
