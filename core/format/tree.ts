// zod schemas of the contrat's header and of the strategy tree (enjeu → objectif → action → indicateur),
// indicators and their measurements included. Also the source of trame.schema.json (core/format/json-schema.ts).
import { z } from 'zod';
import { NODE_KINDS, TAGS } from '../domain/tree';
import { LIMITS, datedValue, finite, idSchema, isoDate, optionalText, refSchema, requiredText, year } from './common';

export const measurementSchema = z
  .strictObject({
    id: idSchema('unique parmi les mesures du document ; gardé à l\'import, créé (UUID) par Trame s\'il manque').optional(),
    date: isoDate,
    value: finite,
    scope: z.enum(['qpv', 'reference']).optional().meta({ description: '« qpv » (par défaut) ou « reference » : le territoire mesuré.' }),
    source: optionalText(LIMITS.source, 'Source de la mesure'),
    note: optionalText(LIMITS.measurementNote, 'Note'),
  })
  .meta({ title: 'Mesure' });

export const indicatorSchema = z
  .strictObject({
    unit: optionalText(LIMITS.unit, 'Unité', '« % », « nombre », « € » ou texte libre.'),
    direction: z.enum(['hausse', 'baisse']).optional().meta({ title: 'Sens du progrès', description: '« hausse » : plus est mieux ; « baisse » : moins est mieux.' }),
    kind: z.enum(['realisation', 'resultat']).optional().meta({ title: "Type d'indicateur", description: 'Indicateur de réalisation ou de résultat.' }),
    frequency: z.enum(['annuelle', 'semestrielle', 'trimestrielle', 'mensuelle']).optional().meta({ title: 'Fréquence de mesure' }),
    provider: refSchema('partenaire').optional().meta({ title: 'Fournisseur des données', description: "Identifiant du partenaire qui fournit les données." }),
    qpv: z.array(requiredText(LIMITS.qpvCode, 'Code du QPV')).max(LIMITS.qpvCount).optional().meta({ title: 'QPV couverts', description: 'Codes des QPV du contrat couverts. Absent : tous.' }),
    libraryRef: optionalText(LIMITS.libraryRef, 'Entrée de la bibliothèque nationale', "Identifiant de l'entrée d'où vient l'indicateur."),
    baseline: datedValue.optional().meta({ title: 'Valeur de référence (point de départ)' }),
    target: datedValue.optional().meta({ title: 'Cible' }),
    reference: z
      .strictObject({
        label: optionalText(LIMITS.referenceLabel, 'Territoire de comparaison', 'Par exemple « Unités urbaines environnantes ».'),
        value: finite.optional(),
        date: isoDate.optional(),
      })
      .optional()
      .meta({ title: 'Territoire de comparaison', description: "Valeur du même indicateur hors QPV. Absent si aucun champ n'est renseigné." }),
    source: optionalText(LIMITS.source, 'Source', 'Par exemple « ONPV », « France Travail », « INSEE ».'),
    measurements: z
      .array(measurementSchema)
      .max(LIMITS.measurements)
      .optional()
      .meta({ title: 'Mesures', description: "Valeurs relevées, dans l'ordre. Absent si aucune." }),
  })
  .meta({ title: 'Indicateur', description: "Seulement sur un élément de type « indicateur ». Absent si aucun champ n'est renseigné." });

export const treeNodeSchema = z
  .strictObject({
    id: idSchema().optional(),
    kind: z.enum(NODE_KINDS).meta({ title: "Type d'élément", description: 'enjeu → objectif → action → indicateur.' }),
    title: requiredText(LIMITS.title, 'Intitulé'),
    description: optionalText(LIMITS.description, 'Description'),
    tag: z.enum(TAGS).optional().meta({
      title: 'Étiquette',
      description: 'À ajouter (ajouter) ; à garder, repenser, renouveler (garder, repenser, renouveler) ; à jeter, mettre en veille (jeter, mettre-en-veille). Absent : pas encore décidé.',
    }),
    tagNote: optionalText(LIMITS.tagNote, "Motif de l'étiquette", 'Pourquoi cette étiquette.'),
    get children() {
      return z
        .array(treeNodeSchema)
        .max(LIMITS.treeNodes)
        .optional()
        .meta({ title: 'Sous-éléments', description: "Dans l'ordre. Absent si aucun." });
    },
    indicator: indicatorSchema.optional(),
  })
  .meta({ id: 'TreeNode', title: "Élément de l'arbre stratégique" });

export const contratSchema = z
  .strictObject({
    name: requiredText(LIMITS.contratName, 'Nom du contrat'),
    epci: requiredText(LIMITS.epci, 'EPCI'),
    pillar: z.literal('emploi').optional().meta({ title: 'Pilier', description: "« emploi » pour l'instant ; toujours écrit à l'export." }),
    period: z
      .strictObject({ start: year, end: year })
      .superRefine((p, ctx) => {
        if (p.end < p.start) ctx.addIssue({ code: 'custom', path: ['end'], message: `l'année de fin (${p.end}) précède l'année de début (${p.start})` });
      })
      .optional()
      .meta({ title: 'Période', description: 'Années de début et de fin, par exemple 2024 et 2030.' }),
    qpv: z
      .array(
        z.strictObject({
          code: requiredText(LIMITS.qpvCode, 'Code du QPV', 'Par exemple « QN05901M ».'),
          name: requiredText(LIMITS.qpvName, 'Nom du quartier'),
          commune: optionalText(LIMITS.commune, 'Commune'),
        }),
      )
      .max(LIMITS.qpvCount)
      .optional()
      .meta({ title: 'Quartiers prioritaires (QPV)', description: 'Absent si aucun.' }),
  })
  .meta({ title: 'Contrat' });

export type ParsedNode = z.infer<typeof treeNodeSchema>;
export type ParsedIndicator = z.infer<typeof indicatorSchema>;

export const copilSchema = z
  .strictObject({
    id: idSchema("unique parmi les COPIL ; gardé à l'import, créé (UUID) par Trame s'il manque").optional(),
    date: isoDate,
    title: requiredText(LIMITS.copilTitle, 'Intitulé du COPIL'),
    note: optionalText(LIMITS.copilNote, 'Note'),
  })
  .meta({ title: 'COPIL' });
