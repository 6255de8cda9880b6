// zod schemas of the partners, their commitments and the signatories of the contrat.
// Also the source of trame.schema.json (core/format/json-schema.ts).
import { z } from 'zod';
import { FUNDING_NATURES } from '../domain/commitments';
import { COMMITMENT_STATUSES, PARTNER_TYPES } from '../domain/format-types';
import { LIMITS, finite, idSchema, isoDate, optionalText, refSchema, requiredText } from './common';

/** An instant: date, time, optional fraction, Z or an offset. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const partnerSchema = z
  .strictObject({
    id: idSchema().optional(),
    name: requiredText(LIMITS.partnerName, 'Nom du partenaire'),
    type: z.enum(PARTNER_TYPES).optional().meta({ title: "Famille d'acteurs", description: "Familles de l'écosystème des Cités de l'emploi." }),
    contact: z
      .strictObject({
        name: optionalText(LIMITS.contactField, 'Nom du contact'),
        email: optionalText(320, 'Adresse électronique'),
        phone: optionalText(40, 'Téléphone'),
      })
      .optional()
      .meta({ title: 'Contact', description: 'Chaque champ est facultatif ; absent si aucun.' }),
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
    funding: z
      .strictObject({
        amount: finite.min(0, 'le montant ne peut pas être négatif').optional().meta({ title: 'Montant', description: 'En euros, positif ou nul.' }),
        nature: z.enum(FUNDING_NATURES).optional().meta({ title: 'Nature', description: 'droit-commun ou credits-specifiques (de la politique de la ville).' }),
      })
      .optional()
      .meta({ title: 'Financement', description: 'Absent si ni montant ni nature.' }),
    history: z
      .array(
        z.strictObject({
          status: z.enum(COMMITMENT_STATUSES).meta({ title: 'Statut' }),
          at: z.string().max(40).regex(INSTANT, 'instant ISO 8601 attendu (par exemple 2025-03-02T10:00:00Z)').meta({ title: 'Date et heure', description: 'Instant ISO 8601.' }),
          by: optionalText(LIMITS.signatoryName, 'Auteur du changement'),
          note: optionalText(LIMITS.historyNote, 'Commentaire ou preuve'),
        }),
      )
      .max(LIMITS.historyEntries)
      .optional()
      .meta({ title: 'Historique des statuts', description: 'Du plus ancien au plus récent ; le dernier statut est celui de « status ». Absent si vide.' }),
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
