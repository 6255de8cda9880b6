// The usual partners offered in one click on « Partenaires »: one already in the contrat, under the name the contrat
// gives it, is not offered again.
import { describe, expect, it } from 'vitest';
import { missingUsualPartners, USUAL_PARTNERS } from '../../../core/domain/commitments';

const missing = (names: string[]) => missingUsualPartners(names).map((u) => u.name);

describe('missingUsualPartners', () => {
  it('offers all of them to a contrat without partners, none once each was added by its own button', () => {
    expect(missing([])).toEqual(USUAL_PARTNERS.map((u) => u.name));
    expect(missing(USUAL_PARTNERS.map((u) => u.name))).toEqual([]);
  });

  it('recognises the names a contrat gives them (the demo contrat’s), by whole words, without accents or case', () => {
    const left = missing([
      'Préfecture — délégué du préfet',
      "Communauté d'agglomération du Val de Trame",
      'France Travail — agence de Vaudrecourt',
      'Mission locale du Val de Trame',
      'Région (conseil régional)',
      'Département (conseil départemental)',
      "Caisse d'allocations familiales (CAF)",
      'EPIDE — centre de Vaudrecourt',
      'École de la 2e chance du Val de Trame',
      'maison de l’emploi du val',
    ]);
    for (const gone of ['Préfecture — délégué du préfet', 'EPCI', 'France Travail', 'Mission locale', 'Région', 'Département', 'CAF', 'EPIDE', 'E2C — École de la deuxième chance', "Maison de l'emploi"]) {
      expect(left).not.toContain(gone);
    }
    expect(left).toEqual(['DDETS', 'Éducation nationale', 'Commune', 'Cap emploi', 'AFPA', 'Entreprises du PaQte', 'Banque des Territoires', 'Bpifrance']);
  });

  it('is not fooled by a word inside another or a name further in', () => {
    // « Communauté » is not « Commune »; « capitale » is not « Cap emploi »; a region named after the partner is not it.
    expect(missing(['Communauté de communes du Pays', 'Association Capitale emploi', 'Club des entreprises de la Région'])).toEqual(
      expect.arrayContaining(['Commune', 'Cap emploi', 'Région']),
    );
  });
});
