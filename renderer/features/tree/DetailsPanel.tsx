import { useState } from 'react';
import type { Input, TreeNode } from '../../../core/api/contract';
import { FAMILY_LABELS, KIND_LABELS, TAGS, TAG_FAMILIES, TAG_FAMILY, TAG_LABELS, UNDECIDED_LABEL, type Tag } from '../../../core/domain/tree';
import { formatDate, formatNumber, parseDate, parseNumber } from '../../lib/text';
import { DESCRIPTION_MAX, REASON_MAX, lengthProblem, titleProblem } from './messages';
import { SavedField, type SaveResult } from '../../ui/fields';
import { KindIcon } from '../../ui/icons';

type NodePatch = Input<'tree.update'>['patch'];
type IndicatorPatch = Input<'tree.setIndicator'>['patch'];

interface DetailsPanelProps {
  node: TreeNode | null;
  /** The contrat's file: texts being typed are kept per file and item until saved (a reload does not lose them). */
  docKey: string;
  readOnly: boolean;
  /** Escape, or Entrée in a one-paragraph field: back to the tree. */
  onEscape: () => void;
  onUpdate: (id: string, patch: NodePatch) => Promise<SaveResult>;
  onIndicator: (id: string, patch: IndicatorPatch) => Promise<SaveResult>;
}

const numberError = (t: string) => {
  const r = parseNumber(t);
  return r.ok ? null : r.error;
};
const dateError = (t: string) => {
  const r = parseDate(t);
  return r.ok ? null : r.error;
};
const num = (t: string) => {
  const r = parseNumber(t);
  return r.ok ? r.value : null;
};
const date = (t: string) => {
  const r = parseDate(t);
  return r.ok ? r.value : null;
};
const textOrNull = (t: string) => (t.trim() === '' ? null : t.trim());
const descriptionProblem = lengthProblem('La description', true, DESCRIPTION_MAX);
const reasonProblem = lengthProblem('La raison du choix', true, REASON_MAX);

export function DetailsPanel(props: DetailsPanelProps) {
  const { node, onEscape } = props;
  return (
    <aside
      className="details"
      aria-labelledby="details-title"
      // Read-only, its fields are disabled: the panel itself takes the focus, so that it can be scrolled by keyboard.
      tabIndex={props.readOnly ? 0 : undefined}
      onKeyDown={(e) => {
        const el = e.target as HTMLElement;
        // A field that used Escape itself (to give back its saved value) keeps the focus; else back to the tree.
        if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('dialog[open]')) {
          e.preventDefault();
          onEscape();
        } else if (e.key === 'Enter' && e.defaultPrevented && (el.tagName === 'INPUT' || el.id === 'd-title')) {
          onEscape();
        }
      }}
    >
      <h2 id="details-title" className="details-title">
        Détails
      </h2>
      {node ? (
        <NodeDetails key={node.id} {...props} node={node} />
      ) : (
        <p className="muted">Sélectionnez un élément de l’arbre pour voir et modifier ses détails.</p>
      )}
    </aside>
  );
}

function NodeDetails({ node, docKey, readOnly, onUpdate, onIndicator }: DetailsPanelProps & { node: TreeNode }) {
  const [tagError, setTagError] = useState<string | null>(null);
  const ind = node.indicator;
  const up = (patch: NodePatch) => onUpdate(node.id, patch);
  const setInd = (patch: IndicatorPatch) => onIndicator(node.id, patch);
  const draftKey = (field: string) => `trame.brouillon:${docKey}:${node.id}:${field}`;

  async function changeTag(value: string) {
    const tag = value === '' ? null : (value as Tag);
    setTagError(await up({ tag }));
  }

  return (
    <div className="details-body">
      <p className={`details-kind kind-chip kind-${node.kind}`}>
        <KindIcon kind={node.kind} />
        {KIND_LABELS[node.kind]}
      </p>
      <SavedField
        id="d-title"
        label="Titre"
        multiline
        enterSaves
        rows={3}
        value={node.title}
        disabled={readOnly}
        validate={(t) => titleProblem(t)}
        onSave={(t) => up({ title: t.trim() })}
      />
      <SavedField
        id="d-description"
        label="Description"
        multiline
        rows={3}
        value={node.description ?? ''}
        disabled={readOnly}
        draftKey={draftKey('description')}
        validate={descriptionProblem}
        onSave={(t) => up({ description: textOrNull(t) })}
      />
      <fieldset className="fieldset decision">
        <legend>Décision de l’atelier</legend>
        <div className="field">
          <label htmlFor="d-tag">Décision</label>
          <select
            id="d-tag"
            value={node.tag ?? ''}
            disabled={readOnly}
            aria-invalid={tagError ? true : undefined}
            aria-describedby={tagError ? 'd-tag-error' : undefined}
            onChange={(e) => void changeTag(e.target.value)}
          >
            <option value="">{UNDECIDED_LABEL}</option>
            {TAG_FAMILIES.map((f) => (
              <optgroup key={f} label={FAMILY_LABELS[f]}>
                {TAGS.filter((t) => TAG_FAMILY[t] === f).map((t) => (
                  <option key={t} value={t}>
                    {TAG_LABELS[t]} (touche {TAGS.indexOf(t) + 1})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {tagError && (
            <p className="field-error" id="d-tag-error">
              {tagError}
            </p>
          )}
        </div>
        <SavedField
          id="d-tagnote"
          label="Pourquoi ce choix ?"
          multiline
          rows={2}
          value={node.tagNote ?? ''}
          disabled={readOnly}
          caretAtEnd
          draftKey={draftKey('tagNote')}
          validate={reasonProblem}
          onSave={(t) => up({ tagNote: textOrNull(t) })}
        />
      </fieldset>
      {node.kind === 'indicateur' && (
        <fieldset className="fieldset indicator">
          <legend>Indicateur de suivi</legend>
          <datalist id="units">
            <option value="%" />
            <option value="nombre" />
            <option value="€" />
          </datalist>
          <div className="field-row">
            <SavedField
              id="d-unit"
              label="Unité"
              list="units"
              className="field-narrow"
              value={ind?.unit ?? ''}
              disabled={readOnly}
              onSave={(t) => setInd({ unit: textOrNull(t) })}
            />
            <div className="field">
              <label htmlFor="d-direction">Sens du progrès</label>
              <select
                id="d-direction"
                value={ind?.direction ?? ''}
                disabled={readOnly}
                onChange={(e) => void setInd({ direction: e.target.value === '' ? null : (e.target.value as 'hausse' | 'baisse') })}
              >
                <option value="">Non précisé</option>
                <option value="hausse">À la hausse</option>
                <option value="baisse">À la baisse</option>
              </select>
            </div>
          </div>
          <p className="subhead">Situation de départ (valeur de référence)</p>
          <div className="field-row">
            <SavedField id="d-baseline-value" label="Valeur de départ" inputMode="decimal" value={formatNumber(ind?.baselineValue ?? null)} disabled={readOnly} validate={numberError} onSave={(t) => setInd({ baselineValue: num(t) })} />
            <SavedField id="d-baseline-date" label="Date de départ" placeholder="ex. 30/06/2026" value={formatDate(ind?.baselineDate ?? null)} disabled={readOnly} validate={dateError} onSave={(t) => setInd({ baselineDate: date(t) })} />
          </div>
          <p className="subhead">Cible</p>
          <div className="field-row">
            <SavedField id="d-target-value" label="Valeur cible" inputMode="decimal" value={formatNumber(ind?.targetValue ?? null)} disabled={readOnly} validate={numberError} onSave={(t) => setInd({ targetValue: num(t) })} />
            <SavedField id="d-target-date" label="Échéance" placeholder="ex. 30/06/2026" value={formatDate(ind?.targetDate ?? null)} disabled={readOnly} validate={dateError} onSave={(t) => setInd({ targetDate: date(t) })} />
          </div>
          <p className="subhead">Territoire de comparaison</p>
          <SavedField id="d-ref-label" label="Territoire" placeholder="ex. Unités urbaines environnantes" value={ind?.referenceLabel ?? ''} disabled={readOnly} onSave={(t) => setInd({ referenceLabel: textOrNull(t) })} />
          <div className="field-row">
            <SavedField id="d-ref-value" label="Valeur du territoire" inputMode="decimal" value={formatNumber(ind?.referenceValue ?? null)} disabled={readOnly} validate={numberError} onSave={(t) => setInd({ referenceValue: num(t) })} />
            <SavedField id="d-ref-date" label="Date (territoire)" placeholder="ex. 30/06/2026" value={formatDate(ind?.referenceDate ?? null)} disabled={readOnly} validate={dateError} onSave={(t) => setInd({ referenceDate: date(t) })} />
          </div>
          <SavedField id="d-source" label="Source" placeholder="ex. ONPV, INSEE, France Travail" value={ind?.source ?? ''} disabled={readOnly} onSave={(t) => setInd({ source: textOrNull(t) })} />
        </fieldset>
      )}
    </div>
  );
}
