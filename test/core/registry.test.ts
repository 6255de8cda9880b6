// The registry: each feature declares its own channels; two features answering one name, a malformed name, a
// channel without a handler or a handler without a channel are refused when the app starts, not at the first call.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CHANNELS, JOB_TYPES, channels } from '../../core/api/contract';
import { channel, combineContracts, combineHandlers, defineContract } from '../../core/api/registry';
import { harness } from '../helpers/handlers';

const a = defineContract('a', { 'a.lire': channel<string>()(z.strictObject({})) });
const b = defineContract('b', { 'b.ecrire': channel<null>()(z.strictObject({ x: z.number() })) });

describe('registry', () => {
  it('combines the features into one table', () => {
    const all = combineContracts(a, b);
    expect(Object.keys(all).sort()).toEqual(['a.lire', 'b.ecrire']);
    expect(all['b.ecrire'].input.safeParse({ x: 1 }).success).toBe(true);
  });

  it('refuses a channel declared by two features, naming both', () => {
    const again = defineContract('autre', { 'a.lire': channel<number>()(z.strictObject({})) });
    expect(() => combineContracts(a, b, again)).toThrow(/« a\.lire » déclaré deux fois : par « a » et par « autre »/);
  });

  it('refuses a malformed channel name', () => {
    for (const name of ['lire', 'A.lire', 'a.', 'a..b', '__proto__.x', 'a.lire-tout']) {
      expect(() => defineContract('x', { [name]: channel<null>()(z.strictObject({})) }), name).toThrow(/nom mal formé/);
    }
  });

  it('refuses a handler twice, a handler outside the contract, and a channel without a handler', () => {
    const names = ['a.lire', 'b.ecrire'];
    const ok = combineHandlers<Record<string, unknown>>(names, { feature: 'a', handlers: { 'a.lire': () => 'x' } }, { feature: 'b', handlers: { 'b.ecrire': () => null } });
    expect(Object.keys(ok).sort()).toEqual(names);
    expect(() => combineHandlers(names, { feature: 'a', handlers: { 'a.lire': () => 1 } }, { feature: 'b', handlers: { 'a.lire': () => 2, 'b.ecrire': () => null } }))
      .toThrow(/deux gestionnaires/);
    expect(() => combineHandlers(names, { feature: 'a', handlers: { 'a.lire': () => 1, 'c.x': () => 1, 'b.ecrire': () => null } }))
      .toThrow(/n'est pas dans le contrat/);
    expect(() => combineHandlers(names, { feature: 'a', handlers: { 'a.lire': () => 1 } })).toThrow(/Canaux sans gestionnaire : b\.ecrire/);
  });

  it('the app answers every channel of the contract, and only those', () => {
    const h = harness();
    expect(Object.keys(h.set.handlers).sort()).toEqual([...CHANNELS].sort());
    expect(CHANNELS).toEqual(expect.arrayContaining(['tree.add', 'doc.inspect', 'job.start', 'job.status', 'job.cancel']));
    expect(JOB_TYPES.sort()).toEqual(['format.exportToFile', 'format.import', 'indicators.csvPreview', 'protocole.export', 'signing.verifyFile', 'spreadsheet.create', 'spreadsheet.export', 'spreadsheet.preview', 'versions.freeze', 'versions.signPades']);
    // Jobs are started through job.start: their types are not channels of their own.
    for (const t of JOB_TYPES) expect(Object.prototype.hasOwnProperty.call(channels, t)).toBe(false);
  });
});
