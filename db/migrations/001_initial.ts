// Migration 1: the first schema of a .trame file. IMMUTABLE once released: change the schema with a new file.
// Its trigger generator is a frozen copy: files in the wild hold exactly this SQL (db/journal generates later ones).
import type { Migration } from './types';

const KINDS = "'enjeu','objectif','action','indicateur'";
const TAGS = "'ajouter','garder','repenser','renouveler','jeter','mettre-en-veille'";

// Tables whose rows the change journal records, with their key and all their columns (as in this version).
// The journal keeps before/after images of each row so that undo/redo is a generic row restore.
const JOURNALED: { table: string; key: string[]; cols: string[] }[] = [
  { table: 'contrat', key: ['id'], cols: ['id', 'name', 'epci', 'pillar', 'period_start', 'period_end', 'created_at'] },
  { table: 'qpv', key: ['id'], cols: ['id', 'position', 'code', 'name', 'commune'] },
  { table: 'node', key: ['id'], cols: ['id', 'parent_id', 'kind', 'position', 'title', 'description', 'tag', 'tag_note'] },
  {
    table: 'indicator',
    key: ['node_id'],
    cols: ['node_id', 'unit', 'direction', 'baseline_value', 'baseline_date', 'target_value', 'target_date',
      'reference_label', 'reference_value', 'reference_date', 'source'],
  },
  { table: 'measurement', key: ['id'], cols: ['id', 'node_id', 'position', 'date', 'value', 'scope'] },
  { table: 'partner', key: ['id'], cols: ['id', 'position', 'name', 'type'] },
  {
    table: 'commitment',
    key: ['id'],
    cols: ['id', 'position', 'partner_id', 'text', 'target_value', 'target_unit', 'indicator_id', 'due', 'status'],
  },
  { table: 'commitment_node', key: ['commitment_id', 'node_id'], cols: ['commitment_id', 'node_id', 'position'] },
  { table: 'signatory', key: ['id'], cols: ['id', 'position', 'partner_id', 'name', 'role'] },
];

function journalTriggers(t: { table: string; key: string[]; cols: string[] }): string {
  const obj = (p: 'OLD' | 'NEW') => `json_object(${t.cols.map((c) => `'${c}', ${p}.${c}`).join(', ')})`;
  const key = (p: 'OLD' | 'NEW') => `json_array(${t.key.map((c) => `${p}.${c}`).join(', ')})`;
  const when = 'WHEN (SELECT group_id FROM journal_ctx WHERE id = 1) IS NOT NULL';
  const ins = (before: string, after: string, k: string) =>
    `INSERT INTO journal_change (group_id, tbl, row_key, before, after) VALUES ((SELECT group_id FROM journal_ctx WHERE id = 1), '${t.table}', ${k}, ${before}, ${after});`;
  return `
CREATE TRIGGER ${t.table}_journal_insert AFTER INSERT ON ${t.table} ${when}
BEGIN ${ins('NULL', obj('NEW'), key('NEW'))} END;
CREATE TRIGGER ${t.table}_journal_update AFTER UPDATE ON ${t.table} ${when}
BEGIN ${ins(obj('OLD'), obj('NEW'), key('OLD'))} END;
CREATE TRIGGER ${t.table}_journal_delete AFTER DELETE ON ${t.table} ${when}
BEGIN ${ins(obj('OLD'), 'NULL', key('OLD'))} END;`;
}

const SQL = `
CREATE TABLE contrat (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  epci TEXT NOT NULL,
  pillar TEXT NOT NULL DEFAULT 'emploi' CHECK (pillar IN ('emploi')),
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE qpv (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  commune TEXT
);
CREATE TABLE node (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES node(id),
  kind TEXT NOT NULL CHECK (kind IN (${KINDS})),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  tag TEXT CHECK (tag IS NULL OR tag IN (${TAGS})),
  tag_note TEXT
);
CREATE INDEX node_by_parent ON node (parent_id, position);
CREATE TABLE indicator (
  node_id TEXT PRIMARY KEY REFERENCES node(id),
  unit TEXT,
  direction TEXT CHECK (direction IS NULL OR direction IN ('hausse', 'baisse')),
  baseline_value REAL,
  baseline_date TEXT,
  target_value REAL,
  target_date TEXT,
  reference_label TEXT,
  reference_value REAL,
  reference_date TEXT,
  source TEXT
);
CREATE TABLE measurement (
  id TEXT PRIMARY KEY,
  node_id TEXT NOT NULL REFERENCES node(id),
  position INTEGER NOT NULL,
  date TEXT NOT NULL,
  value REAL NOT NULL,
  scope TEXT NOT NULL DEFAULT 'qpv' CHECK (scope IN ('qpv', 'reference'))
);
CREATE INDEX measurement_by_node ON measurement (node_id, position);
CREATE TABLE partner (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT
);
CREATE TABLE commitment (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  partner_id TEXT NOT NULL REFERENCES partner(id),
  text TEXT NOT NULL,
  target_value REAL,
  target_unit TEXT,
  indicator_id TEXT REFERENCES node(id),
  due TEXT,
  status TEXT
);
CREATE TABLE commitment_node (
  commitment_id TEXT NOT NULL REFERENCES commitment(id),
  node_id TEXT NOT NULL REFERENCES node(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (commitment_id, node_id)
);
CREATE INDEX commitment_node_by_node ON commitment_node (node_id);
CREATE TABLE signatory (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  partner_id TEXT NOT NULL REFERENCES partner(id),
  name TEXT NOT NULL,
  role TEXT
);
CREATE TABLE journal_group (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  author TEXT NOT NULL,
  label TEXT NOT NULL,
  focus_undo TEXT,
  focus_redo TEXT,
  undone INTEGER NOT NULL DEFAULT 0
);
-- Undo looks for the last group not undone, redo for the first undone one: both by this index.
CREATE INDEX journal_group_by_undone ON journal_group (undone, id);
CREATE TABLE journal_change (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES journal_group(id),
  tbl TEXT NOT NULL,
  row_key TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX journal_change_by_group ON journal_change (group_id);
CREATE TABLE journal_ctx (id INTEGER PRIMARY KEY CHECK (id = 1), group_id INTEGER);
INSERT INTO journal_ctx (id, group_id) VALUES (1, NULL);
${JOURNALED.map(journalTriggers).join('\n')}
`;

export const migration001: Migration = {
  version: 1,
  name: 'schéma initial',
  up(db) {
    db.exec(SQL);
  },
};

/** The journaled tables of schema 1 (frozen; the live list is read from the schema, see db/journal). */
export const JOURNALED_V1 = JOURNALED;
