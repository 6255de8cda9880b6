// The demo contrat offered to a first-time user: fictional territory, real vocabulary and figures from
// the seeds (IREV dossier ressources 2019, fiche 5 scheme and circulaire indicators; CIV 27/10/2023
// targets; Cités de l'emploi ecosystem; conventions with quantified commitments).
// Written in the canonical form of core/format/schema.ts: parseTrameDocument(demoDocument()) deep-equals it.
import type { IndicatorDoc, TrameDocument, TreeNodeDoc } from '../../domain/format-types';

const ONPV_REF = 'Unités urbaines environnantes';

function indicateur(id: string, title: string, indicator: IndicatorDoc, extra: Partial<TreeNodeDoc> = {}): TreeNodeDoc {
  return { id, kind: 'indicateur', title, ...extra, indicator };
}

/** The demo's document id: fixed, like its other ids. `contrat.createDemo` gives each demo contrat a new one. */
export const DEMO_DOCUMENT_ID = '5e1d0c2a-7f3b-4c8e-9a61-2d4b8f0e7c13';

export function demoDocument(): TrameDocument {
  return withIds(demoContent());
}

/** Ids for the measurements and the signatories, in the canonical key order (id first). */
function withIds(doc: TrameDocument): TrameDocument {
  const stack = [...doc.tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.indicator?.measurements) n.indicator.measurements = n.indicator.measurements.map((m, k) => ({ id: `${n.id}-m${k + 1}`, ...m }));
    stack.push(...(n.children ?? []));
  }
  const { format, version, ...rest } = doc;
  return {
    format,
    version,
    id: DEMO_DOCUMENT_ID,
    ...rest,
    signatories: doc.signatories?.map((s) => ({ id: `s-${s.partner.replace(/^p-/, '')}`, ...s })),
  };
}

function demoContent(): TrameDocument {
  return {
    format: 'trame',
    version: 1,
    contrat: {
      name: "Contrat de ville 2024-2030 — Communauté d'agglomération du Val de Trame",
      epci: "Communauté d'agglomération du Val de Trame",
      pillar: 'emploi',
      period: { start: 2024, end: 2030 },
      qpv: [
        { code: 'QN05971M', name: 'Les Hauts de Vaudrecourt', commune: 'Vaudrecourt' },
        { code: 'QN05972M', name: 'La Briqueterie', commune: 'Vaudrecourt' },
        { code: 'QN05973M', name: 'Quartier du Moulin', commune: 'Saint-Aubert-la-Trame' },
        { code: 'QN05974M', name: 'Le Pont-Rouge', commune: 'Hautmesnil' },
      ],
    },
    tree: [
      // ── Enjeu 1 ─────────────────────────────────────────────────────────────
      {
        id: 'enjeu-invisibles',
        kind: 'enjeu',
        title: 'Repérer les publics « invisibles » et les raccrocher au droit commun',
        description:
          'Une part des habitants des QPV, notamment des femmes et des jeunes ni en emploi ni en formation, ' +
          'ne fréquente ni France Travail ni la Mission locale. Un inactif sur cinq souhaiterait pourtant occuper un emploi.',
        tag: 'repenser',
        tagNote:
          'Les actions de repérage existent depuis 2015 mais touchent surtout des publics déjà connus des structures : ' +
          "à recentrer sur les femmes et les jeunes, comme l'a montré le diagnostic partagé de 2023.",
        children: [
          {
            id: 'obj-aller-vers',
            kind: 'objectif',
            title: "Mener au moins une action d'aller-vers dans chaque QPV",
            tag: 'ajouter',
            tagNote: "Objectif du comité interministériel des villes du 27 octobre 2023 : une action d'aller-vers dans chaque QPV, en lien avec France Travail.",
            children: [
              {
                id: 'act-cafes-emploi',
                kind: 'action',
                title: 'Cafés emploi itinérants au pied des immeubles',
                description:
                  'Un mardi par mois dans chaque quartier, avec France Travail, la Mission locale et les associations de proximité : ' +
                  'information sur les offres, les formations et les modes de garde, inscription sur place.',
                tag: 'ajouter',
                tagNote: "Inspiré des cafés emploi de la Cité de l'emploi d'Est Ensemble, qui touchent d'abord un public féminin.",
                children: [
                  indicateur('ind-personnes-rencontrees', "Nombre de personnes rencontrées lors des actions d'aller-vers", {
                    unit: 'nombre',
                    direction: 'hausse',
                    baseline: { value: 0, date: '2023' },
                    target: { value: 1200, date: '2030' },
                    source: "Cité de l'emploi du Val de Trame — bilan annuel",
                    measurements: [{ date: '2024-12-31', value: 310, scope: 'qpv' }],
                  }),
                ],
              },
              {
                id: 'act-bus-emploi',
                kind: 'action',
                title: "Bus de l'emploi itinérant",
                tag: 'jeter',
                tagNote:
                  'Coût élevé pour peu de contacts en 2022-2023 (moins de cinq personnes par sortie) : ' +
                  'remplacé par les cafés emploi, plus proches des habitants.',
              },
              indicateur('ind-qpv-couverts', "Nombre de QPV couverts par au moins une action d'aller-vers", {
                unit: 'nombre',
                direction: 'hausse',
                baseline: { value: 1, date: '2023' },
                target: { value: 4, date: '2026' },
                source: "Cité de l'emploi du Val de Trame",
                measurements: [{ date: '2024-12-31', value: 3, scope: 'qpv' }],
              }),
            ],
          },
          {
            id: 'obj-droit-commun-visible',
            kind: 'objectif',
            title: 'Faire connaître les dispositifs et mesures de droit commun aux habitants',
            tag: 'garder',
            children: [
              {
                id: 'act-permanences',
                kind: 'action',
                title: 'Permanences de France Travail et de la Mission locale dans les centres sociaux',
                tag: 'garder',
                tagNote: 'Fréquentation stable et bons retours du conseil citoyen des Hauts de Vaudrecourt.',
              },
              {
                id: 'act-forum-alternance',
                kind: 'action',
                title: "Forum annuel de l'emploi et de l'alternance dans les quartiers",
                tag: 'renouveler',
                tagNote: 'Format à renouveler : associer les entreprises du PaQte et le CFA, organiser des job-datings plutôt que des stands.',
              },
            ],
          },
          {
            id: 'obj-cite-emploi',
            kind: 'objectif',
            title: "Coordonner les acteurs de l'emploi au sein de la Cité de l'emploi",
            tag: 'garder',
            children: [
              {
                id: 'act-copil-cite',
                kind: 'action',
                title: "Comité de pilotage trimestriel de la Cité de l'emploi, articulé avec le comité local pour l'emploi",
                tag: 'repenser',
                tagNote: "Intégrer les acteurs de la politique de la ville au comité local pour l'emploi (CIV 2023) au lieu d'une instance séparée.",
              },
            ],
          },
        ],
      },
      // ── Enjeu 2 ─────────────────────────────────────────────────────────────
      {
        id: 'enjeu-ecart-emploi',
        kind: 'enjeu',
        title: "Réduire l'écart d'accès à l'emploi entre les quartiers et le reste de l'agglomération",
        description:
          'En 2017, le taux de chômage atteignait 24,7 % dans les quartiers prioritaires contre 9,2 % dans les unités urbaines environnantes ; ' +
          "le taux d'emploi 44,3 % contre 65,8 % (ONPV).",
        tag: 'garder',
        tagNote: "L'écart reste le premier constat du diagnostic ; l'enjeu est reconduit tel quel.",
        children: [
          {
            id: 'obj-reduire-ecart',
            kind: 'objectif',
            title: "Réduire de moitié l'écart de taux d'emploi avec les unités urbaines environnantes",
            tag: 'garder',
            tagNote: 'Objectif de la convention interministérielle 2016-2020, reconduit pour 2024-2030.',
            children: [
              indicateur('ind-taux-chomage', 'Taux de chômage des 15-64 ans', {
                unit: '%',
                direction: 'baisse',
                kind: 'resultat',
                frequency: 'annuelle',
                baseline: { value: 24.7, date: '2017' },
                target: { value: 17, date: '2030' },
                reference: { label: ONPV_REF, value: 9.2, date: '2017' },
                source: 'ONPV',
                measurements: [
                  { date: '2022-12-31', value: 23.4, scope: 'qpv' },
                  { date: '2022-12-31', value: 8.6, scope: 'reference' },
                  { date: '2023-12-31', value: 22.9, scope: 'qpv', source: 'ONPV' },
                  { date: '2023-12-31', value: 8.4, scope: 'reference', source: 'ONPV' },
                  { date: '2024-12-31', value: 22.1, scope: 'qpv' },
                  { date: '2024-12-31', value: 8.2, scope: 'reference' },
                  { date: '2025-06-30', value: 21.6, scope: 'qpv', source: 'Observatoire de l’agglomération', note: 'Estimation semestrielle, à confirmer par l’ONPV' },
                ],
              }),
              indicateur('ind-taux-emploi', "Taux d'emploi des 15-64 ans", {
                unit: '%',
                direction: 'hausse',
                baseline: { value: 44.3, date: '2017' },
                target: { value: 55, date: '2030' },
                reference: { label: ONPV_REF, value: 65.8, date: '2017' },
                source: 'INSEE',
                measurements: [
                  { date: '2022', value: 46.1, scope: 'qpv' },
                  { date: '2022', value: 66.4, scope: 'reference' },
                ],
              }),
            ],
          },
          {
            id: 'obj-mobiliser-droit-commun',
            kind: 'objectif',
            title: "Mobiliser de manière renforcée le droit commun de l'emploi dans les quartiers",
            children: [
              {
                id: 'act-emplois-francs',
                kind: 'action',
                title: 'Promouvoir les emplois francs auprès des employeurs du territoire',
                description: "Aide de 5 000 € par an sur trois ans pour l'embauche en CDI d'un demandeur d'emploi résidant en QPV ; France Travail est l'opérateur.",
                tag: 'repenser',
                tagNote: "Peu d'embauches en 2023 : les employeurs connaissent mal l'aide. À porter avec le club d'entreprises et les signataires du PaQte.",
                children: [
                  indicateur('ind-emplois-francs', "Nombre d'emplois francs signés pour des habitants des QPV", {
                    unit: 'nombre',
                    direction: 'hausse',
                    kind: 'realisation',
                    frequency: 'semestrielle',
                    provider: 'p-france-travail',
                    libraryRef: 'circ-2019-emplois-francs',
                    baseline: { value: 38, date: '2023' },
                    target: { value: 80, date: '2027' },
                    source: 'France Travail',
                    measurements: [
                      { date: '2024-12-31', value: 51, scope: 'qpv' },
                      { date: '2025-06-30', value: 58, scope: 'qpv', source: 'France Travail', note: 'Cumul glissant sur douze mois' },
                    ],
                  }),
                ],
              },
              {
                id: 'act-clauses-sociales',
                kind: 'action',
                title: "Clauses sociales d'insertion dans les marchés de l'agglomération et des bailleurs sociaux",
                tag: 'garder',
                tagNote: 'Le facilitateur des clauses fonctionne bien ; étendre aux marchés de prestations intellectuelles.',
                children: [
                  indicateur('ind-heures-clauses', "Part des heures d'insertion réalisées par des habitants des QPV", {
                    unit: '%',
                    direction: 'hausse',
                    baseline: { value: 31, date: '2023' },
                    target: { value: 40, date: '2030' },
                    source: 'Facilitateur des clauses sociales du Val de Trame',
                    measurements: [{ date: '2024-12-31', value: 34.5, scope: 'qpv' }],
                  }),
                ],
              },
              {
                id: 'act-chantier-insertion',
                kind: 'action',
                title: "Chantier d'insertion « espaces verts » des Jardins du Moulin",
                tag: 'mettre-en-veille',
                tagNote: 'En attente du renouvellement du conventionnement IAE ; reprise envisagée en 2026.',
              },
            ],
          },
        ],
      },
      // ── Enjeu 3 ─────────────────────────────────────────────────────────────
      {
        id: 'enjeu-freins',
        kind: 'enjeu',
        title: "Lever les freins périphériques à l'emploi : garde d'enfants et mobilité",
        tag: 'ajouter',
        tagNote: "Nouvel enjeu issu du diagnostic partagé de 2023 : la garde d'enfants et la mobilité sont citées en premier par les habitants.",
        children: [
          {
            id: 'obj-garde-enfants',
            kind: 'objectif',
            title: "Faciliter la garde d'enfants des parents en recherche d'emploi ou en formation",
            tag: 'ajouter',
            children: [
              {
                id: 'act-creches-avip',
                kind: 'action',
                title: "Places en crèche à vocation d'insertion professionnelle réservées aux parents des QPV",
                tag: 'ajouter',
                tagNote: 'Proposé par la CAF et les centres sociaux ; trois crèches volontaires.',
                children: [
                  indicateur('ind-places-creche', "Nombre de places en crèche à vocation d'insertion professionnelle ouvertes", {
                    unit: 'nombre',
                    direction: 'hausse',
                    baseline: { value: 0, date: '2023' },
                    target: { value: 30, date: '2027' },
                    source: 'CAF',
                  }),
                ],
              },
            ],
          },
          {
            id: 'obj-mobilite',
            kind: 'objectif',
            title: "Rendre possible la mobilité vers les zones d'emploi",
            children: [
              {
                id: 'act-auto-ecole-sociale',
                kind: 'action',
                title: 'Auto-école sociale et aide au permis B',
                tag: 'renouveler',
                tagNote: "Huit mois de liste d'attente : à renouveler avec un cofinancement de la Région et du Département.",
                children: [
                  indicateur('ind-permis', 'Nombre de permis obtenus par des habitants des QPV', {
                    unit: 'nombre',
                    direction: 'hausse',
                    baseline: { value: 22, date: '2023' },
                    target: { value: 50, date: '2026' },
                    source: "Association Mobil'Emploi",
                    measurements: [{ date: '2024-12-31', value: 41, scope: 'qpv' }],
                  }),
                ],
              },
              {
                id: 'act-location-solidaire',
                kind: 'action',
                title: 'Location solidaire de scooters et de vélos à assistance électrique',
                tag: 'garder',
                tagNote: 'Indispensable pour les horaires décalés de la zone logistique, non desservie la nuit.',
              },
            ],
          },
        ],
      },
      // ── Enjeu 4 ─────────────────────────────────────────────────────────────
      {
        id: 'enjeu-jeunes',
        kind: 'enjeu',
        title: 'Former et qualifier les jeunes des quartiers',
        tag: 'renouveler',
        tagNote: "Enjeu du précédent contrat, renouvelé autour du contrat d'engagement jeune, de l'apprentissage et des dispositifs de seconde chance.",
        children: [
          {
            id: 'obj-seconde-chance',
            kind: 'objectif',
            title: "Augmenter la part des jeunes des QPV dans les dispositifs de seconde chance et d'accompagnement",
            tag: 'garder',
            children: [
              indicateur('ind-epide', "Part des volontaires de l'EPIDE résidant en QPV", {
                unit: '%',
                direction: 'hausse',
                baseline: { value: 36, date: '2023' },
                target: { value: 40, date: '2026' },
                source: 'EPIDE',
                measurements: [{ date: '2024-12-31', value: 38, scope: 'qpv' }],
              }),
              indicateur('ind-e2c', "Part des stagiaires de l'E2C résidant en QPV", {
                unit: '%',
                direction: 'hausse',
                baseline: { value: 29, date: '2023' },
                target: { value: 33, date: '2026' },
                source: 'École de la 2e chance',
              }),
              indicateur('ind-cej', "Part des jeunes en contrat d'engagement jeune (CEJ) résidant en QPV", {
                unit: '%',
                direction: 'hausse',
                baseline: { value: 17, date: '2023' },
                target: { value: 20, date: '2027' },
                source: 'Mission locale',
                measurements: [{ date: '2024-12-31', value: 18.5, scope: 'qpv' }],
              }),
            ],
          },
          {
            id: 'obj-apprentissage',
            kind: 'objectif',
            title: "Développer l'apprentissage et le parrainage",
            tag: 'ajouter',
            tagNote: 'Le CIV de 2023 vise 80 000 apprentis issus des QPV au niveau national.',
            children: [
              {
                id: 'act-prepa-apprentissage',
                kind: 'action',
                title: 'Prépa-apprentissage avec le CFA interprofessionnel',
                tag: 'garder',
                children: [
                  indicateur('ind-apprentis', "Nombre d'apprentis résidant dans les QPV", {
                    unit: 'nombre',
                    direction: 'hausse',
                    baseline: { value: 140, date: '2023' },
                    target: { value: 220, date: '2030' },
                    source: 'DDETS',
                  }),
                ],
              },
              {
                id: 'act-parrainage',
                kind: 'action',
                title: 'Parrainage de jeunes par des salariés des entreprises du PaQte',
                tag: 'ajouter',
                children: [
                  indicateur('ind-parraines', 'Nombre de jeunes des QPV parrainés', {
                    unit: 'nombre',
                    direction: 'hausse',
                    baseline: { value: 25, date: '2023' },
                    target: { value: 100, date: '2030' },
                    source: 'Mission locale',
                  }),
                ],
              },
              {
                id: 'act-decouverte-metiers',
                kind: 'action',
                title: 'Semaine locale de découverte des métiers pour les élèves de 3e',
                tag: 'jeter',
                tagNote: 'Doublon avec les stages de 3e organisés par la Cité éducative : arrêtée pour ne pas disperser les entreprises.',
              },
            ],
          },
        ],
      },
    ],
    partners: [
      { id: 'p-prefecture', name: 'Préfecture — délégué du préfet', type: 'etat', contact: { name: 'Karim Haddad, délégué du préfet', email: 'karim.haddad@val-de-trame.gouv.fr', phone: '03 21 00 10 20' } },
      { id: 'p-agglo', name: "Communauté d'agglomération du Val de Trame", type: 'collectivite', contact: { name: 'Élodie Marchand, cheffe de projet politique de la ville', email: 'e.marchand@agglo-valdetrame.fr', phone: '03 21 00 30 40' } },
      { id: 'p-france-travail', name: 'France Travail — agence de Vaudrecourt', type: 'service-public-emploi', contact: { name: 'Thomas Leroy, référent Cité de l’emploi', email: 'thomas.leroy@francetravail.fr' } },
      { id: 'p-mission-locale', name: 'Mission locale du Val de Trame', type: 'service-public-emploi', contact: { name: 'Amina Diallo', email: 'a.diallo@ml-valdetrame.org', phone: '03 21 00 50 60' } },
      { id: 'p-region', name: 'Région (conseil régional)', type: 'collectivite' },
      { id: 'p-departement', name: 'Département (conseil départemental)', type: 'collectivite' },
      { id: 'p-caf', name: "Caisse d'allocations familiales (CAF)", type: 'social' },
      { id: 'p-epide', name: 'EPIDE — centre de Vaudrecourt', type: 'formation' },
      { id: 'p-e2c', name: 'École de la 2e chance du Val de Trame', type: 'formation' },
      { id: 'p-logistique', name: 'Logistique du Val SAS (entreprise signataire du PaQte)', type: 'entreprise' },
      { id: 'p-mobil-emploi', name: "Association Mobil'Emploi", type: 'association' },
      { id: 'p-jardins-moulin', name: "Atelier chantier d'insertion Les Jardins du Moulin", type: 'insertion' },
      { id: 'p-conseil-citoyen', name: 'Conseil citoyen des Hauts de Vaudrecourt', type: 'habitants' },
    ],
    commitments: [
      {
        id: 'eng-ft-aller-vers',
        partner: 'p-france-travail',
        nodes: ['obj-aller-vers', 'act-cafes-emploi'],
        text: "Mener avec la Cité de l'emploi au moins une action d'aller-vers par an dans chacun des quatre QPV et y assurer une présence physique hebdomadaire.",
        target: { value: 4, unit: 'QPV' },
        indicator: 'ind-qpv-couverts',
        due: '2026-12-31',
        status: 'en-cours',
        funding: { amount: 45000, nature: 'droit-commun' },
        history: [
          { status: 'propose', at: '2024-03-12T09:30:00Z', by: 'Élodie Marchand', note: 'Proposé en comité technique' },
          { status: 'acte', at: '2024-06-20T14:00:00Z', by: 'Karim Haddad', note: 'Acté au COPIL de juin 2024' },
          { status: 'en-cours', at: '2024-10-01T08:00:00Z', by: 'Thomas Leroy', note: 'Premières permanences aux Hauts de Vaudrecourt' },
        ],
      },
      {
        id: 'eng-ft-emplois-francs',
        partner: 'p-france-travail',
        nodes: ['act-emplois-francs'],
        text: "Porter à 80 par an le nombre d'emplois francs signés pour des habitants des QPV.",
        target: { value: 80, unit: 'nombre' },
        indicator: 'ind-emplois-francs',
        due: '2027-12-31',
        status: 'en-cours',
        funding: { nature: 'droit-commun' },
        history: [
          { status: 'acte', at: '2024-06-20T14:00:00Z', by: 'Karim Haddad' },
          { status: 'en-cours', at: '2025-01-15T10:00:00Z', by: 'Thomas Leroy' },
        ],
      },
      {
        id: 'eng-ml-cej',
        partner: 'p-mission-locale',
        nodes: ['obj-seconde-chance'],
        text: "Atteindre 20 % de jeunes résidant en QPV parmi les entrées en contrat d'engagement jeune.",
        target: { value: 20, unit: '%' },
        indicator: 'ind-cej',
        due: '2027',
        status: 'acte',
        funding: { amount: 30000, nature: 'droit-commun' },
        history: [
          { status: 'propose', at: '2024-03-12T09:30:00Z', by: 'Élodie Marchand' },
          { status: 'acte', at: '2024-06-20T14:00:00Z', by: 'Karim Haddad', note: 'Convention signée' },
        ],
      },
      {
        id: 'eng-epide',
        partner: 'p-epide',
        nodes: ['obj-seconde-chance'],
        text: 'Intégrer au moins 40 % de volontaires résidant en QPV.',
        target: { value: 40, unit: '%' },
        indicator: 'ind-epide',
        due: '2024-12-31',
        status: 'partiellement-tenu',
        history: [
          { status: 'en-cours', at: '2024-01-10T09:00:00Z', by: 'Karim Haddad' },
          { status: 'partiellement-tenu', at: '2025-02-03T11:00:00Z', by: 'Karim Haddad', note: '34 % de volontaires QPV en 2024, pour 40 % visés' },
        ],
      },
      {
        id: 'eng-e2c',
        partner: 'p-e2c',
        nodes: ['obj-seconde-chance'],
        text: 'Compter 33 % de stagiaires résidant en QPV parmi les entrants.',
        target: { value: 33, unit: '%' },
        indicator: 'ind-e2c',
        due: '2026',
        status: 'en-cours',
        funding: { amount: 60000, nature: 'credits-specifiques' },
        history: [
          { status: 'acte', at: '2024-06-20T14:00:00Z', by: 'Karim Haddad' },
          { status: 'en-cours', at: '2024-09-02T08:30:00Z', by: 'Élodie Marchand' },
        ],
      },
      {
        id: 'eng-caf-creches',
        partner: 'p-caf',
        nodes: ['act-creches-avip'],
        text: "Financer 30 places en crèche à vocation d'insertion professionnelle réservées aux parents des QPV.",
        target: { value: 30, unit: 'nombre' },
        indicator: 'ind-places-creche',
        due: '2027-09',
        status: 'propose',
        funding: { amount: 120000, nature: 'droit-commun' },
        history: [
          { status: 'propose', at: '2025-09-18T15:00:00Z', by: 'Élodie Marchand', note: 'À confirmer par le conseil d’administration de la CAF' },
        ],
      },
      {
        id: 'eng-region-permis',
        partner: 'p-region',
        nodes: ['act-auto-ecole-sociale'],
        text: "Cofinancer l'auto-école sociale pour 50 permis par an.",
        target: { value: 50, unit: 'nombre' },
        indicator: 'ind-permis',
        due: '2024-12-31',
        status: 'tenu',
        funding: { amount: 75000, nature: 'droit-commun' },
        history: [
          { status: 'acte', at: '2024-02-01T09:00:00Z', by: 'Élodie Marchand' },
          { status: 'en-cours', at: '2024-03-01T09:00:00Z', by: 'Élodie Marchand' },
          { status: 'tenu', at: '2025-01-20T10:00:00Z', by: 'Élodie Marchand', note: '52 permis obtenus en 2024 (bilan de l’auto-école sociale)' },
        ],
      },
      {
        id: 'eng-departement-rsa',
        partner: 'p-departement',
        nodes: ['act-cafes-emploi'],
        text: 'Orienter vers les cafés emploi les allocataires du RSA résidant en QPV et désigner un référent par quartier.',
        due: '2024-12-31',
        status: 'non-tenu',
        history: [
          { status: 'acte', at: '2024-02-01T09:00:00Z', by: 'Karim Haddad' },
          { status: 'non-tenu', at: '2025-02-03T11:00:00Z', by: 'Karim Haddad', note: 'Aucun référent désigné ; à remettre à l’ordre du jour du COPIL' },
        ],
      },
      {
        id: 'eng-paqte-parrainage',
        partner: 'p-logistique',
        nodes: ['act-parrainage', 'act-forum-alternance'],
        text: 'Parrainer 15 jeunes des QPV par an et accueillir 10 stagiaires de 3e.',
        target: { value: 15, unit: 'nombre' },
        indicator: 'ind-parraines',
        due: '2025-06',
        status: 'en-cours',
        funding: { amount: 5000, nature: 'credits-specifiques' },
        history: [
          { status: 'propose', at: '2024-11-05T16:00:00Z', by: 'Élodie Marchand' },
          { status: 'en-cours', at: '2025-01-09T09:00:00Z', by: 'Élodie Marchand' },
        ],
      },
      {
        id: 'eng-mobil-bus',
        partner: 'p-mobil-emploi',
        nodes: ['act-bus-emploi'],
        text: "Assurer 40 sorties par an du bus de l'emploi dans les quartiers.",
        target: { value: 40, unit: 'nombre' },
        due: '2025-12-31',
        status: 'abandonne',
        funding: { amount: 18000, nature: 'credits-specifiques' },
        history: [
          { status: 'acte', at: '2024-06-20T14:00:00Z', by: 'Karim Haddad' },
          { status: 'abandonne', at: '2025-04-14T10:00:00Z', by: 'Élodie Marchand', note: 'Association en liquidation : bus à l’arrêt' },
        ],
      },
      {
        id: 'eng-agglo-clauses',
        partner: 'p-agglo',
        nodes: ['act-clauses-sociales'],
        text: "Inscrire une clause sociale d'insertion dans 100 % des marchés de travaux de plus de 500 000 € et réserver 10 % des heures travaillées aux habitants des QPV.",
        target: { value: 100, unit: '%' },
        indicator: 'ind-heures-clauses',
        due: '2030-12-31',
        status: 'en-cours',
        funding: { amount: 25000, nature: 'credits-specifiques' },
        history: [
          { status: 'acte', at: '2024-06-20T14:00:00Z', by: 'Karim Haddad' },
          { status: 'en-cours', at: '2024-07-01T08:00:00Z', by: 'Élodie Marchand' },
        ],
      },
      {
        id: 'eng-etat-credits',
        partner: 'p-prefecture',
        nodes: ['obj-aller-vers'],
        text: "Consacrer au moins 20 % des crédits du programme 147 du contrat au pilier emploi et mobiliser les postes d'adultes-relais pour l'aller-vers.",
        target: { value: 20, unit: '%' },
        due: '2025',
        status: 'en-cours',
        funding: { amount: 150000, nature: 'credits-specifiques' },
        history: [
          { status: 'acte', at: '2024-06-20T14:00:00Z', by: 'Karim Haddad', note: 'Engagement de l’État au protocole' },
          { status: 'en-cours', at: '2024-09-15T09:00:00Z', by: 'Karim Haddad' },
        ],
      },
    ],
    signatories: [
      { partner: 'p-prefecture', name: 'Claire Morvan', role: 'Préfète' },
      { partner: 'p-agglo', name: 'Jean-Marc Delattre', role: "Président de la communauté d'agglomération" },
      { partner: 'p-france-travail', name: 'Nadia Benali', role: 'Directrice territoriale de France Travail' },
      { partner: 'p-region', name: 'Hélène Vasseur', role: 'Vice-présidente chargée de la formation professionnelle' },
      { partner: 'p-departement', name: 'Patrick Lemaire', role: "Vice-président chargé de l'insertion" },
      { partner: 'p-caf', name: 'Sophie Caron', role: 'Directrice de la CAF' },
    ],
    copils: [
      {
        id: 'copil-2025',
        date: '2025-11-20',
        title: 'COPIL annuel du contrat de ville',
        note: 'Revue des indicateurs emploi ; décision de repenser la promotion des emplois francs avec le club d’entreprises.',
      },
    ],
    // The signed act's own text (issue 16): the place, a preamble, the deliberation's date (a fictional one: this is a
    // demo), and the operators that commit money without signing (their commitments go through the State's and the
    // EPCI's own). Visas, considérants and articles are Trame's defaults, filled in.
    protocole: {
      place: 'Vaudrecourt',
      preamble:
        'Les partenaires du contrat de ville du Val de Trame ont reconstruit ensemble, en ateliers, le pilier emploi : ce document en fixe la stratégie et les engagements de chacun.',
      visas: [
        'Vu la loi n° 2014-173 du 21 février 2014 de programmation pour la ville et la cohésion urbaine, notamment son article 6 ;',
        'Vu le décret du 28 décembre 2023 relatif à la liste des quartiers prioritaires de la politique de la ville dans les départements métropolitains, dans sa rédaction issue du décret n° 2024-806 du 13 juillet 2024 ;',
        'Vu la circulaire du 31 août 2023 relative à l’élaboration des contrats de ville 2024-2030 dans les départements métropolitains ;',
        'Vu la délibération du conseil communautaire de la Communauté d’agglomération du Val de Trame en date du 14 mars 2024 autorisant son président à signer le présent contrat ;',
      ],
      nonSigning: ['p-mission-locale', 'p-e2c', 'p-epide', 'p-logistique', 'p-mobil-emploi'],
    },
  };
}
