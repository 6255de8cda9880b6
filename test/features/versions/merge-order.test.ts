// The order of the frozen versions after a merge (issue 19), pure: each side's own order kept, the versions frozen on
// each side after they parted interleaved by freeze time then id, the same list whichever side merges the other
// (random histories), and the plan's numbers and notes: both copies froze a version n° 2, one of them is renumbered.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mergedVersionOrder, planVersionMerge, type FrozenVersionRow } from '../../../core/features/versions/merge-versions';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
/** A version whose stored parts check each other (integrity.ts): a content, its hash, a « PDF » carrying it. */
const v = (id: string, number: number, at: string): FrozenVersionRow => {
  const content = JSON.stringify({ id });
  const pdf = new TextEncoder().encode(`%PDF-1.7 empreinte-sha256:${sha(content)}`);
  return {
    id, number, frozen_at: at, frozen_by: 'Camille', frozen_by_id: null, content_json: content, content_sha256: sha(content),
    pdf, pdf_sha256: sha(pdf), blocks_json: '[]', signatories_total: 0, signatures: [],
  };
};
const ids = (xs: FrozenVersionRow[]) => xs.map((x) => x.id);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('the merged order of frozen versions', () => {
  it('interleaves what each side froze after the shared ones, by freeze time then id', () => {
    const shared = [v('p1', 1, '2026-01-10T10:00:00.000Z')];
    const mine = [...shared, v('m2', 2, '2026-03-01T09:00:00.000Z'), v('m3', 3, '2026-05-01T09:00:00.000Z')];
    const theirs = [...shared, v('t2', 2, '2026-04-01T09:00:00.000Z'), v('a-same-time', 3, '2026-05-01T09:00:00.000Z')];
    expect(ids(mergedVersionOrder(mine, theirs))).toEqual(['p1', 'm2', 't2', 'a-same-time', 'm3']);
    expect(ids(mergedVersionOrder(theirs, mine))).toEqual(['p1', 'm2', 't2', 'a-same-time', 'm3']);
  });

  it('keeps each side’s own order even when a clock went back, and a version both hold after what either froze before it', () => {
    // Mine froze m2 with a clock late by a day, then took theirs' t2 in a merge; theirs froze t3 after.
    const mine = [v('p1', 1, '2026-01-10T10:00:00.000Z'), v('m2', 2, '2026-02-01T00:00:00.000Z'), v('t2', 3, '2026-01-20T00:00:00.000Z')];
    const theirs = [v('p1', 1, '2026-01-10T10:00:00.000Z'), v('t2', 2, '2026-01-20T00:00:00.000Z'), v('t3', 3, '2026-01-25T00:00:00.000Z')];
    expect(ids(mergedVersionOrder(mine, theirs))).toEqual(['p1', 'm2', 't2', 't3']);
    expect(ids(mergedVersionOrder(theirs, mine))).toEqual(['p1', 'm2', 't2', 't3']);
  });

  it('is the same list whichever side merges the other, none lost, none twice (random histories)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const shared = Array.from({ length: Math.floor(r() * 3) }, (_, i) => v(`p${i}`, i + 1, `2026-01-0${i + 1}T00:00:00.000Z`));
      const side = (p: string) => {
        const own = Array.from({ length: Math.floor(r() * 4) }, (_, i) => v(`${p}${i}`, shared.length + i + 1, `2026-02-${String(1 + Math.floor(r() * 5)).padStart(2, '0')}T00:00:00.000Z`));
        own.sort((a, b) => (a.frozen_at < b.frozen_at ? -1 : a.frozen_at > b.frozen_at ? 1 : 0));
        return [...shared, ...own].map((x, i) => ({ ...x, number: i + 1 }));
      };
      const mine = side('m');
      const theirs = side('t');
      const ab = ids(mergedVersionOrder(mine, theirs));
      expect(ab, `seed ${seed}`).toEqual(ids(mergedVersionOrder(theirs, mine)));
      expect(new Set(ab).size).toBe(ab.length);
      expect(new Set(ab)).toEqual(new Set([...ids(mine), ...ids(theirs)]));
      // Each side's own order is kept.
      for (const s of [mine, theirs]) expect(ab.filter((x) => s.some((y) => y.id === x))).toEqual(ids(s));
    }
  });

  it('plans the numbers and says, in French, which version changes its number and why', () => {
    const shared = v('p1', 1, '2026-01-10T10:00:00.000Z');
    const mine = [shared, { ...v('m2', 2, '2026-04-01T09:00:00.000Z'), frozen_by: 'Camille' }];
    const theirs = [shared, { ...v('t2', 2, '2026-03-01T09:00:00.000Z'), frozen_by: 'Dominique' }];
    const plan = planVersionMerge(mine, theirs, 'prefecture.trame');
    expect([...plan.numbers]).toEqual([['p1', 1], ['t2', 2], ['m2', 3]]);
    expect(plan.renumber).toEqual([{ id: 'm2', from: 2, to: 3 }]);
    expect(plan.bring.map((x) => [x.id, x.number])).toEqual([['t2', 2]]);
    expect(plan.notes).toEqual([
      '« Avenant n° 1 » (figé par Dominique le 01/03/2026) est reprise de « prefecture.trame » avec son PDF.',
      'Votre « Avenant n° 1 » (figé par Camille le 01/04/2026) devient la version 3 (« Avenant n° 2 ») : les deux copies ont figé une version n° 2 ; son PDF et ses signatures restent tels quels.',
    ]);
    // A version the other copy holds altered is not brought, and the note says why.
    const altered = planVersionMerge(mine, [shared, { ...theirs[1], content_json: '{"id":"autre"}' }], 'prefecture.trame');
    expect(altered.bring).toEqual([]);
    expect(altered.notes).toEqual(['« Avenant n° 1 » de « prefecture.trame » (figé par Dominique le 01/03/2026) n’est pas reprise : elle est altérée dans ce fichier (le contenu figé ne correspond plus à son empreinte).']);
    // Merged again: nothing to do.
    const merged = [shared, { ...theirs[1], number: 2 }, { ...mine[1], number: 3 }];
    const again = planVersionMerge(merged, theirs, 'prefecture.trame');
    expect([again.renumber, again.bring, again.notes]).toEqual([[], [], []]);
  });

  it('signatures of a shared version: taken when only the other side signed, kept as mine with a note when both did', () => {
    const base = v('p1', 1, '2026-01-10T10:00:00.000Z');
    const sig = (id: string, position: number, name: string) => ({
      id, version_id: 'p1', position, signatory_id: null, signer_name: name, kind: 'drawn', signed_at: 'x', signed_by: 'x', pdf: new Uint8Array(), pdf_sha256: 'c'.repeat(64),
    });
    const mine = [{ ...base, signatures: [sig('s1', 1, 'Claire Morvan')] }];
    const theirs = [{ ...base, signatures: [sig('s1', 1, 'Claire Morvan'), sig('s2', 2, 'Jean-Marc Delattre')] }];
    const taken = planVersionMerge(mine, theirs, 'prefecture.trame');
    expect(taken.signatures.map((x) => x.id)).toEqual(['s2']);
    expect(taken.notes).toEqual(['« Protocole d’engagements » : 1 signature recueillie sur « prefecture.trame » est reprise.']);
    // The other way round, nothing to take: mine already extends theirs.
    expect(planVersionMerge(theirs, mine, 'epci.trame')).toMatchObject({ signatures: [], notes: [] });
    const both = planVersionMerge(mine, [{ ...base, signatures: [sig('s3', 1, 'Jean-Marc Delattre')] }], 'prefecture.trame');
    expect(both.signatures).toEqual([]);
    expect(both.notes).toEqual([
      '« Protocole d’engagements » a été signée de chaque côté après la séparation des copies : les signatures de « prefecture.trame » (Jean-Marc Delattre) ne peuvent pas prolonger le même PDF et ne sont pas reprises ; faites-les signer de nouveau sur le PDF de cette copie.',
    ]);
  });
});
