// The French way of writing amounts, dates, statuses and headers, read as the import reads them.
import { describe, expect, it } from 'vitest';
import { guessMapping, partnerKey } from '../../../core/features/spreadsheet/model/roles';
import { readAmount, readDate, readStatus, readTag, splitNames, unneutralise, neutralise } from '../../../core/features/spreadsheet/model/values';

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }) => (r.ok ? r.value : `refusé : ${r.reason}`);

describe('French cells', () => {
  it('amounts', () => {
    expect(['12 000 €', '12\u202f000 €', '12 000,50', '12k€', '12 k€', '1,5 M€', '12.000', '12000 euros', '8500'].map((s) => value(readAmount(s)))).toEqual([12000, 12000, 12000.5, 12000, 12000, 1500000, 12000, 12000, 8500]);
    expect(value(readAmount(8500.25))).toBe(8500.25);
    for (const bad of ['environ 10 000', '10 000 ?', '-5', 'NC', '1,2,3']) expect(readAmount(bad).ok, bad).toBe(false);
    expect(value(readAmount('environ 10 000'))).toBe("refusé : « environ 10 000 » n'est pas un montant : écrivez un nombre d'euros, par exemple 12 000 €, 12 000,50 ou 12k€");
  });

  it('dates', () => {
    expect(['30/06/2026', 'juin 2026', '2026', 'S1 2026', 's2 2026', 'T3 2026', 'T1-2027', '1er juillet 2026'].map((s) => value(readDate(s)))).toEqual([
      '2026-06-30', '2026-06', '2026', '2026-06', '2026-12', '2026-09', '2027-03', '2026-07-01',
    ]);
    expect(value(readDate({ date: '2026-12-15' }))).toBe('2026-12-15');
    expect(value(readDate(2027))).toBe('2027');
    for (const bad of ["fin d'année", 'T5 2026', '31/02/2026', 'bientôt']) expect(readDate(bad).ok, bad).toBe(false);
  });

  it('statuses and decisions by their labels', () => {
    expect(['En cours', 'en cours', 'Réalisé', 'Proposé', 'acté', 'Abandonnée'].map((s) => value(readStatus(s)))).toEqual(['en-cours', 'en-cours', 'tenu', 'propose', 'acte', 'abandonne']);
    expect(['À garder', 'garder', 'A repenser', 'À mettre en veille', 'Supprimer'].map((s) => value(readTag(s)))).toEqual(['garder', 'garder', 'repenser', 'mettre-en-veille', 'jeter']);
    expect(readStatus('peut-être').ok).toBe(false);
  });

  it('two partners in a cell; names compared without accents, case, spaces', () => {
    expect(splitNames('France Travail, Mission locale')).toEqual(['France Travail', 'Mission locale']);
    expect(splitNames('France Travail ; Mission locale / PLIE')).toEqual(['France Travail', 'Mission locale', 'PLIE']);
    expect(splitNames("Chambre de commerce et d'industrie")).toEqual(["Chambre de commerce et d'industrie"]);
    expect(partnerKey('  FRANCE   travail ')).toBe(partnerKey('France Travail'));
    expect(partnerKey('Région Île-de-France')).toBe(partnerKey('region ile de france'));
  });

  it('the mapping guessed from French headers', () => {
    expect(guessMapping(['Axe', 'Objectif stratégique', 'Objectif opérationnel', 'Fiche action', 'Indicateur', 'Valeur de référence', 'Cible', 'Porteur', 'Partenaires', 'Financeur', 'Crédits politique de la ville', 'Droit commun', 'Calendrier', 'Statut', 'Décision', 'Motif', 'Commentaire'])).toEqual([
      'enjeu', 'objectif', 'ignorer', 'action', 'indicateur', 'reference', 'cible', 'pilote', 'partenaires', 'financeur', 'credits-pv', 'droit-commun', 'echeance', 'statut', 'decision', 'motif', 'ignorer',
    ]);
    // With no Axe/Enjeu column, « Objectif stratégique » is the top level.
    expect(guessMapping(['Orientation', 'Action', 'Montant']).slice(0, 2)).toEqual(['enjeu', 'action']);
    expect(guessMapping(['Objectif stratégique', 'Objectif opérationnel', 'Action']).slice(0, 3)).toEqual(['enjeu', 'objectif', 'action']);
  });

  it('text a spreadsheet would run gets an apostrophe, removed on reading back', () => {
    for (const s of ['=1+1', '+33', '-x', '@a', '\tx']) expect(unneutralise(neutralise(s))).toBe(s);
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('Action')).toBe('Action');
  });
});
