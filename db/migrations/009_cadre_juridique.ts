// Migration 9: le cadre juridique du protocole (issue 16). The protocole's row gains what makes it an act a
// préfecture signs: the document type (NULL: chosen from the contrat's period), the avenant's number, the visas, the
// considérants and the numbered articles (JSON; NULL: Trame's default texts, core/features/protocole/legal.ts), and
// the partners explicitly marked as not signing (a JSON array of partner ids). Same row, same journal: each change
// is one undoable step; the journal triggers are regenerated for the new columns (migration 6's pattern).
// IMMUTABLE once released: change the schema with a new file.
import { regenerateJournalTriggers } from '../journal';
import type { Migration } from './types';

const jsonArrayOrNull = (col: string) => `CHECK (${col} IS NULL OR (json_valid(${col}) AND json_type(${col}) = 'array'))`;

export const migration009: Migration = {
  version: 9,
  name: 'cadre juridique du protocole',
  up(db) {
    db.exec(`
      ALTER TABLE protocole ADD COLUMN doc_type TEXT CHECK (doc_type IS NULL OR doc_type IN ('contrat-ville', 'protocole', 'avenant'));
      ALTER TABLE protocole ADD COLUMN avenant_number INTEGER CHECK (avenant_number IS NULL OR avenant_number BETWEEN 1 AND 999);
      ALTER TABLE protocole ADD COLUMN visas TEXT ${jsonArrayOrNull('visas')};
      ALTER TABLE protocole ADD COLUMN considerants TEXT ${jsonArrayOrNull('considerants')};
      ALTER TABLE protocole ADD COLUMN articles TEXT ${jsonArrayOrNull('articles')};
      ALTER TABLE protocole ADD COLUMN non_signing TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(non_signing) AND json_type(non_signing) = 'array');
    `);
    regenerateJournalTriggers(db, 'protocole');
  },
};
