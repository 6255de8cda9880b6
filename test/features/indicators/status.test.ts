import { describe, expect, it } from 'vitest';
import { indicatorStatus, STATUS_RULE_TEXT, type StatusInput } from '../../../core/features/indicators';

const base: StatusInput = {
  direction: 'baisse', baselineValue: 24.7, baselineDate: '2020', targetValue: 18, targetDate: '2030', frequency: 'annuelle',
  measurements: [],
};
const m = (date: string, value: number, scope: 'qpv' | 'reference' = 'qpv') => ({ date, value, scope });

describe('the status rule', () => {
  it('pas de données récentes: no QPV measurement at all (reference values do not count)', () => {
    expect(indicatorStatus({ ...base, measurements: [m('2025', 10, 'reference')] }, '2026-03-01')).toMatchObject({ status: 'pas-de-donnees', latest: null });
  });

  it('pas de données récentes: the latest is older than its frequency allows, and each frequency has its own window', () => {
    // « 2024 » ends on 2024-12-31; annual data stays recent 18 months: until 2026-06-30.
    expect(indicatorStatus({ ...base, measurements: [m('2024', 20)] }, '2026-06-30').status).not.toBe('pas-de-donnees');
    expect(indicatorStatus({ ...base, measurements: [m('2024', 20)] }, '2026-07-02').status).toBe('pas-de-donnees');
    expect(indicatorStatus({ ...base, frequency: null, measurements: [m('2024', 20)] }, '2026-07-02').status).toBe('pas-de-donnees');
    expect(indicatorStatus({ ...base, frequency: 'mensuelle', measurements: [m('2026-01', 20)] }, '2026-03-30').status).not.toBe('pas-de-donnees');
    expect(indicatorStatus({ ...base, frequency: 'mensuelle', measurements: [m('2026-01', 20)] }, '2026-04-02').status).toBe('pas-de-donnees');
    expect(indicatorStatus({ ...base, frequency: 'trimestrielle', measurements: [m('2025-12-31', 20)] }, '2026-06-02').status).toBe('pas-de-donnees');
    expect(indicatorStatus({ ...base, frequency: 'semestrielle', measurements: [m('2025-12-31', 20)] }, '2026-09-30').status).not.toBe('pas-de-donnees');
    expect(indicatorStatus({ ...base, frequency: 'semestrielle', measurements: [m('2025-12-31', 20)] }, '2026-10-01').status).toBe('pas-de-donnees');
  });

  it('non évaluable: no direction, no target, or no starting point', () => {
    expect(indicatorStatus({ ...base, direction: null, measurements: [m('2025', 20)] }, '2026-01-15').status).toBe('non-evaluable');
    expect(indicatorStatus({ ...base, targetValue: null, measurements: [m('2025', 20)] }, '2026-01-15').status).toBe('non-evaluable');
    expect(indicatorStatus({ ...base, baselineValue: null, measurements: [m('2025', 20)] }, '2026-01-15').status).toBe('non-evaluable');
  });

  it('atteint: the target is reached in the direction of progress (both directions)', () => {
    expect(indicatorStatus({ ...base, measurements: [m('2025', 17.5)] }, '2026-01-15')).toMatchObject({ status: 'atteint', latest: { date: '2025', value: 17.5 } });
    expect(indicatorStatus({ ...base, direction: 'hausse', baselineValue: 40, targetValue: 50, measurements: [m('2025', 50)] }, '2026-01-15').status).toBe('atteint');
  });

  it('en retard: the deadline has passed without the target', () => {
    expect(indicatorStatus({ ...base, targetDate: '2025-06', frequency: 'mensuelle', measurements: [m('2025-12', 19)] }, '2026-01-15').status).toBe('en-retard');
  });

  it('en bonne voie / en retard: against the straight line from the baseline to the target at its deadline', () => {
    // From 24.7 (end 2020) to 18 (end 2030): at end 2025, half the way → 21.35 expected.
    expect(indicatorStatus({ ...base, measurements: [m('2025', 21)] }, '2026-01-15').status).toBe('en-bonne-voie');
    expect(indicatorStatus({ ...base, measurements: [m('2025', 21.35)] }, '2026-01-15').status).toBe('en-bonne-voie');
    const late = indicatorStatus({ ...base, measurements: [m('2025', 23)] }, '2026-01-15');
    expect(late.status).toBe('en-retard');
    expect(late.reason).toMatch(/en deçà de la valeur attendue à cette date \(21,35\)/);
    // The latest by date decides, whatever the order of entry.
    expect(indicatorStatus({ ...base, measurements: [m('2025', 23), m('2023', 20)] }, '2026-01-15').status).toBe('en-retard');
  });

  it('without a baseline, the first measurement is the starting point; without a deadline, the direction decides', () => {
    const noBase = { ...base, baselineValue: null, baselineDate: null };
    expect(indicatorStatus({ ...noBase, measurements: [m('2021', 24), m('2025', 20)] }, '2026-01-15').status).toBe('en-bonne-voie');
    // 24 → 22 in 4 of the 9 years to the deadline: a third of the way where 4/9 was expected.
    expect(indicatorStatus({ ...noBase, measurements: [m('2021', 24), m('2025', 22)] }, '2026-01-15').status).toBe('en-retard');
    expect(indicatorStatus({ ...noBase, measurements: [m('2021', 24), m('2025', 26)] }, '2026-01-15').status).toBe('en-retard');
    const noDate = { ...base, targetDate: null };
    expect(indicatorStatus({ ...noDate, measurements: [m('2025', 22)] }, '2026-01-15').status).toBe('en-bonne-voie');
    expect(indicatorStatus({ ...noDate, measurements: [m('2025', 25)] }, '2026-01-15').status).toBe('en-retard');
  });

  it('has a French text for the user, naming every status', () => {
    const text = STATUS_RULE_TEXT.join(' ');
    for (const w of ['Pas de données récentes', 'Non évaluable', 'Atteint', 'En bonne voie', 'En retard', '18 mois']) expect(text).toContain(w);
  });
});
