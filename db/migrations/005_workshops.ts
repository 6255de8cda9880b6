// Migration 5: ateliers et relevés (issue 8). A workshop (who started it, when, the journal groups it spans) with the
// people in the room, and its minutes once produced. Not journaled on purpose: Ctrl+Z in a workshop undoes the last
// decision, never the workshop's start or end; the decisions themselves are journaled rows of `node`.
// IMMUTABLE once released: change the schema with a new file.
import type { Migration } from './types';

export const migration005: Migration = {
  version: 5,
  name: 'ateliers et relevés',
  up(db) {
    db.exec(`
CREATE TABLE workshop (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  started_at TEXT NOT NULL,
  ended_at TEXT CHECK (ended_at IS NULL OR ended_at >= started_at),
  started_by TEXT NOT NULL,
  started_by_id TEXT,
  first_group_id INTEGER NOT NULL,
  last_group_id INTEGER,
  minutes TEXT CHECK (minutes IS NULL OR json_valid(minutes))
);
CREATE UNIQUE INDEX workshop_one_open ON workshop ((1)) WHERE ended_at IS NULL;
CREATE TABLE workshop_attendee (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  partner_id TEXT,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
);
CREATE INDEX workshop_attendee_by_workshop ON workshop_attendee (workshop_id, position);
`);
  },
};
