// Kysely table types of a .trame file (schema version 3). Column names are snake_case as in SQL.
// Enumerations are lookup tables (`enum_*`, one `value` column) referenced by foreign key: a new value is an INSERT.
import type { NodeKind, Tag } from '../core/domain/tree';

export interface ContratTable {
  id: number;
  name: string;
  epci: string;
  pillar: string;
  period_start: number;
  period_end: number;
  created_at: string;
}
export interface QpvTable { id: string; position: number; code: string; name: string; commune: string | null }
export interface NodeTable {
  id: string;
  parent_id: string | null;
  kind: NodeKind;
  /** Schema 8: fractional order key among siblings (core/domain/order-keys.ts); ties broken by id. */
  order_key: string;
  title: string;
  description: string | null;
  tag: Tag | null;
  tag_note: string | null;
}
export interface IndicatorTable {
  node_id: string;
  unit: string | null;
  direction: 'hausse' | 'baisse' | null;
  baseline_value: number | null;
  baseline_date: string | null;
  target_value: number | null;
  target_date: string | null;
  reference_label: string | null;
  reference_value: number | null;
  reference_date: string | null;
  source: string | null;
  kind: 'realisation' | 'resultat' | null;
  frequency: 'annuelle' | 'semestrielle' | 'trimestrielle' | 'mensuelle' | null;
  provider_id: string | null;
  library_ref: string | null;
}
export interface MeasurementTable {
  id: string;
  node_id: string;
  position: number;
  date: string;
  value: number;
  scope: 'qpv' | 'reference';
  source: string | null;
  note: string | null;
}
export interface IndicatorQpvTable { node_id: string; qpv_code: string; position: number }
export interface CopilTable { id: string; date: string; title: string; note: string | null }
export interface PartnerTable { id: string; position: number; name: string; type: string | null }
export interface CommitmentTable {
  id: string;
  position: number;
  partner_id: string;
  text: string;
  target_value: number | null;
  target_unit: string | null;
  indicator_id: string | null;
  due: string | null;
  status: string | null;
}
export interface CommitmentNodeTable { commitment_id: string; node_id: string; position: number }
export interface SignatoryTable { id: string; position: number; partner_id: string; name: string; role: string | null }
export interface JournalGroupTable {
  /** AUTOINCREMENT: never reused, even after a redo branch is dropped. */
  id: number;
  uuid: string;
  replica_id: string;
  author_id: string | null;
  /** Hybrid logical clock (core/domain/hlc.ts). */
  hlc: string;
  at: string;
  author: string;
  label: string;
  focus_undo: string | null;
  focus_redo: string | null;
  /** 0 in effect, 1 undone (redo-able), 2 undone off the redo branch, 3 an undo/redo group (db/journal/groups.ts). */
  undone: number;
  /** Schema 8: 'edit', 'undo', 'redo' or 'merge'; an undo/redo names the step it replays. */
  kind: 'edit' | 'undo' | 'redo' | 'merge';
  target_id: number | null;
}
export interface JournalChangeTable {
  id: number;
  group_id: number;
  tbl: string;
  row_key: string;
  before: string | null;
  after: string | null;
  /** Schema 8, written by the triggers: kind of change, the item (node id, or the row's first key), changed columns. */
  op: 'insert' | 'update' | 'delete' | null;
  item: string | null;
  fields: string | null;
  /** 1: one entry for many rows (row_key [], images {"rows": [...]}). */
  batch: number;
}
export interface JournalCtxTable { id: number; group_id: number | null }
export interface DocumentIdentityTable { id: number; document_id: string; replica_id: string; replica_place: string }
export interface EnumTable { value: string }
/** Schema 3: one row per partner that has a contact. */
export interface PartnerContactTable { partner_id: string; name: string | null; email: string | null; phone: string | null }
/** Schema 3: one row per commitment that has an amount or a nature of funding. */
export interface CommitmentFundingTable { commitment_id: string; amount: number | null; nature: string | null }
/** Schema 3: every status a commitment took, oldest first (position), dated and attributed. */
export interface CommitmentHistoryTable {
  id: string;
  commitment_id: string;
  position: number;
  status: string;
  at: string;
  author: string;
  author_id: string | null;
  note: string | null;
}
/** Migration 5: a workshop and the people in the room (not journaled: see db/migrations/005_workshops.ts). */
export interface WorkshopTable {
  id: string;
  title: string;
  started_at: string;
  ended_at: string | null;
  started_by: string;
  started_by_id: string | null;
  /** The journal groups after this id, up to last_group_id, are the workshop's. */
  first_group_id: number;
  last_group_id: number | null;
  /** The minutes (JSON), once the workshop ended. */
  minutes: string | null;
}
export interface WorkshopAttendeeTable { id: string; workshop_id: string; position: number; partner_id: string | null; name: string }
/** A frozen version (migration 7): never updated nor deleted (SQL triggers). */
export interface VersionTable {
  id: string;
  number: number;
  frozen_at: string;
  frozen_by: string;
  frozen_by_id: string | null;
  content_json: string;
  content_sha256: string;
  pdf: Uint8Array;
  pdf_sha256: string;
  /** Where each signatory's block is in the PDF (JSON of SignatureBlock[]). */
  blocks_json: string;
  signatories_total: number;
}
/** One signature added to a frozen version, with the whole signed PDF after it (migration 7). */
export interface VersionSignatureTable {
  id: string;
  version_id: string;
  position: number;
  signatory_id: string | null;
  signer_name: string;
  kind: 'drawn' | 'pades' | 'imported';
  signed_at: string;
  signed_by: string;
  pdf: Uint8Array;
  pdf_sha256: string;
}

/** Migration 6 (issue 11): the protocole's settings, one row (id = 1). `parts` is a JSON array of part names. */
export interface ProtocoleTable {
  id: number; preamble: string; governance: string; place: string; parts: string;
  /** Migration 9 (issue 16): the legal frame; NULL texts are Trame's defaults. JSON arrays. */
  doc_type: string | null; avenant_number: number | null; visas: string | null; considerants: string | null; articles: string | null;
  non_signing: string;
}

export interface DB {
  contrat: ContratTable;
  qpv: QpvTable;
  node: NodeTable;
  indicator: IndicatorTable;
  measurement: MeasurementTable;
  partner: PartnerTable;
  commitment: CommitmentTable;
  commitment_node: CommitmentNodeTable;
  signatory: SignatoryTable;
  journal_group: JournalGroupTable;
  journal_change: JournalChangeTable;
  journal_ctx: JournalCtxTable;
  document_identity: DocumentIdentityTable;
  protocole: ProtocoleTable;
  enum_pillar: EnumTable;
  enum_node_kind: EnumTable;
  enum_tag: EnumTable;
  enum_direction: EnumTable;
  enum_measurement_scope: EnumTable;
  enum_partner_type: EnumTable;
  enum_commitment_status: EnumTable;
  enum_funding_nature: EnumTable;
  partner_contact: PartnerContactTable;
  commitment_funding: CommitmentFundingTable;
  commitment_history: CommitmentHistoryTable;
  workshop: WorkshopTable;
  workshop_attendee: WorkshopAttendeeTable;
  indicator_qpv: IndicatorQpvTable;
  copil: CopilTable;
  enum_indicator_kind: EnumTable;
  enum_indicator_frequency: EnumTable;
  version: VersionTable;
  version_signature: VersionSignatureTable;
}
