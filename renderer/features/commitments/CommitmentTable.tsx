// A list of commitments as a table: partner, text, items served, deadline (and how late), status, funding, progress,
// with the actions on each row. Used by the Engagements screen, a partner's page and a matrix cell.
import { useState } from 'react';
import { daysLate, type CommitmentView } from '../../../core/domain/commitments';
import { formatFrenchDate } from '../../../core/domain/french-dates';
import { FUNDING_NATURE_LABELS } from '../../../core/domain/commitments';
import { StatusBadge, formatDays, formatEuros } from './labels';

export interface RowActions {
  onStatus?: (c: CommitmentView) => void;
  onEdit?: (c: CommitmentView) => void;
  onRemove?: (c: CommitmentView) => void;
}

interface Props extends RowActions {
  caption: string;
  list: readonly CommitmentView[];
  today: string;
  showPartner?: boolean;
  readOnly: boolean;
  /** Rows drawn before « Tout afficher »: a long list stays quick to open (matrix-ms in the bench). */
  limit?: number;
  /** Without the items served, the progress and the funding: a short list at the top of a screen. */
  compact?: boolean;
}

export function CommitmentTable({ caption, list, today, showPartner = true, readOnly, onStatus, onEdit, onRemove, limit = 50, compact = false }: Props) {
  const [all, setAll] = useState(false);
  if (list.length === 0) return <p className="muted commitments-empty">Aucun engagement ici.</p>;
  const rows = all ? list : list.slice(0, limit);
  return (
    <>
    <table className={'data-table commitments-table' + (compact ? ' is-compact' : '')}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {showPartner && <th scope="col">Partenaire</th>}
          <th scope="col">Engagement</th>
          <th scope="col">Échéance</th>
          <th scope="col">Statut</th>
          {!compact && <th scope="col">Financement</th>}
          {!readOnly && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => {
          const late = daysLate(c, today);
          return (
            <tr key={c.id}>
              {showPartner && <td>{c.partnerName}</td>}
              <td>
                <span className="commitment-text">{c.text}</span>
                {!compact && c.nodes.length > 0 && <span className="commitment-nodes">Sert : {c.nodes.map((n) => n.title).join(' ; ')}</span>}
                {!compact && c.progress && <span className="commitment-progress">Progression : {c.progress.label}</span>}
              </td>
              <td>
                {c.due ? formatFrenchDate(c.due) : '—'}
                {late !== null && <span className="late-badge">en retard de {formatDays(late)}</span>}
              </td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              {!compact && (
                <td>
                  {c.funding?.amount != null ? formatEuros(c.funding.amount) : '—'}
                  {c.funding?.nature && <span className="commitment-nature">{FUNDING_NATURE_LABELS[c.funding.nature]}</span>}
                </td>
              )}
              {!readOnly && (
                <td className="row-actions">
                  {onStatus && (
                    <button type="button" className="btn btn-tertiary btn-small" onClick={() => onStatus(c)} aria-label={`Changer le statut : ${c.text}`}>
                      Statut
                    </button>
                  )}
                  {onEdit && (
                    <button type="button" className="btn btn-tertiary btn-small" onClick={() => onEdit(c)} aria-label={`Modifier : ${c.text}`}>
                      Modifier
                    </button>
                  )}
                  {onRemove && (
                    <button type="button" className="btn btn-tertiary btn-small" onClick={() => onRemove(c)} aria-label={`Supprimer : ${c.text}`}>
                      Supprimer
                    </button>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
    {rows.length < list.length && (
      <button type="button" className="btn btn-tertiary btn-small" onClick={() => setAll(true)}>
        Tout afficher ({list.length} engagements)
      </button>
    )}
    </>
  );
}
