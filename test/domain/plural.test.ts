// French plurals by Intl.PluralRules: the singular for 0, 1 and 1,5; the plural from 2 (and for a million).
import { describe, expect, it } from 'vitest';
import { countOf, nounFor } from '../../core/domain/plural';

describe('French plurals', () => {
  it('agree the noun the French way', () => {
    expect([0, 1, 1.5, 2, 12, 1_000_000].map((n) => nounFor(n, 'élément'))).toEqual(['élément', 'élément', 'élément', 'éléments', 'éléments', 'éléments']);
    expect(nounFor(3, 'journal', 'journaux')).toBe('journaux');
    expect(countOf(1, 'modification plus ancienne', 'modifications plus anciennes')).toBe('1\u00a0modification plus ancienne');
    expect(countOf(1234, 'élément')).toBe('1\u202f234\u00a0éléments');
    expect(countOf(10110, 'élément', undefined, { grouping: false })).toBe('10110\u00a0éléments');
  });
});
