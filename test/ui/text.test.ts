// French counts (« 1 élément », never « 1 éléments »), the screen in the address, and the Alt+digit shortcuts:
// the renderer's pure helpers, checked without a browser.
import { describe, expect, it } from 'vitest';
import { countOf, nounFor } from '../../renderer/lib/text';
import { formatItems, formatSize } from '../../renderer/features/files/paths';
import { formatHash, parseHash } from '../../renderer/lib/route';
import { percentOf } from '../../renderer/lib/jobs';

const NBSP = '\u00a0';

describe('countOf: French agreement', () => {
  it('0 and 1 take the singular, 2 and more the plural', () => {
    expect(countOf(0, 'élément')).toBe(`0${NBSP}élément`);
    expect(countOf(1, 'élément')).toBe(`1${NBSP}élément`);
    expect(countOf(2, 'élément')).toBe(`2${NBSP}éléments`);
    expect(countOf(1, 'modification')).toBe(`1${NBSP}modification`);
    expect(countOf(4, 'annulée')).toBe(`4${NBSP}annulées`);
  });
  it('groups the digits the French way, or not when asked', () => {
    expect(countOf(10_110, 'élément')).toBe(`10\u202f110${NBSP}éléments`);
    expect(countOf(10_110, 'élément', undefined, { grouping: false })).toBe(`10110${NBSP}éléments`);
  });
  it('takes an irregular plural', () => {
    expect(countOf(1, 'journal', 'journaux')).toBe(`1${NBSP}journal`);
    expect(countOf(3, 'journal', 'journaux')).toBe(`3${NBSP}journaux`);
    expect(nounFor(1, 'élément')).toBe('élément');
    expect(nounFor(2, 'élément')).toBe('éléments');
  });
  it('is what the backups list and file sizes use', () => {
    expect(formatItems(1)).toBe(`1${NBSP}élément`);
    expect(formatItems(0)).toBe(`0${NBSP}élément`);
    expect(formatItems(2)).toBe(`2${NBSP}éléments`);
    expect(formatSize(1)).toBe(`1${NBSP}octet`);
    expect(formatSize(512)).toBe(`512${NBSP}octets`);
  });
});

describe('address of a screen', () => {
  it('keeps the screen in the address, and the tree as the default', () => {
    const h = formatHash({ name: 'contrat', path: '/tmp/a b/é.trame', sel: 'x1', screen: 'journal' });
    expect(h).toContain('vue=journal');
    expect(parseHash(h)).toEqual({ name: 'contrat', path: '/tmp/a b/é.trame', sel: 'x1', screen: 'journal' });
    const plain = parseHash(formatHash({ name: 'contrat', path: '/tmp/c.trame', sel: null }));
    expect(plain).toEqual({ name: 'contrat', path: '/tmp/c.trame', sel: null });
    expect('screen' in plain).toBe(false);
  });
});

describe('job progress', () => {
  it('a percentage once the total is known, none before', () => {
    expect(percentOf({ progress: { done: 0, total: null, label: 'Démarrage…' } })).toBeNull();
    expect(percentOf({ progress: { done: 5055, total: 10110, label: '' } })).toBe(50);
    expect(percentOf({ progress: { done: 10110, total: 10110, label: '' } })).toBe(100);
    expect(percentOf({ progress: { done: 12, total: 10, label: '' } })).toBe(100);
  });
});
