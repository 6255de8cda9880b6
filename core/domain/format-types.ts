// TypeScript shape of the interchange format v1 (shared/FORMAT.md). The validator lives in core/format/ (entry: schema.ts).
import type { NodeKind, Tag } from './tree';

export type IsoDate = string; // "2026", "2026-06" or "2026-12-31": the rule is core/domain/dates.ts

export interface DatedValue { value: number; date?: IsoDate }
export type Direction = 'hausse' | 'baisse';
export type MeasurementScope = 'qpv' | 'reference';

/** One value measured. `id` is optional in a file (unique among the document's measurements) and kept through export → import. */
export interface MeasurementDoc { id?: string; date: IsoDate; value: number; scope?: MeasurementScope; source?: string; note?: string }

export interface IndicatorDoc {
  unit?: string;
  direction?: Direction;
  kind?: 'realisation' | 'resultat';
  frequency?: 'annuelle' | 'semestrielle' | 'trimestrielle' | 'mensuelle';
  /** The partner who provides the data (a partner id). */
  provider?: string;
  /** QPV codes covered; absent = all of the contrat's. */
  qpv?: string[];
  /** The national library entry it came from. */
  libraryRef?: string;
  baseline?: DatedValue;
  target?: DatedValue;
  reference?: { label?: string; value?: number; date?: IsoDate };
  source?: string;
  measurements?: MeasurementDoc[];
}

export interface TreeNodeDoc {
  id?: string;
  kind: NodeKind;
  title: string;
  description?: string;
  tag?: Tag;
  tagNote?: string;
  children?: TreeNodeDoc[];
  indicator?: IndicatorDoc;
}

export interface QpvDoc { code: string; name: string; commune?: string }

export const PARTNER_TYPES = [
  'etat', 'collectivite', 'service-public-emploi', 'entreprise', 'formation', 'insertion',
  'association', 'social', 'habitants', 'financeur', 'autre',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const COMMITMENT_STATUSES = [
  'propose', 'acte', 'en-cours', 'tenu', 'partiellement-tenu', 'non-tenu', 'abandonne',
] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/** Each field optional; the object is absent when none is set. */
export interface ContactDoc { name?: string; email?: string; phone?: string }
export interface PartnerDoc { id?: string; name: string; type?: PartnerType; contact?: ContactDoc }
export type FundingNatureDoc = 'droit-commun' | 'credits-specifiques';
/** Amount in euros (≥ 0) and its nature; absent when neither is known. */
export interface FundingDoc { amount?: number; nature?: FundingNatureDoc }
/** One status a commitment took: when (ISO 8601 instant), by whom, with an optional comment or evidence. */
export interface HistoryEntryDoc { status: CommitmentStatus; at: string; by?: string; note?: string }
export interface CommitmentDoc {
  id?: string;
  partner: string;
  nodes?: string[];
  text: string;
  target?: { value: number; unit?: string };
  indicator?: string;
  due?: IsoDate;
  status?: CommitmentStatus;
  funding?: FundingDoc;
  /** Oldest first; the last entry's status is the commitment's `status`. */
  history?: HistoryEntryDoc[];
}
/** `id` is optional in a file (unique among the signatories) and kept through export → import. */
export interface SignatoryDoc { id?: string; partner: string; name: string; role?: string }

export interface ContratDoc {
  name: string;
  epci: string;
  pillar?: 'emploi';
  period?: { start: number; end: number };
  qpv?: QpvDoc[];
}

export interface TrameDocument {
  format: 'trame';
  version: 1;
  /** The document's UUID: the same contrat keeps it through « Enregistrer sous », export and import. */
  id?: string;
  contrat: ContratDoc;
  tree: TreeNodeDoc[];
  partners?: PartnerDoc[];
  commitments?: CommitmentDoc[];
  signatories?: SignatoryDoc[];
  copils?: CopilDoc[];
  /** Optional (issue 16): the protocole's own text; absent fields are Trame's defaults. */
  protocole?: ProtocoleDoc;
}

export type ArticleSlotDoc = 'objet' | 'duree' | 'engagements' | 'gouvernance' | 'suivi' | 'avenants' | 'resiliation' | 'litiges' | 'libre';
export interface ProtocoleDoc {
  type?: 'contrat-ville' | 'protocole' | 'avenant';
  avenantNumber?: number;
  place?: string;
  preamble?: string;
  governance?: string;
  visas?: string[];
  considerants?: string[];
  articles?: { slot: ArticleSlotDoc; title: string; text: string }[];
  nonSigning?: string[];
}

/** A comité de pilotage held. `id` optional in a file (unique among the copils), kept through export → import. */
export interface CopilDoc { id?: string; date: IsoDate; title: string; note?: string }
