// The matrix partner × enjeu: in each cell the number of commitments and the worst status, as a real table (caption,
// row and column headers) that a screen reader reads cell by cell; a cell's button opens its commitments.
import { memo } from 'react';
import type { Matrix as MatrixData } from '../../../core/domain/commitments';
import { countOf } from '../../lib/text';
import { statusLabel } from './labels';

export interface CellRef { partnerId: string; enjeuId: string }

export const Matrix = memo(function Matrix({ matrix, onOpen }: { matrix: MatrixData; onOpen: (cell: CellRef) => void }) {
  if (matrix.partners.length === 0) return <p className="muted">Aucun partenaire : ajoutez-en depuis l’écran « Partenaires ».</p>;
  return (
    <div className="matrix-scroll">
      <table className="data-table matrix" data-testid="matrix">
        <caption>Nombre d’engagements et pire statut, par partenaire (lignes) et par enjeu (colonnes)</caption>
        <thead>
          <tr>
            <th scope="col">Partenaire</th>
            {matrix.enjeux.map((e) => (
              <th scope="col" key={e.id || 'none'}>
                {e.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.partners.map((p) => {
            const row = matrix.cells.get(p.id);
            return (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                {matrix.enjeux.map((e) => {
                  const cell = row?.get(e.id);
                  if (!cell) return <td key={e.id || 'none'} className="matrix-empty">—</td>;
                  return (
                    <td key={e.id || 'none'} className={`matrix-cell status-${cell.worst ?? 'none'}`}>
                      <button
                        type="button"
                        className="matrix-button"
                        onClick={() => onOpen({ partnerId: p.id, enjeuId: e.id })}
                        aria-label={`${p.name}, ${e.title} : ${countOf(cell.ids.length, 'engagement')}, pire statut ${statusLabel(cell.worst)}. Ouvrir.`}
                      >
                        <span className="matrix-count">{cell.ids.length}</span>
                        <span className="matrix-worst">{statusLabel(cell.worst)}</span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
