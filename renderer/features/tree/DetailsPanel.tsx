import { useCallback, useRef, useState } from 'react';
import type { Input, TreeNode } from '../../../core/api/contract';
import { FAMILY_LABELS, KIND_LABELS, TAGS, TAG_FAMILIES, TAG_FAMILY, TAG_LABELS, UNDECIDED_LABEL, type Tag } from '../../../core/domain/tree';
import { DESCRIPTION_MAX, REASON_MAX, lengthProblem, titleProblem } from './messages';
import { SavedField, type SaveResult } from '../../ui/fields';
import { KindIcon } from '../../ui/icons';
import { NodeCommitments } from '../commitments';
import { IndicatorCard } from '../indicators';

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

const textOrNull = (t: string) => (t.trim() === '' ? null : t.trim());
const descriptionProblem = lengthProblem('La description', true, DESCRIPTION_MAX);
const reasonProblem = lengthProblem('La raison du choix', true, REASON_MAX);

const FOLD_KEY = 'trame.details.replie';

/** True when `b` differs from `a` by its decision (tag, reason) and by nothing else. */
function onlyDecisionChanged(a: TreeNode, b: TreeNode): boolean {
  if (a.id !== b.id || (a.tag === b.tag && a.tagNote === b.tagNote)) return false;
  const rest = ({ tag: _t, tagNote: _n, ...others }: TreeNode) => JSON.stringify(others);
  return rest(a) === rest(b);
}

/**
 * The item as the panels below the decision read it (the indicator's card, the commitments): the same object when
 * only its decision changed, so that a tag key (triage) makes them read nothing again; a new object otherwise (any
 * other edit, an undo, a reload), and they read again as before.
 */
function useReadNode(node: TreeNode | null): TreeNode | null {
  const kept = useRef(node);
  if (node !== kept.current && !(node && kept.current && onlyDecisionChanged(kept.current, node))) kept.current = node;
  return kept.current;
}

/**
 * The details panel folded or not (« Détails » in the toolbar, Alt+I), remembered in the page's storage so that a
 * projector keeps the tree's whole width after a reload. Folding it from inside gives the focus back to the tree.
 */
export function useDetailsFold(focusTree: () => void): { open: boolean; toggle: () => void } {
  const [open, setOpen] = useState(() => {
    try {
      return localStorage.getItem(FOLD_KEY) !== '1';
    } catch {
      return true;
    }
  });
  const toggle = useCallback(() => {
    setOpen((was) => {
      try {
        localStorage.setItem(FOLD_KEY, was ? '1' : '0');
      } catch {
        // no storage (a private window): folded for this page only
      }
      if (was && document.activeElement?.closest('.details')) focusTree();
      return !was;
    });
  }, [focusTree]);
  return { open, toggle };
}

export function DetailsPanel(props: DetailsPanelProps) {
  const { node, onEscape } = props;
  return (
    <aside
      id="details-panel"
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

function NodeDetails({ node, docKey, readOnly, onUpdate }: DetailsPanelProps & { node: TreeNode }) {
  const [tagError, setTagError] = useState<string | null>(null);
  const readNode = useReadNode(node);
  const up = (patch: NodePatch) => onUpdate(node.id, patch);
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
      <IndicatorCard node={readNode ?? node} readOnly={readOnly} onEdited={(focusId) => onUpdate(focusId ?? node.id, {})} />
      <NodeCommitments node={readNode ?? node} readOnly={readOnly} onRefresh={(id) => onUpdate(id, {})} />
    </div>
  );
}
