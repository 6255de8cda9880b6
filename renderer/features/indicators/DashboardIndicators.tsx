// The dashboard's indicators: per indicator a chart of the QPV and reference values over time with the baseline and
// the target, its status, and a table equivalent that a screen reader reads. Charts are drawn when their card comes
// into view (300 charts at once would keep a projector's laptop busy for seconds).
import { useEffect, useRef, useState } from 'react';
import { STATUS_LABELS, type DashboardIndicator } from '../../../core/features/indicators/contract';
import { IndicatorChart } from './IndicatorChart';
import { formatFrenchDate, formatValue } from './util';

function useInView<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    if (typeof IntersectionObserver === 'undefined') return setSeen(true);
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setSeen(true);
        io.disconnect();
      }
    }, { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);
  return [ref, seen];
}

function IndicatorPanel({ ind, enjeu, provider }: { ind: DashboardIndicator; enjeu: string; provider: string | null }) {
  const [ref, seen] = useInView<HTMLElement>();
  const titleId = `dash-${ind.id}-title`;
  const rows = [...ind.measurements].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.scope.localeCompare(b.scope)));
  return (
    <article ref={ref} className="dash-indicator" aria-labelledby={titleId} data-indicator-id={ind.id}>
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
        {seen ? <IndicatorChart data={ind} width={400} height={190} label={ind.title} /> : <p className="muted">Graphique…</p>}
      </div>
      <details className="dash-table">
        <summary>Tableau des valeurs</summary>
        <table className="measurement-table">
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
        </table>
      </details>
    </article>
  );
}

export function DashboardIndicators({ list, enjeux, partners }: { list: DashboardIndicator[]; enjeux: Map<string, string>; partners: Map<string, string> }) {
  if (list.length === 0) return <p className="muted">Aucun indicateur ne correspond à ces filtres.</p>;
  return (
    <div className="dash-grid">
      {list.map((ind) => (
        <IndicatorPanel key={ind.id} ind={ind} enjeu={(ind.enjeuId && enjeux.get(ind.enjeuId)) || 'Sans enjeu'} provider={ind.providerId ? partners.get(ind.providerId) ?? null : null} />
      ))}
    </div>
  );
}
