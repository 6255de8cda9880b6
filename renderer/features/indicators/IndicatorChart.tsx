// One indicator's measurements over time: the QPV line and the reference-territory line, the baseline and the target
// drawn as reference lines, readable on a projector. The chart is hidden from screen readers: the table beside it
// (MeasurementTable / the dashboard's table equivalent) says the same.
import { CartesianGrid, Line, LineChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { dateToX, formatFrenchDate, formatValue, xToYear } from './util';

export interface ChartData {
  unit: string | null;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  measurements: readonly { date: string; value: number; scope: 'qpv' | 'reference' }[];
}

/** `width` in pixels, or 'fit' to take the width of its container (the details panel is narrower at 1024×768). */
export function IndicatorChart({ data, width, height, label }: { data: ChartData; width: number | 'fit'; height: number; label: string }) {
  const qpv = data.measurements.filter((m) => m.scope === 'qpv').map((m) => ({ x: dateToX(m.date), qpv: m.value, date: m.date }));
  const ref = data.measurements.filter((m) => m.scope === 'reference').map((m) => ({ x: dateToX(m.date), ref: m.value, date: m.date }));
  const points = [...qpv, ...ref].sort((a, b) => a.x - b.x);
  const xs = points.map((p) => p.x);
  if (data.baselineDate) xs.push(dateToX(data.baselineDate));
  if (data.targetDate) xs.push(dateToX(data.targetDate));
  const ys = points.map((p) => ('qpv' in p ? p.qpv : p.ref));
  if (data.baselineValue !== null) ys.push(data.baselineValue);
  if (data.targetValue !== null) ys.push(data.targetValue);
  if (points.length === 0) {
    return <p className="chart-empty">Aucune mesure : le graphique s’affichera avec la première.</p>;
  }
  const pad = (Math.max(...ys) - Math.min(...ys)) * 0.1 || 1;
  const yMin = Math.min(...ys) - pad;
  const yMax = Math.max(...ys) + pad;
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  return (
    <div className="indicator-chart" aria-hidden="true" data-chart-label={label}>
      <Fit width={width} height={height}>
      <LineChart accessibilityLayer={false} width={width === 'fit' ? undefined : width} height={height} data={points} margin={{ top: 10, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#dddddd" />
        <XAxis dataKey="x" type="number" scale="time" domain={[xMin, xMax]} tickFormatter={xToYear} stroke="#3a3a3a" fontSize={14} />
        <YAxis domain={[Math.floor(yMin), Math.ceil(yMax)]} stroke="#3a3a3a" fontSize={14} width={48} allowDecimals={false} />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(x) => points.find((p) => p.x === x)?.date ? formatFrenchDate(points.find((p) => p.x === x)!.date) : ''}
          formatter={(v, name) => [formatValue(Number(v), data.unit), name === 'qpv' ? 'QPV' : 'Territoire de comparaison']}
        />
        {data.baselineValue !== null && (
          <ReferenceLine y={data.baselineValue} stroke="#595959" strokeDasharray="6 4" label={{ value: 'Départ', position: 'insideTopLeft', fontSize: 13, fill: '#3a3a3a' }} />
        )}
        {data.targetValue !== null && (
          <ReferenceLine y={data.targetValue} stroke="#18753c" strokeWidth={2} strokeDasharray="2 3" label={{ value: 'Cible', position: 'insideBottomLeft', fontSize: 13, fill: '#18753c' }} />
        )}
        {data.targetValue !== null && data.targetDate && <ReferenceDot x={dateToX(data.targetDate)} y={data.targetValue} r={6} fill="#18753c" stroke="#fff" />}
        <Line className="line-qpv" type="linear" dataKey="qpv" name="qpv" stroke="#000091" strokeWidth={3} dot={{ r: 4, className: 'dot-qpv' }} connectNulls isAnimationActive={false} />
        <Line className="line-ref" type="linear" dataKey="ref" name="ref" stroke="#ce0500" strokeWidth={2} strokeDasharray="5 3" dot={{ r: 3, className: 'dot-ref' }} connectNulls isAnimationActive={false} />
      </LineChart>
      </Fit>
    </div>
  );
}

function Fit({ width, height, children }: { width: number | 'fit'; height: number; children: React.ReactElement }) {
  return width === 'fit' ? <ResponsiveContainer width="100%" height={height}>{children}</ResponsiveContainer> : children;
}
