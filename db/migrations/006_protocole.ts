// Migration 6: protocole : préambule, parties, gouvernance (issue 11). PLACEHOLDER reserved for that work: it changes nothing yet.
// IMMUTABLE once released: change the schema with a new file.
import type { Migration } from './types';

export const migration006: Migration = {
  version: 6,
  name: 'protocole : préambule, parties, gouvernance',
  up() {
    // reserved
  },
};
