// Migration 7: versions figées et signatures (issue 12). PLACEHOLDER reserved for that work: it changes nothing yet.
// IMMUTABLE once released: change the schema with a new file.
import type { Migration } from './types';

export const migration007: Migration = {
  version: 7,
  name: 'versions figées et signatures',
  up() {
    // reserved
  },
};
