// The zod schema of the whole interchange document. Structural only: the rules zod cannot see live in
// semantics.ts, and `parseTrameDocument` (schema.ts) runs both. Also the source of trame.schema.json.
import { z } from 'zod';
import { FORMAT_NAME, FORMAT_VERSION, LIMITS, idSchema } from './common';
import { commitmentSchema, partnerSchema, signatorySchema } from './partners';
import { contratSchema, copilSchema, treeNodeSchema } from './tree';
import { protocoleDocSchema } from './protocole';

export const trameDocumentSchema = z
  .strictObject({
    format: z.literal(FORMAT_NAME).meta({ description: 'Toujours « trame ».' }),
    version: z.literal(FORMAT_VERSION).meta({ description: 'Version du format : 1.' }),
    id: idSchema()
      .optional()
      .meta({
        title: 'Identifiant du contrat',
        description:
          "Facultatif : l'identifiant (UUID) du contrat. Le même contrat le garde à travers « Enregistrer sous », l'export et l'import ; " +
          "Trame en crée un s'il manque.",
      }),
    contrat: contratSchema,
    tree: z.array(treeNodeSchema).max(LIMITS.treeNodes).meta({ title: 'Arbre stratégique', description: "Les enjeux, dans l'ordre." }),
    partners: z.array(partnerSchema).max(LIMITS.partners).optional().meta({ title: 'Partenaires', description: 'Absent si aucun.' }),
    commitments: z.array(commitmentSchema).max(LIMITS.commitments).optional().meta({ title: 'Engagements', description: 'Absent si aucun.' }),
    signatories: z.array(signatorySchema).max(LIMITS.signatories).optional().meta({ title: 'Signataires', description: 'Absent si aucun.' }),
    copils: z.array(copilSchema).max(LIMITS.copils).optional().meta({ title: 'COPIL tenus', description: 'Comités de pilotage tenus. Absent si aucun.' }),
    protocole: protocoleDocSchema.optional(),
  })
  .meta({
    title: "Document d'échange Trame, version 1",
    description:
      'Un contrat de ville entier (pilier emploi) : arbre enjeu → objectif → action → indicateur, partenaires, engagements, signataires. ' +
      'Règles non exprimables ici et vérifiées par Trame : identifiants uniques dans tout le document (arbre, partenaires, engagements), ' +
      'identifiants uniques parmi les mesures et parmi les signataires, références existantes, ' +
      "dates réelles du calendrier, au plus 200 000 éléments dans l'arbre. " +
      "Conventions : null n'est jamais accepté ; un champ facultatif vide est absent.",
  });

export type ParsedDocument = z.infer<typeof trameDocumentSchema>;
