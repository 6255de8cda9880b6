// The one date rule (core/domain/dates.ts), as the UI, the API contract and the interchange format see it.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ISO_DATE_MESSAGE,
  ISO_DATE_REASONS,
  ISO_DATE_YEAR_MAX,
  ISO_DATE_YEAR_MIN,
  daysInMonth,
  isLeapYear,
  isValidIsoDate,
  isoDateError,
  isoDateProblem,
  isoDateSchema,
} from '../../core/domain/dates';
import { buildJsonSchema } from '../../core/format/json-schema';
import { isIsoDate, parseTrameDocument } from '../../core/format/schema';

const VALID = [
  '2026', '2026-06', '2026-12-31', '2026-01-01',
  '2024-02-29', // leap year
  '2000-02-29', // divisible by 400: leap
  '1900', '1900-01-01', '1900-02-28', // lower bound
  '2100', '2100-12-31', '2100-02-28', // upper bound
  '2026-04-30', '2026-06-30', '2026-09-30', '2026-11-30', // 30-day months, last day
  '2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31', '2026-10-31', '2026-12-31',
];

const INVALID: [string, 'format' | 'year' | 'calendar'][] = [
  ['2026-02-30', 'calendar'],
  ['2025-02-29', 'calendar'], // not a leap year
  ['1900-02-29', 'calendar'], // divisible by 100, not by 400
  ['2100-02-29', 'calendar'],
  ['2026-04-31', 'calendar'], ['2026-06-31', 'calendar'], ['2026-09-31', 'calendar'], ['2026-11-31', 'calendar'],
  ['2026-00', 'format'], ['2026-13', 'format'], ['2026-00-10', 'format'], ['2026-13-01', 'format'],
  ['2026-01-00', 'format'], ['2026-01-32', 'format'],
  ['2026-2-3', 'format'], ['2026-02-3', 'format'], ['2026-2', 'format'], ['26', 'format'], ['202', 'format'],
  ['20266', 'format'], ['+2026', 'format'], ['-2026', 'format'],
  [' 2026', 'format'], ['2026 ', 'format'], ['2026\n', 'format'], ['\t2026-06', 'format'], ['', 'format'], [' ', 'format'],
  ['2026/12/31', 'format'], ['31/12/2026', 'format'], ['2026-12-31T00:00', 'format'], ['2026-12-31Z', 'format'],
  ['2026-W05', 'format'], ['2026-123', 'format'], ['fin 2030', 'format'], ['２０２６', 'format'], // full-width digits
  ['0000', 'year'], ['0001-01-01', 'year'], ['1899', 'year'], ['1899-12-31', 'year'], ['2101', 'year'], ['2101-01-01', 'year'], ['9999', 'year'],
];

describe('isValidIsoDate', () => {
  it('accepts AAAA, AAAA-MM and real calendar days AAAA-MM-JJ from 1900 to 2100', () => {
    for (const s of VALID) expect(isValidIsoDate(s), s).toBe(true);
  });

  it('refuses impossible days, months 00/13, days 00/32, short forms, whitespace and years out of range', () => {
    for (const [s] of INVALID) expect(isValidIsoDate(s), JSON.stringify(s)).toBe(false);
  });

  it('refuses what is not a string without throwing (a caller in plain JavaScript)', () => {
    for (const v of [null, undefined, 2026, {}, ['2026']]) expect(isValidIsoDate(v as unknown as string)).toBe(false);
  });

  it('every day of 1900–2100 agrees with the Date object (proleptic Gregorian calendar)', () => {
    let checked = 0;
    for (let y = ISO_DATE_YEAR_MIN; y <= ISO_DATE_YEAR_MAX; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 28; d <= 31; d++) {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const date = new Date(Date.UTC(y, m - 1, d));
          const real = date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
          expect(isValidIsoDate(s), s).toBe(real);
          checked++;
        }
      }
    }
    expect(checked).toBe((ISO_DATE_YEAR_MAX - ISO_DATE_YEAR_MIN + 1) * 12 * 4);
  });

  it('the year bounds are exact', () => {
    expect(isValidIsoDate(String(ISO_DATE_YEAR_MIN))).toBe(true);
    expect(isValidIsoDate(String(ISO_DATE_YEAR_MIN - 1))).toBe(false);
    expect(isValidIsoDate(String(ISO_DATE_YEAR_MAX))).toBe(true);
    expect(isValidIsoDate(String(ISO_DATE_YEAR_MAX + 1))).toBe(false);
  });

  it('leap years and month lengths', () => {
    expect([1996, 2000, 2024, 2096].every(isLeapYear)).toBe(true);
    expect([1900, 2025, 2026, 2100].some(isLeapYear)).toBe(false);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect([1, 3, 5, 7, 8, 10, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 31, 31, 31, 31, 31, 31]);
    expect([4, 6, 9, 11].map((m) => daysInMonth(2026, m))).toEqual([30, 30, 30, 30]);
  });

  it('is the rule the format has always exported as isIsoDate', () => {
    for (const s of [...VALID, ...INVALID.map(([s]) => s)]) expect(isIsoDate(s), s).toBe(isValidIsoDate(s));
  });
});

describe('French messages', () => {
  it('isoDateProblem says which rule is broken, and the month length for an impossible day', () => {
    for (const [s, kind] of INVALID) {
      const problem = isoDateProblem(s);
      expect(problem, s).not.toBeNull();
      expect(problem!.startsWith(ISO_DATE_REASONS[kind]), `${JSON.stringify(s)} → ${problem}`).toBe(true);
    }
    for (const s of VALID) expect(isoDateProblem(s), s).toBeNull();
    expect(isoDateProblem('2026-02-30')).toBe("cette date n'existe pas dans le calendrier : février 2026 n'a que 28 jours");
    expect(isoDateProblem('2025-02-29')).toBe("cette date n'existe pas dans le calendrier : février 2025 n'a que 28 jours");
    expect(isoDateProblem('2026-04-31')).toBe("cette date n'existe pas dans le calendrier : avril 2026 n'a que 30 jours");
    expect(isoDateProblem('1899')).toBe('année hors de la plage acceptée (de 1900 à 2100)');
  });

  it('isoDateError gives one sentence for a form field (the UI tests look for « Date attendue : AAAA »)', () => {
    expect(isoDateError('2030')).toBeNull();
    expect(isoDateError('fin 2030')).toMatch(/^Date attendue : AAAA, AAAA-MM ou AAAA-MM-JJ .*\.$/);
    expect(isoDateError('2026-02-30')).toBe("Cette date n'existe pas dans le calendrier : février 2026 n'a que 28 jours.");
    expect(isoDateError('2200')).toBe('Année hors de la plage acceptée (de 1900 à 2100).');
    expect(ISO_DATE_MESSAGE).toMatch(/^Date attendue : AAAA, AAAA-MM ou AAAA-MM-JJ .*1900 à 2100\.$/);
  });
});

describe('isoDateSchema (zod), for the API contract and the format', () => {
  it('accepts and refuses exactly what isValidIsoDate does', () => {
    for (const s of [...VALID, ...INVALID.map(([s]) => s)]) {
      expect(isoDateSchema.safeParse(s).success, JSON.stringify(s)).toBe(isValidIsoDate(s));
    }
    expect(isoDateSchema.safeParse(2026).success).toBe(false);
  });

  it('gives one issue with the French reason, at the field path, when nested', () => {
    const schema = z.strictObject({ due: isoDateSchema.nullable().optional() });
    expect(schema.parse({ due: null })).toEqual({ due: null });
    expect(schema.parse({})).toEqual({});
    for (const [s, kind] of INVALID.filter(([s]) => typeof s === 'string')) {
      const r = schema.safeParse({ due: s });
      expect(r.success, s).toBe(false);
      expect(r.error!.issues, s).toHaveLength(1);
      expect(r.error!.issues[0].path).toEqual(['due']);
      expect(r.error!.issues[0].message.startsWith(ISO_DATE_REASONS[kind]), `${s} → ${r.error!.issues[0].message}`).toBe(true);
    }
  });
});

describe('the format applies the same rule', () => {
  const doc = (due: string) => ({
    format: 'trame',
    version: 1,
    contrat: { name: 'C', epci: 'E' },
    tree: [],
    partners: [{ id: 'p', name: 'P' }],
    commitments: [{ partner: 'p', text: 'T', due }],
  });

  it('accepts a valid date and refuses each kind of invalid one with its reason and JSON path', () => {
    expect(parseTrameDocument(doc('2024-02-29')).commitments![0].due).toBe('2024-02-29');
    const cases: [string, string][] = [
      ['2026-02-30', "commitments[0].due : cette date n'existe pas dans le calendrier : février 2026 n'a que 28 jours"],
      ['1899-12-31', 'commitments[0].due : année hors de la plage acceptée (de 1900 à 2100)'],
      ['2026-2-3', `commitments[0].due : ${ISO_DATE_REASONS.format}`],
    ];
    for (const [due, line] of cases) {
      let details: readonly string[] | undefined;
      try {
        parseTrameDocument(doc(due));
      } catch (err) {
        details = (err as { details?: string[] }).details;
      }
      expect(details, due).toEqual([line]);
    }
  });

  it('the published JSON Schema states the shape and the year range as patterns (ajv), the calendar is left to Trame', async () => {
    const Ajv2020: any = (await import('ajv/dist/2020')).default;
    const validate = new Ajv2020({ strict: false }).compile(buildJsonSchema());
    for (const [s, kind] of INVALID) expect(validate(doc(s)), s).toBe(kind === 'calendar');
    for (const s of VALID) expect(validate(doc(s)), s).toBe(true);
  });
});
