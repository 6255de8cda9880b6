// The national library of indicators that ships with Trame: the indicators and targets the seed documents name
// (shared/DOMAIN.md). Each entry cites its text and the exact passage it comes from (checked against the seeds by
// test/features/indicators/library.test.ts). Adding one to a contrat copies it; the copy remembers its entry id.
import type { Frequency, IndicatorKind } from './status';

export interface LibraryEntry {
  id: string;
  family: 'circulaire-2019' | 'civ-2023' | 'convention-2016' | 'programme-147';
  title: string;
  unit: string;
  direction: 'hausse' | 'baisse';
  kind: IndicatorKind;
  frequency: Frequency;
  /** The national target, when the text gives one. */
  target: { value: number; date?: string } | null;
  /** The starting point the text gives, if any. */
  baseline: { value: number; date?: string } | null;
  /** The text it comes from, as a user cites it. */
  source: string;
  /** The seed file (shared/seeds/) and the passages of it that state the indicator and its target. */
  seed: string;
  passages: string[];
  /** When the target is read from the text rather than written as a number in it: how. */
  targetDerived?: string;
}

export const LIBRARY_FAMILIES: Record<LibraryEntry['family'], string> = {
  'circulaire-2019': 'Circulaire du 22 janvier 2019 (mesures 19 à 25)',
  'civ-2023': 'Comité interministériel des villes du 27 octobre 2023',
  'convention-2016': 'Convention interministérielle 2016-2020 (emploi)',
  'programme-147': 'Programme 147 (2019)',
};

const SEED_2019 = '001_6416adf2b6f214f9.txt';
const SEED_CIV = '000_06a28614803fec63.txt';
const CIRC = 'Circulaire du 22 janvier 2019, mesures emploi-insertion-formation (IREV, dossier ressources mai 2019, fiche 5)';
const CIV = 'CIV du 27 octobre 2023, objectifs emploi (ANCT, 2024)';
const CONV = 'Convention interministérielle 2016-2020 ministère de la Ville / ministère de l’Emploi / service public de l’emploi (IREV, fiche 7)';

type Base = Pick<LibraryEntry, 'family' | 'source' | 'seed'>;
const c19: Base = { family: 'circulaire-2019', source: CIRC, seed: SEED_2019 };
const civ: Base = { family: 'civ-2023', source: CIV, seed: SEED_CIV };
const conv: Base = { family: 'convention-2016', source: CONV, seed: SEED_2019 };
const common = { kind: 'resultat' as const, frequency: 'annuelle' as const, baseline: null };

export const LIBRARY: readonly LibraryEntry[] = [
  { ...c19, ...common, id: 'circ-2019-pic', title: 'Part des habitants des QPV bénéficiant du Plan d’investissement dans les compétences (PIC)', unit: '%', direction: 'hausse', target: null,
    passages: ['Nombre et part des habitants des QPV bénéficiant du Plan d’investissement dans les compétences (PIC)'] },
  { ...c19, ...common, id: 'circ-2019-garantie-jeunes', title: 'Part des jeunes en Garantie jeunes résidant en QPV', unit: '%', direction: 'hausse', target: { value: 20 },
    passages: ['Nombre et part de jeunes en Garantie Jeunes résidant en QPV (cible : 20%)'] },
  { ...c19, ...common, id: 'circ-2019-e2c', title: 'Part des jeunes en École de la deuxième chance (E2C) résidant en QPV', unit: '%', direction: 'hausse', target: { value: 40 },
    passages: ['Nombre et part de jeunes en E2C résidant en QPV (cible : 40%)'] },
  { ...c19, ...common, id: 'circ-2019-epide', title: 'Part des jeunes à l’EPIDE résidant en QPV', unit: '%', direction: 'hausse', target: { value: 50, date: '2021' },
    passages: ['Nombre et part de jeunes en Epide résidant en QPV (cible : 50% en 2021)'] },
  { ...c19, ...common, kind: 'realisation', id: 'circ-2019-emplois-francs', title: 'Nombre d’emplois francs', unit: 'nombre', direction: 'hausse', target: null,
    passages: ['Nombre d’emplois francs', 'Déployer les emplois francs en direction des demandeurs d’emploi résidant dans les quartiers'] },
  { ...c19, ...common, kind: 'realisation', id: 'circ-2019-entrepreneurs', title: 'Nombre d’entrepreneurs des QPV accompagnés', unit: 'nombre', direction: 'hausse', target: null,
    passages: ['Nombre d’entrepreneurs des QPV accompagnés'] },
  { ...c19, ...common, kind: 'realisation', id: 'circ-2019-cordees', title: 'Nombre de jeunes des QPV bénéficiaires des Cordées de la réussite', unit: 'nombre', direction: 'hausse',
    baseline: { value: 50000 }, target: { value: 80000 },
    passages: ['Nombre de jeunes des QPV bénéficiaires de cordées de la réussite (passer de 50 à 80 000)'] },
  { ...c19, ...common, kind: 'realisation', id: 'circ-2019-parrainage', title: 'Nombre de jeunes parrainés', unit: 'nombre', direction: 'hausse',
    baseline: { value: 10000 }, target: { value: 20000 },
    passages: ['Nombre de jeunes parrainés (passer de 10 à 20 000)'] },
  { ...c19, ...common, id: 'circ-2019-clauses-heures', title: 'Part des heures travaillées dans le cadre des clauses sociales en faveur des habitants des QPV', unit: '%', direction: 'hausse', target: null,
    passages: ['Pourcentage des heures travaillées dans le cadre des clauses, dont en faveur des habitants des QPV'] },
  { ...c19, ...common, id: 'circ-2019-clauses-beneficiaires', title: 'Part des bénéficiaires des clauses sociales résidant en QPV', unit: '%', direction: 'hausse', target: null,
    passages: ['Nombre et part de bénéficiaires des clauses en QPV parmi l’ensemble des bénéficiaires'] },
  { ...c19, ...common, kind: 'realisation', id: 'circ-2019-illettrisme', title: 'Nombre d’habitants des QPV détectés en situation d’illettrisme', unit: 'nombre', direction: 'hausse', target: null,
    passages: ['Nombre et part des habitants des QPV détectés en situation d’illettrisme'] },
  { ...c19, ...common, kind: 'realisation', id: 'circ-2019-cleavenir', title: 'Nombre de certifications Clé@venir validées en QPV', unit: 'nombre', direction: 'hausse', target: null,
    passages: ['Nombre de certifications Clé@venir validées en QPV'] },
  { ...c19, ...common, kind: 'realisation', id: 'circ-2019-e-illettrisme', title: 'Nombre de bénéficiaires d’actions « e-illettrisme » en QPV', unit: 'nombre', direction: 'hausse', target: null,
    passages: ['Nombre et part des bénéficiaires d’actions « e-illettrisme » en QPV'] },
  { ...c19, ...common, id: 'circ-2019-apprentis', title: 'Nombre d’apprentis issus des QPV', unit: 'nombre', direction: 'hausse', target: { value: 35000, date: '2022' },
    passages: ['Nombre d’apprentis issus des QPV', 'Doubler le nombre d’apprentis issus des quartiers pour le porter à 35 000 jeunes', 'nombre d’apprentis issus des QPV d’ici 2022'] },
  { ...civ, ...common, kind: 'realisation', id: 'civ-2023-aller-vers', title: 'Part des QPV dotés d’une action d’aller-vers (avec France Travail)', unit: '%', direction: 'hausse', target: { value: 100 },
    targetDerived: '« Dans chaque QPV » : 100 % des QPV du contrat.',
    passages: ['1 action d’aller-vers dans chaque QPV'] },
  { ...civ, ...common, id: 'civ-2023-apprentis', title: 'Nombre d’apprentis issus des QPV (objectif national du CIV)', unit: 'nombre', direction: 'hausse', target: { value: 80000 },
    passages: ['80 000 apprentis issus des QPV'] },
  { ...civ, ...common, id: 'civ-2023-epide', title: 'Part des volontaires de l’EPIDE issus des quartiers', unit: '%', direction: 'hausse', target: { value: 40 },
    passages: ['40% de volontaires Epide issus des quartiers'] },
  { ...civ, ...common, id: 'civ-2023-parrainage-e2c', title: 'Part des jeunes parrainés et inscrits en E2C issus des quartiers', unit: '%', direction: 'hausse', target: { value: 33 },
    passages: ['33% des jeunes parrainés et inscrits en E2C issus des quartiers'] },
  { ...civ, ...common, kind: 'realisation', id: 'civ-2023-clpe', title: 'Acteurs de la politique de la ville intégrés au comité local pour l’emploi', unit: 'nombre', direction: 'hausse', target: null,
    passages: ['Intégration des acteurs de la politique de la ville dans les CLPE', 'comités locaux pour l’emploi'] },
  { ...conv, ...common, id: 'conv-2016-ecart-taux-emploi', title: 'Écart de taux d’emploi entre les QPV et les agglomérations environnantes', unit: 'points', direction: 'baisse', target: null,
    passages: ['réduire de moitié les écarts entre le taux d’emploi observé dans les QPV et ceux observés dans les agglomérations environnantes'] },
  { ...conv, ...common, id: 'conv-2016-epide', title: 'Part des volontaires intégrés à l’EPIDE résidant en QPV', unit: '%', direction: 'hausse', target: { value: 50 },
    passages: ['EPIDE : 50% de volontaires intégrés résidant en QPV'] },
  { ...conv, ...common, id: 'conv-2016-e2c', title: 'Part des stagiaires entrants en E2C résidant en QPV', unit: '%', direction: 'hausse', target: { value: 40 },
    passages: ['Ecole de la Deuxième chance : 40% de résidents en QPV parmi les stagiaires entrants'] },
  { ...conv, ...common, id: 'conv-2016-pacea', title: 'Part des jeunes issus des QPV parmi les entrées en PACEA', unit: '%', direction: 'hausse', target: { value: 13 },
    passages: ['13% de jeunes issus des QPV parmi les jeunes entrés en parcours d’accompagnement par les missions locales'] },
  { ...conv, ...common, id: 'conv-2016-pec', title: 'Part des résidents des QPV parmi les nouveaux entrants en parcours emploi compétences (PEC)', unit: '%', direction: 'hausse', target: { value: 15, date: '2019' },
    passages: ['L’objectif pour les PEC en 2019 a été fixé à 15%'] },
  { ...conv, ...common, id: 'conv-2016-garantie-jeunes', title: 'Part des résidents des QPV parmi les nouveaux entrants en Garantie jeunes (devenue contrat d’engagement jeune)', unit: '%', direction: 'hausse', target: { value: 20 },
    passages: ['Garantie jeunes : 20% de résidents de QPV parmi les nouveaux entrants'] },
  { family: 'programme-147', source: 'Programme 147, crédits 2019 (IREV, fiche 8)', seed: SEED_2019, ...common, kind: 'realisation', id: 'prog-147-pilier-emploi',
    title: 'Part des crédits du programme 147 orientés vers le pilier emploi', unit: '%', direction: 'hausse', target: { value: 20, date: '2019' },
    passages: ['Au moins 20% des crédits mobilisés doivent être orientés vers ce pilier'] },
];

export function libraryEntry(id: string): LibraryEntry | undefined {
  return LIBRARY.find((e) => e.id === id);
}
