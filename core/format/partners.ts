// zod schemas of the partners, their commitments and the signatories of the contrat.
// Also the source of trame.schema.json (core/format/json-schema.ts).
import { z } from 'zod';
import { COMMITMENT_STATUSES, PARTNER_TYPES } from '../domain/format-types';
import { LIMITS, finite, idSchema, isoDate, optionalText, refSchema, requiredText } from './common';

export const partnerSchema = z
  .strictObject({
    id: idSchema().optional(),
    name: requiredText(LIMITS.partnerName, 'Nom du partenaire'),
    type: z.enum(PARTNER_TYPES).optional().meta({ title: "Famille d'acteurs", description: "Familles de l'écosystème des Cités de l'emploi." }),
  })
  .meta({ title: 'Partenaire' });

export const commitmentSchema = z
  .strictObject({
    id: idSchema().optional(),
    partner: refSchema('partenaire'),
    nodes: z.array(refSchema("élément de l'arbre")).max(LIMITS.commitmentNodes).optional().meta({ title: 'Éléments servis', description: "Identifiants d'éléments de l'arbre. Absent si aucun." }),
    text: requiredText(LIMITS.commitmentText, "Texte de l'engagement"),
    target: z
      .strictObject({ value: finite, unit: optionalText(LIMITS.unit, 'Unité') })
      .optional()
      .meta({ title: 'Cible chiffrée' }),
    indicator: refSchema('indicateur').optional().meta({ title: 'Indicateur de mesure', description: "Identifiant d'un élément de type « indicateur »." }),
    due: isoDate.optional().meta({ title: 'Échéance' }),
    status: z.enum(COMMITMENT_STATUSES).optional().meta({ title: 'Statut' }),
  })
  .meta({ title: 'Engagement' });

export const signatorySchema = z
  .strictObject({
    id: idSchema("unique parmi les signataires ; gardé à l'import, créé (UUID) par Trame s'il manque").optional(),
    partner: refSchema('partenaire'),
    name: requiredText(LIMITS.signatoryName, 'Nom du signataire'),
    role: optionalText(LIMITS.signatoryRole, 'Fonction'),
  })
  .meta({ title: 'Signataire' });
