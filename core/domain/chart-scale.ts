// The scales of an indicator's chart, one rule for the screen (IndicatorChart.tsx) and the printed note (chart.ts):
// round ticks (1, 2, 2,5 or 5 × 10ⁿ) framing every value, a percentage from 0 to 100 unless the data leave it, and dates
// as years (« 2024 ») or French months (« janv. 2025 »), each label once. Pure TypeScript (renderer-safe).
import { lastDayOf } from './french-dates';

export interface ValueScale { min: number; max: number; ticks: number[] }
export interface TimeScale { min: number; max: number; ticks: { value: number; label: string }[]; position: (iso: string) => number }

const STEPS = [1, 2, 2.5, 5, 10];

/** A round step giving at most `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  return STEPS.map((s) => s * p).find((s) => s >= raw - 1e-12) ?? 10 * p;
}

/** Round ticks covering every value; `percent`: 0–100 (step 20) when every value lies within. */
export function valueScale(values: readonly number[], opts: { percent?: boolean; count?: number } = {}): ValueScale {
  const finite = values.filter(Number.isFinite);
  const count = opts.count ?? 4;
  if (finite.length === 0) return { min: 0, max: opts.percent ? 100 : 1, ticks: opts.percent ? [0, 20, 40, 60, 80, 100] : [0, 1] };
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (opts.percent && lo >= 0 && hi <= 100) return { min: 0, max: 100, ticks: [0, 20, 40, 60, 80, 100] };
  if (lo === hi) {
    const m = Math.abs(lo) || 1;
    lo -= m * 0.1;
    hi += m * 0.1;
  }
  let step = niceStep(hi - lo, count);
  let min = Math.floor(lo / step + 1e-9) * step;
  let max = Math.ceil(hi / step - 1e-9) * step;
  if ((max - min) / step > count + 1) {
    step = niceStep(max - min, count);
    min = Math.floor(lo / step + 1e-9) * step;
    max = Math.ceil(hi / step - 1e-9) * step;
  }
  // Values all at or above zero keep the axis there.
  if (finite.every((v) => v >= 0) && min < 0) min = 0;
  const ticks: number[] = [];
  for (let k = Math.round(min / step); k * step <= max + step / 2; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { min: ticks[0], max: ticks[ticks.length - 1], ticks };
}

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const DAY = 86_400_000;

/** A period's end as a time (a year or a month counts to its last day, as the status rule reads it). */
export function endTime(iso: string): number {
  return Date.parse(`${lastDayOf(iso)}T00:00:00Z`);
}

/**
 * The time axis. Dates that are all years (« 2024 ») are drawn at their year's label, one column per year; other
 * dates at their period's end, with ticks on the first day of a month (« janv. 2025 ») or, when months would be too
 * many, of a year (« 2025 »). The axis starts on a tick and ends after the last date: nothing drawn beyond it.
 */
export function timeScale(dates: readonly string[], maxTicks = 7): TimeScale {
  const ds = dates.filter(Boolean);
  if (ds.length > 0 && ds.every((d) => /^\d{4}$/.test(d))) {
    const years = ds.map(Number);
    const y0 = Math.min(...years);
    const y1 = Math.max(...years);
    const step = [1, 2, 5, 10, 20, 50].find((s) => (y1 - y0) / s + 1 <= maxTicks) ?? 100;
    const first = Math.floor(y0 / step) * step;
    const ticks: { value: number; label: string }[] = [];
    for (let y = first; y < y1 + step; y += step) ticks.push({ value: y, label: String(y) });
    if (ticks.length === 1) ticks.unshift({ value: first - 1, label: String(first - 1) });
    return { min: ticks[0].value, max: ticks[ticks.length - 1].value, ticks, position: (iso) => Number(iso.slice(0, 4)) };
  }
  const position = (iso: string) => (/^\d{4}$/.test(iso) ? Date.UTC(+iso, 6, 1) : endTime(iso));
  const times = ds.map(position);
  const t0 = times.length ? Math.min(...times) : Date.UTC(2024, 0, 1);
  const t1 = times.length ? Math.max(...times) : Date.UTC(2025, 0, 1);
  const a = new Date(t0);
  const b = new Date(t1 + DAY); // the day after: a tick on the next month's first day frames it
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
  const monthly = [1, 2, 3, 6].find((k) => Math.ceil(months / k) + 1 <= maxTicks);
  const ticks: { value: number; label: string }[] = [];
  if (monthly !== undefined) {
    let y = a.getUTCFullYear();
    let m = Math.floor(a.getUTCMonth() / monthly) * monthly;
    for (;;) {
      const t = Date.UTC(y, m, 1);
      ticks.push({ value: t, label: `${MONTHS[m]} ${y}` });
      if (t >= t1 && ticks.length >= 2) break;
      m += monthly;
      if (m >= 12) {
        m -= 12;
        y += 1;
      }
    }
    return { min: ticks[0].value, max: ticks[ticks.length - 1].value, ticks, position };
  }
  // Years: ticks on 1 January every 1, 2, 5… years; the axis ends with the last date's year.
  const end = Date.UTC(new Date(t1).getUTCFullYear() + 1, 0, 1);
  const years = (end - Date.UTC(a.getUTCFullYear(), 0, 1)) / (365.2425 * DAY);
  const step = [1, 2, 5, 10, 20, 50, 100].find((k) => Math.floor(years / k) + 1 <= maxTicks) ?? 200;
  for (let y = Math.floor(a.getUTCFullYear() / step) * step; Date.UTC(y, 0, 1) <= end; y += step) ticks.push({ value: Date.UTC(y, 0, 1), label: String(y) });
  return { min: ticks[0].value, max: Math.max(end, ticks[ticks.length - 1].value), ticks, position };
}

