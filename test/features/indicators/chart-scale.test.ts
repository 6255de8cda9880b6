// The charts' scales (core/domain/chart-scale.ts), shared by the screen and the printed note: round ticks framing
// every value, a percentage from 0 to 100 unless the data leave it, dates as years or French months, each once.
import { describe, expect, it } from 'vitest';
import { timeScale, valueScale } from '../../../core/domain/chart-scale';
import { chartSvg } from '../../../core/features/protocole/chart';

describe('chart scales', () => {
  it('round ticks that frame every value, evenly spaced', () => {
    for (const values of [[29.5, 29.9, 30, 22], [-91, 1145], [5, 140], [0.12, 0.35], [15000.5, 20000], [3, 3], [-4, -1]]) {
      const s = valueScale(values);
      const step = s.ticks[1] - s.ticks[0];
      expect([1, 2, 2.5, 5].some((k) => Math.abs(step / 10 ** Math.floor(Math.log10(step)) - k) < 1e-9), `${values}: pas ${step}`).toBe(true);
      for (const t of s.ticks) expect(Math.abs(t / step - Math.round(t / step)) < 1e-9, `${values}: ${t}`).toBe(true);
      expect(s.min).toBeLessThanOrEqual(Math.min(...values));
      expect(s.max).toBeGreaterThanOrEqual(Math.max(...values));
      expect(s.ticks.length).toBeGreaterThanOrEqual(2);
      expect(s.ticks.length).toBeLessThanOrEqual(7);
    }
    expect(valueScale([22, 30]).ticks).toEqual([22, 24, 26, 28, 30]);
    expect(valueScale([-91, 1145]).ticks).toEqual([-500, 0, 500, 1000, 1500]);
    expect(valueScale([5, 140]).ticks[0]).toBe(0);
  });
  it('a percentage axis from 0 to 100 unless the data leave it', () => {
    expect(valueScale([12, 80], { percent: true }).ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(valueScale([-10, 110], { percent: true }).min).toBeLessThan(0);
    expect(valueScale([5, 140], { percent: true }).max).toBeGreaterThanOrEqual(140);
  });
  it('years once each, French months, nothing beyond the axis', () => {
    expect(timeScale(['2020', '2024', '2025', '2030']).ticks.map((t) => t.label)).toEqual(['2020', '2022', '2024', '2026', '2028', '2030']);
    expect(timeScale(['2025']).ticks.map((t) => t.label)).toEqual(['2024', '2025']);
    const months = timeScale(['2024-12', '2025-03', '2025-06']);
    // A month counts at its end (as the status rule reads it): « juin 2025 » is drawn just before July's tick.
    expect(months.ticks.map((t) => t.label)).toEqual(['nov. 2024', 'janv. 2025', 'mars 2025', 'mai 2025', 'juil. 2025']);
    for (const d of [['2024-12-31', '2025-06-30', '2030'], ['2025-01-15', '2025-02-15'], ['2019-06', '2026-12-31']]) {
      const s = timeScale(d);
      const labels = s.ticks.map((t) => t.label);
      expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
      expect(labels.every((l) => /^(\d{4}|(janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4})$/.test(l)), labels.join(' ')).toBe(true);
      for (const x of d.map(s.position)) {
        expect(x).toBeGreaterThanOrEqual(s.min);
        expect(x).toBeLessThanOrEqual(s.max);
      }
    }
  });
});

describe('the printed note’s chart (chart.ts) reads its ticks from these scales', () => {
  it('y ticks in the SVG are round, x labels French, the legend names every thing drawn', () => {
    const svg = chartSvg({
      title: 'Taux de chômage', unit: '%',
      points: [{ date: '2023', value: 29.5 }, { date: '2024', value: 29.9 }],
      reference: [{ date: '2024', value: 12.1 }],
      baseline: { value: 30, date: '2020' }, target: { value: 22, date: '2030' },
    });
    const ys = [...svg.matchAll(/class="y-tick"[^>]*>([^<]*)</g)].map((m) => Number(m[1].replace(/\s/g, '').replace(',', '.')));
    expect(ys).toEqual([0, 20, 40, 60, 80, 100]);
    const xs = [...svg.matchAll(/class="x-tick"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(xs).toEqual(['2020', '2022', '2024', '2026', '2028', '2030']);
    const legend = [...svg.matchAll(/<g class="legend">.*?<text[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(legend).toEqual(['QPV', 'Territoire de comparaison (point)', 'Départ', 'Cible']);
    const counts = chartSvg({ title: 'Visiteurs', unit: 'nombre', points: [{ date: '2024-12', value: -91 }, { date: '2025-06-30', value: 1145 }], reference: [] });
    const ys2 = [...counts.matchAll(/class="y-tick"[^>]*>([^<]*)</g)].map((m) => Number(m[1].replace(/[\s\u202f\u00a0]/g, '').replace('−', '-').replace(',', '.')));
    expect(ys2).toEqual([-500, 0, 500, 1000, 1500]);
    expect([...counts.matchAll(/class="x-tick"[^>]*>([^<]*)</g)].map((m) => m[1]).every((l) => /^[a-zéû.]+ \d{4}$/.test(l))).toBe(true);
  });
});
