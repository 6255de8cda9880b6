// The matrix partner × enjeu: in each cell the number of commitments and the worst status, as a real table (caption,
// row and column headers) that a screen reader reads cell by cell; a cell's button opens its commitments. Past
// VIRTUAL_FROM partners only the rows in view are drawn, and past VIRTUAL_COLS_FROM enjeux only the columns in view
// (aria-rowcount, aria-colcount and the indexes tell the whole size), as the tree does for 10 000 items: 200 partners
// × 110 enjeux would otherwise be 22 000 cells to lay out, and even the rows in view hold 111 cells each (matrix-ms).
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MatrixCounts as MatrixData } from '../../../core/domain/commitments';
import { countOf } from '../../lib/text';
import { statusLabel } from './labels';

export interface CellRef { partnerId: string; enjeuId: string }

const ROW_HEIGHT = 56;
const VIRTUAL_FROM = 40;
const VIRTUAL_COLS_FROM = 16;
/** Column widths in em (commitments.css: `.matrix th, .matrix td` and the partner's column). */
const COL_EM = 9.5;
const FIRST_COL_EM = 14;

export const Matrix = memo(function Matrix({ matrix, onOpen }: { matrix: MatrixData; onOpen: (cell: CellRef) => void }) {
  const scroll = useRef<HTMLDivElement>(null);
  const virtual = matrix.partners.length >= VIRTUAL_FROM;
  const virtualCols = matrix.enjeux.length >= VIRTUAL_COLS_FROM;
  // The columns' widths in pixels: commitments.css sets them in em, and the table's own width makes its fixed layout
  // keep them exactly; the font size (larger with « Texte agrandi ») is read from the style, which lays nothing out.
  const [em, setEm] = useState(16);
  useLayoutEffect(() => {
    const table = scroll.current?.querySelector('table');
    const size = table ? parseFloat(getComputedStyle(table).fontSize) : NaN;
    if (Number.isFinite(size) && size !== em) setEm(size);
  });
  const width = { first: FIRST_COL_EM * em, col: COL_EM * em };
  const virtualizer = useVirtualizer({
    count: matrix.partners.length,
    getScrollElement: () => scroll.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    enabled: virtual,
  });
  const columns = useVirtualizer({
    horizontal: true,
    count: matrix.enjeux.length,
    getScrollElement: () => scroll.current,
    estimateSize: () => width.col,
    paddingStart: width.first,
    overscan: 2,
    enabled: virtualCols,
    // The first screen's columns are drawn in the first render, before the scroller is measured.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
  });
  useLayoutEffect(() => columns.measure(), [columns, em]);
  if (matrix.partners.length === 0) return <p className="muted">Aucun partenaire : ajoutez-en depuis l’écran « Partenaires ».</p>;
  const items = virtual ? virtualizer.getVirtualItems() : matrix.partners.map((_, index) => ({ index, start: index * ROW_HEIGHT }));
  const before = virtual && items.length ? items[0].start : 0;
  const after = virtual && items.length ? virtualizer.getTotalSize() - (items[items.length - 1].start + ROW_HEIGHT) : 0;
  const colItems = virtualCols ? columns.getVirtualItems() : [];
  const shown = virtualCols ? colItems.map((c) => ({ e: matrix.enjeux[c.index], index: c.index })) : matrix.enjeux.map((e, index) => ({ e, index }));
  const left = virtualCols && colItems.length ? colItems[0].start - width.first : 0;
  const right = virtualCols && colItems.length ? columns.getTotalSize() - colItems[colItems.length - 1].end : 0;
  // Spacer cells stand for the columns not drawn (always present when virtual, so that every row has the same cells).
  const spacer = (width: number, head: boolean) =>
    head ? <th aria-hidden="true" className="matrix-gap" style={{ width }} /> : <td aria-hidden="true" className="matrix-gap" style={{ width }} />;
  const cols = shown.length + 1 + (virtualCols ? 2 : 0);
  const colIndex = (index: number) => (virtualCols ? index + 2 : undefined);
  return (
    <div className={'matrix-scroll' + (virtual || virtualCols ? ' is-virtual' : '')} ref={scroll} tabIndex={virtual || virtualCols ? 0 : undefined} role={virtual || virtualCols ? 'region' : undefined} aria-label={virtual || virtualCols ? 'Matrice (faire défiler)' : undefined}>
      <table
        className="data-table matrix"
        data-testid="matrix"
        aria-rowcount={virtual ? matrix.partners.length + 1 : undefined}
        aria-colcount={virtualCols ? matrix.enjeux.length + 1 : undefined}
        // A width of its own, so that the table lays its columns out as commitments.css sets them (table-layout:
        // fixed) and the spacers keep the width of the columns they stand for.
        style={virtualCols ? { width: width.first + matrix.enjeux.length * width.col } : undefined}
      >
        <caption>Nombre d’engagements et pire statut, par partenaire (lignes) et par enjeu (colonnes)</caption>
        <thead>
          <tr aria-rowindex={virtual ? 1 : undefined}>
            <th scope="col" aria-colindex={virtualCols ? 1 : undefined}>Partenaire</th>
            {virtualCols && spacer(left, true)}
            {shown.map(({ e, index }) => (
              <th scope="col" key={e.id || 'none'} data-col={index} aria-colindex={colIndex(index)}>
                {e.title}
              </th>
            ))}
            {virtualCols && spacer(right, true)}
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
                <th scope="row" aria-colindex={virtualCols ? 1 : undefined}>{p.name}</th>
                {virtualCols && spacer(left, false)}
                {shown.map(({ e, index: c }) => {
                  const cell = row?.get(e.id);
                  if (!cell) return <td key={e.id || 'none'} className="matrix-empty" aria-colindex={colIndex(c)}>—</td>;
                  return (
                    <td key={e.id || 'none'} className={`matrix-cell status-${cell.worst ?? 'none'}`} aria-colindex={colIndex(c)}>
                      <button
                        type="button"
                        className="matrix-button"
                        onClick={() => onOpen({ partnerId: p.id, enjeuId: e.id })}
                        aria-label={`${p.name}, ${e.title} : ${countOf(cell.count, 'engagement')}, pire statut ${statusLabel(cell.worst)}. Ouvrir.`}
                      >
                        <span className="matrix-count">{cell.count}</span>
                        <span className="matrix-worst">{statusLabel(cell.worst)}</span>
                      </button>
                    </td>
                  );
                })}
                {virtualCols && spacer(right, false)}
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
