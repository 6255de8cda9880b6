// Migration 3: engagements : contacts, financement, historique des statuts (issue 9). PLACEHOLDER reserved for that work: it changes nothing yet.
// IMMUTABLE once released: change the schema with a new file.
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'engagements : contacts, financement, historique des statuts',
  up() {
    // reserved
  },
};
