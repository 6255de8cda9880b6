// The matrix partner × enjeu: in each cell the number of commitments and the worst status, as a real table (caption,
// row and column headers) that a screen reader reads cell by cell; a cell's button opens its commitments. Past
// VIRTUAL_FROM partners only the rows in view are drawn (aria-rowcount and aria-rowindex tell the whole size), as the
// tree does for 10 000 items: 200 partners × 110 enjeux would otherwise be 22 000 cells to lay out (matrix-ms).
import { memo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Matrix as MatrixData } from '../../../core/domain/commitments';
import { countOf } from '../../lib/text';
import { statusLabel } from './labels';

export interface CellRef { partnerId: string; enjeuId: string }

const ROW_HEIGHT = 56;
const VIRTUAL_FROM = 40;

export const Matrix = memo(function Matrix({ matrix, onOpen }: { matrix: MatrixData; onOpen: (cell: CellRef) => void }) {
  const scroll = useRef<HTMLDivElement>(null);
  const virtual = matrix.partners.length >= VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: matrix.partners.length,
    getScrollElement: () => scroll.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    enabled: virtual,
  });
  if (matrix.partners.length === 0) return <p className="muted">Aucun partenaire : ajoutez-en depuis l’écran « Partenaires ».</p>;
  const items = virtual ? virtualizer.getVirtualItems() : matrix.partners.map((_, index) => ({ index, start: index * ROW_HEIGHT }));
  const before = virtual && items.length ? items[0].start : 0;
  const after = virtual && items.length ? virtualizer.getTotalSize() - (items[items.length - 1].start + ROW_HEIGHT) : 0;
  const cols = matrix.enjeux.length + 1;
  return (
    <div className={'matrix-scroll' + (virtual ? ' is-virtual' : '')} ref={scroll} tabIndex={virtual ? 0 : undefined} role={virtual ? 'region' : undefined} aria-label={virtual ? 'Matrice (faire défiler)' : undefined}>
      <table className="data-table matrix" data-testid="matrix" aria-rowcount={virtual ? matrix.partners.length + 1 : undefined}>
        <caption>Nombre d’engagements et pire statut, par partenaire (lignes) et par enjeu (colonnes)</caption>
        <thead>
          <tr aria-rowindex={virtual ? 1 : undefined}>
            <th scope="col">Partenaire</th>
            {matrix.enjeux.map((e) => (
              <th scope="col" key={e.id || 'none'}>
                {e.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true" className="matrix-spacer" style={{ height: before }}>
              <td colSpan={cols} />
            </tr>
          )}
          {items.map(({ index }) => {
            const p = matrix.partners[index];
            const row = matrix.cells.get(p.id);
            return (
              <tr key={p.id} data-row={index} aria-rowindex={virtual ? index + 2 : undefined} style={virtual ? { height: ROW_HEIGHT } : undefined}>
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
          {after > 0 && (
            <tr aria-hidden="true" className="matrix-spacer" style={{ height: after }}>
              <td colSpan={cols} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
});
