import { useState } from 'react';
import type { Input, TreeNode } from '../../../core/api/contract';
import { FAMILY_LABELS, KIND_LABELS, TAGS, TAG_FAMILIES, TAG_FAMILY, TAG_LABELS, UNDECIDED_LABEL, type Tag } from '../../../core/domain/tree';
import { SavedField, type SaveResult } from '../../ui/fields';
import { KindIcon } from '../../ui/icons';
import { NodeCommitments } from '../commitments';
import { IndicatorCard } from '../indicators';

type NodePatch = Input<'tree.update'>['patch'];
type IndicatorPatch = Input<'tree.setIndicator'>['patch'];

interface DetailsPanelProps {
  node: TreeNode | null;
  readOnly: boolean;
  onUpdate: (id: string, patch: NodePatch) => Promise<SaveResult>;
  onIndicator: (id: string, patch: IndicatorPatch) => Promise<SaveResult>;
}

const textOrNull = (t: string) => (t.trim() === '' ? null : t.trim());

export function DetailsPanel({ node, readOnly, onUpdate, onIndicator }: DetailsPanelProps) {
  return (
    <aside className="details" aria-labelledby="details-title">
      <h2 id="details-title" className="details-title">
        Détails
      </h2>
      {node ? (
        <NodeDetails key={node.id} node={node} readOnly={readOnly} onUpdate={onUpdate} onIndicator={onIndicator} />
      ) : (
        <p className="muted">Sélectionnez un élément de l’arbre pour voir et modifier ses détails.</p>
      )}
    </aside>
  );
}

function NodeDetails({ node, readOnly, onUpdate }: DetailsPanelProps & { node: TreeNode }) {
  const [tagError, setTagError] = useState<string | null>(null);
  const up = (patch: NodePatch) => onUpdate(node.id, patch);

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
        value={node.title}
        disabled={readOnly}
        validate={(t) => (t.trim() ? null : 'Le titre ne peut pas être vide.')}
        onSave={(t) => up({ title: t.trim() })}
      />
      <SavedField
        id="d-description"
        label="Description"
        multiline
        rows={3}
        value={node.description ?? ''}
        disabled={readOnly}
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
          onSave={(t) => up({ tagNote: textOrNull(t) })}
        />
      </fieldset>
      <IndicatorCard node={node} readOnly={readOnly} onEdited={(focusId) => onUpdate(focusId ?? node.id, {})} />
      <NodeCommitments node={node} readOnly={readOnly} onRefresh={(id) => onUpdate(id, {})} />
    </div>
  );
}
