// Migration 7: versions figées et signatures (issue 12).
// A frozen version is the whole contrat as it was (its interchange JSON, canonical), the PDF made from it and their
// SHA-256, with when and by whom. Each signature added to it keeps the whole signed PDF as it stood after that
// signature. Neither table is journaled (undo must never take a frozen version or a signature back), and SQL
// triggers refuse any UPDATE or DELETE of their rows: what was signed never changes afterwards, whatever program
// writes into the file (« Enregistrer une copie sans historique » drops them in its copy only, see
// core/features/versions/clean-copy.ts).
// IMMUTABLE once released: change the schema with a new file.
import type { Migration } from './types';

const IMMUTABLE = (table: string, what: string) => `
CREATE TRIGGER ${table}_immutable_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${what} : une version figée ne se modifie pas'); END;
CREATE TRIGGER ${table}_immutable_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${what} : une version figée ne se supprime pas'); END;`;

export const migration007: Migration = {
  version: 7,
  name: 'versions figées et signatures',
  up(db) {
    db.exec(`
CREATE TABLE version (
  id TEXT PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
  frozen_at TEXT NOT NULL,
  frozen_by TEXT NOT NULL,
  frozen_by_id TEXT,
  content_json TEXT NOT NULL,
  content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
  pdf BLOB NOT NULL,
  pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
  blocks_json TEXT NOT NULL,
  signatories_total INTEGER NOT NULL CHECK (signatories_total >= 0)
);
CREATE TABLE version_signature (
  id TEXT PRIMARY KEY,
  version_id TEXT NOT NULL REFERENCES version(id),
  position INTEGER NOT NULL CHECK (position >= 1),
  signatory_id TEXT,
  signer_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('drawn', 'pades', 'imported')),
  signed_at TEXT NOT NULL,
  signed_by TEXT NOT NULL,
  pdf BLOB NOT NULL,
  pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
  UNIQUE (version_id, position)
);
CREATE INDEX version_signature_by_version ON version_signature (version_id, position);
${IMMUTABLE('version', 'Version figée')}
${IMMUTABLE('version_signature', 'Signature')}
`);
  },
};
