// Migration 4: indicateurs : fiche, mesures, COPIL (issue 10). PLACEHOLDER reserved for that work: it changes nothing yet.
// IMMUTABLE once released: change the schema with a new file.
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'indicateurs : fiche, mesures, COPIL',
  up() {
    // reserved
  },
};
