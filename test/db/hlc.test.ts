import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, parseHlc, receiveHlc, tickHlc } from '../../core/domain/hlc';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('hybrid logical clock', () => {
  it('follows the wall clock when it moves forward', () => {
    const t1 = tickHlc(null, 1000, A);
    expect(t1).toEqual({ ms: 1000, counter: 0, node: A });
    expect(tickHlc(t1, 2000, A)).toEqual({ ms: 2000, counter: 0, node: A });
  });

  it('never goes backwards when the wall clock does, and strings sort as the times', () => {
    let last = tickHlc(null, 5000, A);
    const seen = [formatHlc(last)];
    for (const wall of [5000, 4000, 100, 5000, 4999, 6000, 6000, 1]) {
      last = tickHlc(last, wall, A);
      seen.push(formatHlc(last));
    }
    for (let i = 1; i < seen.length; i++) expect(compareHlc(seen[i - 1], seen[i])).toBe(-1);
    expect([...seen].reverse().sort()).toEqual(seen);
    expect(parseHlc(seen[2])).toEqual({ ms: 5000, counter: 2, node: A });
    expect(parseHlc(seen[seen.length - 1])).toEqual({ ms: 6000, counter: 2, node: A });
  });

  it('accepts its string form as the last time, and moves to the next millisecond past the last counter', () => {
    const full = formatHlc({ ms: 7, counter: 999_999, node: A });
    expect(tickHlc(full, 3, A)).toEqual({ ms: 8, counter: 0, node: A });
    expect(compareHlc(full, formatHlc(tickHlc(full, 3, A)))).toBe(-1);
  });

  it('a received time moves the local clock past it; the replica id breaks ties', () => {
    const local = tickHlc(null, 1000, A);
    const remote = { ms: 9000, counter: 4, node: B };
    const r = receiveHlc(local, remote, 1500, A);
    expect(r).toEqual({ ms: 9000, counter: 5, node: A });
    expect(receiveHlc(r, { ms: 9000, counter: 9, node: B }, 0, A)).toEqual({ ms: 9000, counter: 10, node: A });
    expect(receiveHlc(null, remote, 20_000, A)).toEqual({ ms: 20_000, counter: 0, node: A });
    expect(compareHlc(formatHlc({ ms: 1, counter: 0, node: A }), formatHlc({ ms: 1, counter: 0, node: B }))).toBe(-1);
  });

  it('refuses what is not a time', () => {
    expect(() => parseHlc('2026-01-01')).toThrow(/illisible/);
    expect(() => formatHlc({ ms: -1, counter: 0, node: A })).toThrow(RangeError);
    expect(() => formatHlc({ ms: 1, counter: 0, node: '' })).toThrow(RangeError);
  });
});
