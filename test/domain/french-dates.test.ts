import { describe, expect, it } from 'vitest';
import { firstDayOf, formatFrenchDate, lastDayOf, parseFrenchDate } from '../../core/domain/french-dates';

const ok = (s: string) => {
  const r = parseFrenchDate(s);
  if (!r.ok) throw new Error(`refusé : ${s} — ${r.message}`);
  return r.iso;
};
const refused = (s: string) => {
  const r = parseFrenchDate(s);
  if (r.ok) throw new Error(`accepté à tort : ${s} → ${r.iso}`);
  return r.message;
};

describe('dates typed the French way', () => {
  it('understands days, months and years as people write them', () => {
    expect(ok('30/06/2026')).toBe('2026-06-30');
    expect(ok(' 1/2/2025 ')).toBe('2025-02-01');
    expect(ok('30.06.2026')).toBe('2026-06-30');
    expect(ok('30 juin 2026')).toBe('2026-06-30');
    expect(ok('1er juin 2026')).toBe('2026-06-01');
    expect(ok('15 Août 2025')).toBe('2025-08-15');
    expect(ok('15 aout 2025')).toBe('2025-08-15');
    expect(ok('juin 2026')).toBe('2026-06');
    expect(ok('Févr. 2026')).toBe('2026-02');
    expect(ok('06/2026')).toBe('2026-06');
    expect(ok('2026')).toBe('2026');
    expect(ok('2026-12-31')).toBe('2026-12-31');
  });

  it('refuses what is not a date, in French, naming the reason', () => {
    expect(refused('')).toMatch(/Date vide/);
    expect(refused('31/02/2026')).toMatch(/février 2026 n'a que 28 jours/);
    expect(refused('12/13/2026')).toMatch(/mois doit aller de 1 à 12/);
    expect(refused('juni 2026')).toMatch(/Mois inconnu : « juni »/);
    expect(refused('demain')).toMatch(/Date non comprise/);
    expect(refused('30/06/1850')).toMatch(/année hors de la plage/i);
    expect(refused('00/06/2026')).toMatch(/jour doit être au moins 1/);
  });

  it('shows an ISO date back the French way, and round-trips', () => {
    expect(formatFrenchDate('2026-06-30')).toBe('30/06/2026');
    expect(formatFrenchDate('2026-06')).toBe('juin 2026');
    expect(formatFrenchDate('2026')).toBe('2026');
    expect(formatFrenchDate(null)).toBe('');
    for (const iso of ['2026-06-30', '2026-06', '2026', '2024-02-29', '2025-08']) expect(ok(formatFrenchDate(iso))).toBe(iso);
  });

  it('gives the first and last day a year or a month can mean', () => {
    expect(lastDayOf('2026')).toBe('2026-12-31');
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2026-04')).toBe('2026-04-30');
    expect(lastDayOf('2026-04-03')).toBe('2026-04-03');
    expect(firstDayOf('2026')).toBe('2026-01-01');
    expect(firstDayOf('2026-04')).toBe('2026-04-01');
  });
});
