// In the tree: a count badge on each row (CommitmentCount) and, in the details panel, the commitments that serve the
// selected item (NodeCommitments), each with « Détacher », and deleting the item with its commitments detached in one
// undoable step. Both are inserted in the tree's files with one line each.
import { useMemo, useState } from 'react';
import { invoke } from '../../api';
import type { TreeNode } from '../../../core/api/contract';
import { useDoc } from '../../app/doc-context';
import { countOf } from '../../lib/text';
import { CommitmentDialog } from './CommitmentDialog';
import { useCommitmentCount, useCommitmentsView, useEdit } from './data';
import { StatusBadge } from './labels';

export function CommitmentCount({ nodeId }: { nodeId: string }) {
  const { doc } = useDoc();
  const n = useCommitmentCount(doc.docId, nodeId);
  if (n === 0) return null;
  return (
    <span className="commitment-count" title={countOf(n, 'engagement')}>
      <span aria-hidden="true">{n}</span>
      <span className="sr-only">, {countOf(n, 'engagement')}</span>
    </span>
  );
}

interface Props {
  node: TreeNode;
  readOnly: boolean;
  /** Reloads the tree around an item after an edit made here (the tree keeps its own history state). */
  onRefresh: (focusId: string) => unknown;
}

export function NodeCommitments({ node, readOnly, onRefresh }: Props) {
  const { doc, showError } = useDoc();
  const { view, reload } = useCommitmentsView(node);
  const edit = useEdit(reload);
  const [confirming, setConfirming] = useState(false);
  const [adding, setAdding] = useState(false);
  const list = useMemo(
    () => (view?.commitments ?? []).filter((c) => c.nodes.some((n) => n.id === node.id) || c.indicator?.id === node.id),
    [view, node.id],
  );
  if (!view) return null;
  const servable = node.kind === 'objectif' || node.kind === 'action';
  if (list.length === 0 && !servable) return null;

  async function detach(id: string) {
    const err = await edit(invoke('commitments.detach', { docId: doc.docId, id, nodeId: node.id }), 'Engagement détaché.');
    if (err) showError(err);
    else await onRefresh(node.id);
  }
  async function removeNode() {
    const r = await invoke('commitments.removeNode', { docId: doc.docId, nodeId: node.id });
    if (!r.ok) return showError(r.error);
    setConfirming(false);
    reload();
    if (r.value.focusId) await onRefresh(r.value.focusId);
  }

  return (
    <section className="fieldset node-commitments" aria-labelledby="nc-title">
      <h3 id="nc-title" className="subhead">
        Engagements ({list.length})
      </h3>
      {list.length === 0 && <p className="muted">Aucun engagement ne sert cet élément.</p>}
      <ul className="nc-list">
        {list.map((c) => (
          <li key={c.id}>
            <span className="nc-text">
              <strong>{c.partnerName}</strong> : {c.text} <StatusBadge status={c.status} />
            </span>
            {!readOnly && (
              <button type="button" className="btn btn-tertiary btn-small" onClick={() => void detach(c.id)} aria-label={`Détacher l’engagement « ${c.text} » de cet élément`}>
                Détacher
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && servable && view.partners.length > 0 && (
        <button type="button" className="btn btn-tertiary btn-small" onClick={() => setAdding(true)}>
          Nouvel engagement pour cet élément
        </button>
      )}
      {!readOnly && list.length > 0 && !confirming && (
        <button type="button" className="btn btn-tertiary btn-small" onClick={() => setConfirming(true)}>
          Supprimer l’élément et détacher ses engagements…
        </button>
      )}
      {confirming && (
        <div className="nc-confirm" role="group" aria-labelledby="nc-confirm-text">
          <p id="nc-confirm-text">
            Supprimer « {node.title} »{node.childCount ? ' et ses sous-éléments' : ''} ? {countOf(list.length, 'engagement')} en sera détaché (Ctrl+Z annule
            le tout).
          </p>
          <button type="button" className="btn btn-primary btn-small" autoFocus onClick={() => void removeNode()}>
            Supprimer et détacher
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setConfirming(false)}>
            Annuler
          </button>
        </div>
      )}
      {adding && (
        <CommitmentDialog
          partners={view.partners}
          presetNodeId={node.id}
          onClose={(changed) => {
            setAdding(false);
            if (changed) {
              reload();
              void onRefresh(node.id);
            }
          }}
        />
      )}
    </section>
  );
}
