// The dashboard's indicators: per indicator a chart of the QPV and reference values over time with the baseline and
// the target, its status, and a table equivalent that a screen reader reads. Only the rows of cards in view are drawn
// (@tanstack/react-virtual, rows of as many cards as the width holds, each row measured once drawn): 300 cards with
// their charts would keep a projector's laptop busy for seconds. Printing draws them all.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useVirtualizer } from '@tanstack/react-virtual';
import { STATUS_LABELS, type DashboardIndicator } from '../../../core/features/indicators/contract';
import { SmallChart } from './SmallChart';
import { formatFrenchDate, formatValue } from './util';

// Memoised: the virtualizer re-renders its rows as it measures and scrolls; a card's chart is drawn once.
const IndicatorPanel = memo(function IndicatorPanel({ ind, enjeu, provider }: { ind: DashboardIndicator; enjeu: string; provider: string | null }) {
  const [open, setOpen] = useState(false);
  const titleId = `dash-${ind.id}-title`;
  const rows = [...ind.measurements].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.scope.localeCompare(b.scope)));
  return (
    <article className="dash-indicator" aria-labelledby={titleId} data-indicator-id={ind.id}>
      <header className="dash-indicator-head">
        <h3 id={titleId}>{ind.title}</h3>
        <p className={`status-badge status-${ind.status}`} title={ind.reason}>
          <span className="status-label">{STATUS_LABELS[ind.status]}</span>
        </p>
      </header>
      <p className="dash-meta">
        {enjeu}
        {provider ? ` · Données : ${provider}` : ''}
        {ind.targetValue !== null ? ` · Cible ${formatValue(ind.targetValue, ind.unit)}${ind.targetDate ? ` (${formatFrenchDate(ind.targetDate)})` : ''}` : ''}
      </p>
      <p className="dash-reason">{ind.reason}</p>
      <div className="dash-chart-slot">
        <SmallChart data={ind} width={400} height={190} label={ind.title} />
      </div>
      <details className="dash-table" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>Tableau des valeurs</summary>
        {/* Built when opened: 300 tables of 20 rows would slow the dashboard's first drawing. */}
        {open && <table className="measurement-table">
          <caption className="sr-only">Valeurs de « {ind.title} »</caption>
          <thead>
            <tr><th scope="col">Date</th><th scope="col">QPV</th><th scope="col">{ind.referenceLabel ?? 'Territoire de comparaison'}</th></tr>
          </thead>
          <tbody>
            {ind.baselineValue !== null && (
              <tr><td>Départ{ind.baselineDate ? ` (${formatFrenchDate(ind.baselineDate)})` : ''}</td><td className="num">{formatValue(ind.baselineValue, ind.unit)}</td><td /></tr>
            )}
            {rows.map((m, i) => (
              <tr key={i}>
                <td>{formatFrenchDate(m.date)}</td>
                <td className="num">{m.scope === 'qpv' ? formatValue(m.value, ind.unit) : ''}</td>
                <td className="num">{m.scope === 'reference' ? formatValue(m.value, ind.unit) : ''}</td>
              </tr>
            ))}
            {ind.targetValue !== null && (
              <tr><td>Cible{ind.targetDate ? ` (${formatFrenchDate(ind.targetDate)})` : ''}</td><td className="num">{formatValue(ind.targetValue, ind.unit)}</td><td /></tr>
            )}
          </tbody>
        </table>}
      </details>
    </article>
  );
});

const CARD_MIN = 430;
const GAP = 16;

export function DashboardIndicators({ list, enjeux, partners }: { list: DashboardIndicator[]; enjeux: Map<string, string>; partners: Map<string, string> }) {
  const grid = useRef<HTMLDivElement>(null);
  const [cols, setCols] = useState(2);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [printing, setPrinting] = useState(false);
  const scroller = () => grid.current?.closest<HTMLElement>('.copil-screen') ?? null;
  useLayoutEffect(() => {
    const el = grid.current;
    if (!el) return;
    const measure = () => setCols(Math.max(1, Math.floor((el.clientWidth + GAP) / (CARD_MIN + GAP))));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [list.length === 0]);
  // Where the grid starts in the scrolled screen (what is above it may change: the rule unfolded, a message).
  useLayoutEffect(() => {
    const el = grid.current;
    const sc = scroller();
    if (!el || !sc) return;
    const top = Math.round(el.getBoundingClientRect().top - sc.getBoundingClientRect().top + sc.scrollTop);
    if (top !== scrollMargin) setScrollMargin(top);
  });
  useEffect(() => {
    // window.print() fires beforeprint synchronously: every card is drawn before the page is laid out for paper.
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  const rows = Math.ceil(list.length / cols);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: scroller,
    estimateSize: () => 400,
    // The rows in view and one ahead, drawn before Page suivante brings it (a small multiple costs a few
    // milliseconds; recharts' LineChart cost so much that only the rows in view were drawn).
    overscan: 1,
    // The cards of the first screen are drawn in the first render, before the scroller is measured.
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    scrollMargin,
    getItemKey: (i) => list[i * cols]?.id ?? i,
    measureElement: (el) => el.getBoundingClientRect().height,
  });
  if (list.length === 0) return <p className="muted">Aucun indicateur ne correspond à ces filtres.</p>;
  const panel = (ind: DashboardIndicator) => (
    <IndicatorPanel key={ind.id} ind={ind} enjeu={(ind.enjeuId && enjeux.get(ind.enjeuId)) || 'Sans enjeu'} provider={ind.providerId ? partners.get(ind.providerId) ?? null : null} />
  );
  if (printing) return <div ref={grid} className="dash-grid">{list.map(panel)}</div>;
  const items = virtualizer.getVirtualItems();
  return (
    <div ref={grid} className="dash-grid-virtual" style={{ height: virtualizer.getTotalSize() }}>
      {items.map((row) => (
        <div
          key={row.key}
          data-index={row.index}
          ref={virtualizer.measureElement}
          className="dash-grid dash-row"
          style={{ transform: `translateY(${row.start - scrollMargin}px)`, gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}
        >
          {list.slice(row.index * cols, row.index * cols + cols).map(panel)}
        </div>
      ))}
    </div>
  );
}
