// PLACEHOLDER on branch `protocole` only: number 8 belongs to branch `journal` (its rewrite of the journal). This
// no-op keeps the registry numbered without a gap so that migration 9 runs here; the lead replaces it by the
// `journal` branch's 008 when merging (a file at schema 8 made by this placeholder must never ship).
import type { Migration } from './types';

export const migration008: Migration = { version: 8, name: 'réservée (branche journal)', up() {} };
