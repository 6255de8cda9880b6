import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIBRARY } from '../../../core/features/indicators';

const SEEDS = '/work/shared/seeds';
/** The seeds are PDF text: lines broken anywhere. Compare with whitespace collapsed. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the national library', () => {
  const seeds = new Map<string, string>();
  const seed = (name: string) => {
    if (!seeds.has(name)) seeds.set(name, flat(readFileSync(`${SEEDS}/${name}`, 'utf8')));
    return seeds.get(name)!;
  };

  it('every entry cites its text, and each of its passages is found word for word in that seed', () => {
    expect(LIBRARY.length).toBeGreaterThanOrEqual(20);
    for (const e of LIBRARY) {
      expect(e.source.length, e.id).toBeGreaterThan(10);
      expect(e.passages.length, e.id).toBeGreaterThan(0);
      for (const p of e.passages) expect(seed(e.seed), `${e.id} : « ${p} »`).toContain(flat(p));
    }
  });

  it('every national target is stated by its passages (the number is in the text)', () => {
    for (const e of LIBRARY.filter((x) => x.target)) {
      const digits = String(e.target!.value).replace(/(\d)(?=(\d{3})+$)/g, '$1 ');
      expect(e.passages.some((p) => flat(p).includes(digits)) || !!e.targetDerived, `${e.id} : ${digits}`).toBe(true);
    }
  });

  it('holds the measures 19–25 of the 2019 circulaire, the CIV 2023 objectives and the convention 2016–2020 targets', () => {
    const ids = LIBRARY.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(LIBRARY.filter((e) => e.family === 'circulaire-2019').length).toBe(14);
    expect(LIBRARY.find((e) => e.id === 'circ-2019-garantie-jeunes')).toMatchObject({ unit: '%', direction: 'hausse', target: { value: 20 } });
    expect(LIBRARY.find((e) => e.id === 'circ-2019-epide')).toMatchObject({ target: { value: 50, date: '2021' } });
    expect(LIBRARY.find((e) => e.id === 'civ-2023-apprentis')).toMatchObject({ unit: 'nombre', target: { value: 80000 } });
    expect(LIBRARY.find((e) => e.id === 'civ-2023-parrainage-e2c')).toMatchObject({ target: { value: 33 } });
    for (const [id, v] of [['conv-2016-epide', 50], ['conv-2016-e2c', 40], ['conv-2016-pacea', 13], ['conv-2016-pec', 15], ['conv-2016-garantie-jeunes', 20]] as const) {
      expect(LIBRARY.find((e) => e.id === id)?.target?.value, id).toBe(v);
    }
  });
});
