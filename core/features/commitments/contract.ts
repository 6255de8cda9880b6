// Partners, their signatories and their commitments: who promised what, for which items, by when, and did they keep it.
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
import type { EditOutcome } from '../../api/types';
import { docId, docInput, id, path, text } from '../../api/values';
import { FUNDING_NATURES, type CommitmentLine, type CommitmentView, type FundingLine } from '../../domain/commitments';
import { isoDateSchema } from '../../domain/dates';
import { COMMITMENT_STATUSES, PARTNER_TYPES, type CommitmentStatus, type PartnerType } from '../../domain/format-types';

export type { CommitmentView, HistoryEntry, Progress } from '../../domain/commitments';

export interface PartnerContact { name: string | null; email: string | null; phone: string | null }
export interface SignatoryInfo { id: string; partnerId: string; name: string; role: string | null }
export interface PartnerInfo {
  id: string;
  position: number;
  name: string;
  type: PartnerType | null;
  contact: PartnerContact | null;
  signatories: SignatoryInfo[];
  commitmentCount: number;
}

/** Everything the commitments screens show, read at once (partners, commitments with their history and progress). */
export interface CommitmentsView {
  partners: PartnerInfo[];
  commitments: CommitmentView[];
  /** Enjeux of the tree, in order: the matrix's columns. */
  enjeux: { id: string; title: string }[];
}

/**
 * What « Engagements » opens on, counted and summed in SQL (readOverview): the matrix's cells as [index in
 * `partners`, index in `enjeux`, count, worst status] (a commitment serving two enjeux counts in both; « Sans enjeu »,
 * id '', is the last of `enjeux` when some commitment serves none), the funding split, the late commitments as
 * lines (the latest first), and how many commitments there are.
 */
export interface CommitmentsOverview {
  partners: { id: string; name: string }[];
  enjeux: { id: string; title: string }[];
  cells: [partner: number, enjeu: number, count: number, worst: CommitmentStatus | null][];
  funding: { byPartner: FundingLine[]; byEnjeu: FundingLine[]; total: FundingLine };
  late: { line: CommitmentLine; days: number }[];
  count: number;
}

/** What deleting a partner does with its commitments: refused (default), deleted with it, or given to another partner. */
export const PARTNER_REMOVAL = ['refuser', 'supprimer', 'reattribuer'] as const;

const requiredName = (max: number, what: string) =>
  text(max).refine((s) => s.trim() !== '', { message: `${what} est obligatoire.` });
const optional = (max: number) => text(max).nullable().optional();

const contact = z.strictObject({
  name: optional(200),
  email: text(320)
    .refine((s) => s.trim() === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim()), { message: "L'adresse électronique n'est pas valide (exemple : prenom.nom@exemple.fr)." })
    .nullable()
    .optional(),
  phone: text(40)
    .refine((s) => s.trim() === '' || /^[+0-9 ().-]{4,}$/.test(s.trim()), { message: 'Le téléphone ne doit contenir que des chiffres, espaces, points, tirets ou « + ».' })
    .nullable()
    .optional(),
});

export const amountSchema = z
  .number({ message: 'Le montant doit être un nombre (en euros).' })
  .finite('Le montant doit être un nombre (en euros).')
  .min(0, 'Le montant ne peut pas être négatif.')
  .max(1e12, 'Le montant est trop grand.');
const funding = z.strictObject({
  amount: amountSchema.nullable(),
  nature: z.enum(FUNDING_NATURES, { message: 'Nature du financement : droit commun ou crédits spécifiques.' }).nullable(),
});
const status = z.enum(COMMITMENT_STATUSES, {
  message: 'Statut inconnu : proposé, acté, en cours, tenu, partiellement tenu, non tenu ou abandonné.',
});
const target = z.strictObject({ value: z.number().finite('La cible doit être un nombre.'), unit: optional(40) });
const nodeIds = z.array(id).max(1000);

const commitmentFields = {
  partnerId: id,
  nodeIds,
  text: requiredName(5000, "Le texte de l'engagement"),
  target: target.nullable().optional(),
  indicatorId: id.nullable().optional(),
  funding: funding.nullable().optional(),
  due: isoDateSchema.nullable().optional(),
};

export const commitmentsContract = defineContract('commitments', {
  'commitments.view': channel<CommitmentsView>()(docInput),
  /** The first screen of « Engagements »: counts, sums and the late lines; `today` for lateness (default: today). */
  'commitments.overview': channel<CommitmentsOverview>()(z.strictObject({ docId, today: isoDateSchema.optional() })),
  'partners.add': channel<EditOutcome>()(
    z.strictObject({ docId, name: requiredName(300, 'Le nom du partenaire'), type: z.enum(PARTNER_TYPES).nullable().optional(), contact: contact.optional() }),
  ),
  /** Adds several partners in one step (the usual partners, each with its type). */
  'partners.addMany': channel<EditOutcome>()(
    z.strictObject({ docId, partners: z.array(z.strictObject({ name: requiredName(300, 'Le nom du partenaire'), type: z.enum(PARTNER_TYPES) })).min(1).max(100) }),
  ),
  'partners.update': channel<EditOutcome>()(
    z.strictObject({
      docId,
      id,
      patch: z.strictObject({ name: requiredName(300, 'Le nom du partenaire').optional(), type: z.enum(PARTNER_TYPES).nullable().optional(), contact: contact.nullable().optional() }),
    }),
  ),
  /** Refused while the partner has commitments, unless `commitments` says what becomes of them. */
  'partners.remove': channel<EditOutcome>()(
    z.strictObject({ docId, id, commitments: z.enum(PARTNER_REMOVAL).optional(), reassignTo: id.optional() }),
  ),
  'signatories.add': channel<EditOutcome>()(
    z.strictObject({ docId, partnerId: id, name: requiredName(200, 'Le nom du signataire'), role: optional(300) }),
  ),
  'signatories.update': channel<EditOutcome>()(
    z.strictObject({ docId, id, patch: z.strictObject({ name: requiredName(200, 'Le nom du signataire').optional(), role: optional(300) }) }),
  ),
  'signatories.remove': channel<EditOutcome>()(z.strictObject({ docId, id })),
  'commitments.add': channel<EditOutcome>()(
    z.strictObject({ docId, ...commitmentFields, status: status.optional(), note: optional(2000) }),
  ),
  'commitments.update': channel<EditOutcome>()(
    z.strictObject({
      docId,
      id,
      patch: z.strictObject({
        partnerId: id.optional(),
        nodeIds: nodeIds.optional(),
        text: commitmentFields.text.optional(),
        target: commitmentFields.target,
        indicatorId: commitmentFields.indicatorId,
        funding: commitmentFields.funding,
        due: commitmentFields.due,
      }),
    }),
  ),
  /** A new status, dated and attributed to the session's author, with an optional comment or evidence. */
  'commitments.setStatus': channel<EditOutcome>()(z.strictObject({ docId, id, status, note: optional(2000) })),
  'commitments.detach': channel<EditOutcome>()(z.strictObject({ docId, id, nodeId: id })),
  'commitments.remove': channel<EditOutcome>()(z.strictObject({ docId, id })),
  /** Deletes a tree item and detaches every commitment serving it or measured by it: one undoable step. */
  'commitments.removeNode': channel<EditOutcome>()(z.strictObject({ docId, nodeId: id })),
  /** Writes the commitments as CSV (UTF-8 with BOM, « ; », decimal comma) atomically; refuses an existing file unless `replace`. */
  'commitments.exportCsv': channel<{ path: string; count: number }>()(
    z.strictObject({ docId, path, replace: z.boolean().optional(), late: z.boolean().optional(), partner: text(300).optional(), today: isoDateSchema.optional() }),
  ),
});
