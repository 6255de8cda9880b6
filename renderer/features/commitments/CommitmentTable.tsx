// A list of commitments as a table: partner, text, items served, deadline (and how late), status, funding, progress,
// with the actions on each row. Used by the Engagements screen, a partner's page and a matrix cell. The compact table
// also takes light lines (CommitmentLine: the late list of commitments.overview), without items, funding or progress.
import { useState } from 'react';
import { daysLate, type CommitmentLine, type CommitmentView } from '../../../core/domain/commitments';
import { formatFrenchDate } from '../../../core/domain/french-dates';
import { FUNDING_NATURE_LABELS } from '../../../core/domain/commitments';
import { StatusBadge, formatDays, formatEuros } from './labels';

export interface RowActions<T extends CommitmentLine = CommitmentView> {
  onStatus?: (c: T) => void;
  onEdit?: (c: T) => void;
  onRemove?: (c: T) => void;
}

interface Props<T extends CommitmentLine> extends RowActions<T> {
  caption: string;
  list: readonly T[];
  today: string;
  showPartner?: boolean;
  readOnly: boolean;
  /** Rows drawn before « Tout afficher »: a long list stays quick to open (matrix-ms in the bench). */
  limit?: number;
  /** Without the items served, the progress and the funding: a short list at the top of a screen. */
  compact?: boolean;
}

export function CommitmentTable<T extends CommitmentLine>({ caption, list, today, showPartner = true, readOnly, onStatus, onEdit, onRemove, limit = 50, compact = false }: Props<T>) {
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
          const full = 'nodes' in c ? (c as unknown as CommitmentView) : null;
          return (
            <tr key={c.id}>
              {showPartner && <td>{c.partnerName}</td>}
              <td>
                <span className="commitment-text">{c.text}</span>
                {!compact && full && full.nodes.length > 0 && <span className="commitment-nodes">Sert : {full.nodes.map((n) => n.title).join(' ; ')}</span>}
                {!compact && full?.progress && <span className="commitment-progress">Progression : {full.progress.label}</span>}
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
                  {full?.funding?.amount != null ? formatEuros(full.funding.amount) : '—'}
                  {full?.funding?.nature && <span className="commitment-nature">{FUNDING_NATURE_LABELS[full.funding.nature]}</span>}
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
