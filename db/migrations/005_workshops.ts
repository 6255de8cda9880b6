// Migration 5: ateliers et relevés (issue 8). PLACEHOLDER reserved for that work: it changes nothing yet.
// IMMUTABLE once released: change the schema with a new file.
import type { Migration } from './types';

export const migration005: Migration = {
  version: 5,
  name: 'ateliers et relevés',
  up() {
    // reserved
  },
};
