// Migration 4: indicateurs : fiche, mesures, COPIL (issue 10). IMMUTABLE once released: change the schema with a new file.
// The indicator card gains its kind, frequency, data provider and national-library entry; a measurement its source
// and note; the QPV an indicator covers get their own table (no row = every QPV of the contrat); the COPIL meetings
// held get theirs. All journaled: each user action on them is one undoable step.
import { regenerateJournalTriggers, upgradeImages } from '../journal';
import type { Migration } from './types';

const ENUMS: Record<string, readonly string[]> = {
  enum_indicator_kind: ['realisation', 'resultat'],
  enum_indicator_frequency: ['annuelle', 'semestrielle', 'trimestrielle', 'mensuelle'],
};

const SQL = `
ALTER TABLE indicator ADD COLUMN kind TEXT REFERENCES enum_indicator_kind(value);
ALTER TABLE indicator ADD COLUMN frequency TEXT REFERENCES enum_indicator_frequency(value);
ALTER TABLE indicator ADD COLUMN provider_id TEXT REFERENCES partner(id) ON DELETE SET NULL;
ALTER TABLE indicator ADD COLUMN library_ref TEXT;
ALTER TABLE measurement ADD COLUMN source TEXT;
ALTER TABLE measurement ADD COLUMN note TEXT;
-- By QPV code, not by qpv row: editing the contrat's QPV list rewrites its rows (new ids), and the coverage must
-- survive that; a code no longer in the contrat is ignored when read.
CREATE TABLE indicator_qpv (
  node_id TEXT NOT NULL REFERENCES node(id) ON DELETE CASCADE,
  qpv_code TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (node_id, qpv_code)
);
CREATE TABLE copil (
  id TEXT PRIMARY KEY,
  date TEXT NOT NULL,
  title TEXT NOT NULL,
  note TEXT
);
CREATE INDEX copil_by_date ON copil (date);
-- « Depuis le dernier COPIL » reads the journal from a date on.
CREATE INDEX journal_group_by_at ON journal_group (at);
`;

export const migration004: Migration = {
  version: 4,
  name: 'indicateurs : fiche, mesures, COPIL',
  up(db) {
    for (const [table, values] of Object.entries(ENUMS)) {
      db.exec(`CREATE TABLE ${table} (value TEXT PRIMARY KEY) WITHOUT ROWID;`);
      const ins = db.prepare(`INSERT INTO ${table} (value) VALUES (?)`);
      for (const v of values) ins.run(v);
    }
    db.exec(SQL);
    // Steps recorded before this migration stay undoable: their images gain the new columns, empty as they were.
    upgradeImages(db, 'indicator', { add: { kind: null, frequency: null, provider_id: null, library_ref: null } });
    upgradeImages(db, 'measurement', { add: { source: null, note: null } });
    for (const t of ['indicator', 'measurement', 'indicator_qpv', 'copil']) regenerateJournalTriggers(db, t);
  },
};
