// Migration 6: protocole : préambule, parties, gouvernance (issue 11). One row holds the protocole's settings: the
// preamble and the governance text (small markup, core/features/protocole/markup.ts), the place printed in
// « Fait à … », and the parts included in their order (a JSON array of part names). Journaled: each change is one
// undoable step.
// IMMUTABLE once released: change the schema with a new file.
import { regenerateJournalTriggers } from '../journal';
import type { Migration } from './types';

export const DEFAULT_PROTOCOLE_PARTS = '["preambule","strategie","indicateurs","engagements","gouvernance","signatures","annexe"]';

export const migration006: Migration = {
  version: 6,
  name: 'protocole : préambule, parties, gouvernance',
  up(db) {
    db.exec(`
      CREATE TABLE protocole (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        preamble TEXT NOT NULL DEFAULT '',
        governance TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        parts TEXT NOT NULL DEFAULT '${DEFAULT_PROTOCOLE_PARTS}' CHECK (json_valid(parts) AND json_type(parts) = 'array')
      ) STRICT;
      INSERT INTO protocole (id) VALUES (1);
    `);
    regenerateJournalTriggers(db, 'protocole');
  },
};
