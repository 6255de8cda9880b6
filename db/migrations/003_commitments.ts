// Migration 3: engagements : contacts, financement, historique des statuts (issue 9).
// IMMUTABLE once released: change the schema with a new file.
//
// New tables beside partner and commitment rather than new columns: rows of schema 2 stay exactly as they were (no
// rebuild, no image upgrade of the journal), and a partner without contact or a commitment without funding is simply
// a missing row. Every new table is journaled, so each user action on them is one undoable step.
import { regenerateJournalTriggers } from '../journal';
import type { Migration } from './types';

const SQL = `
CREATE TABLE enum_funding_nature (value TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO enum_funding_nature (value) VALUES ('droit-commun'), ('credits-specifiques');
CREATE TABLE partner_contact (
  partner_id TEXT PRIMARY KEY REFERENCES partner(id),
  name TEXT,
  email TEXT,
  phone TEXT
);
CREATE TABLE commitment_funding (
  commitment_id TEXT PRIMARY KEY REFERENCES commitment(id),
  amount REAL CHECK (amount IS NULL OR amount >= 0),
  nature TEXT REFERENCES enum_funding_nature(value)
);
CREATE TABLE commitment_history (
  id TEXT PRIMARY KEY,
  commitment_id TEXT NOT NULL REFERENCES commitment(id),
  position INTEGER NOT NULL,
  status TEXT NOT NULL REFERENCES enum_commitment_status(value),
  at TEXT NOT NULL,
  author TEXT NOT NULL,
  author_id TEXT,
  note TEXT
);
CREATE INDEX commitment_history_by_commitment ON commitment_history (commitment_id, position);
CREATE INDEX commitment_by_partner ON commitment (partner_id);
CREATE INDEX signatory_by_partner ON signatory (partner_id);
`;

/** The tables this migration creates and journals. */
export const JOURNALED_V3 = ['partner_contact', 'commitment_funding', 'commitment_history'] as const;

export const migration003: Migration = {
  version: 3,
  name: 'engagements : contacts, financement, historique des statuts',
  up(db) {
    db.exec(SQL);
    for (const t of JOURNALED_V3) regenerateJournalTriggers(db, t);
  },
};
