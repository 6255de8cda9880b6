// Migration 2: enumerations checked by lookup tables (a later migration only INSERTs a value), identities (document,
// replica, journal groups with UUID, author id and hybrid logical clock), journal ids never reused (AUTOINCREMENT),
// journal triggers generated from the live schema. IMMUTABLE once released.
//
// Tables are rebuilt the SQLite way (https://sqlite.org/lang_altertable.html#otheralter), foreign keys off (the
// registry turns them off and runs foreign_key_check before commit): the old table is renamed with
// legacy_alter_table=ON, so that the other tables' REFERENCES clauses keep naming it, then created anew, filled, dropped.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { formatHlc, tickHlc, type Hlc } from '../../core/domain/hlc';
import { placeOf, uuidFrom } from '../identity';
import { dropJournalTriggers, regenerateJournalTriggers } from '../journal';
import type { Migration } from './types';

const ENUMS: Record<string, readonly string[]> = {
  enum_pillar: ['emploi'],
  enum_node_kind: ['enjeu', 'objectif', 'action', 'indicateur'],
  enum_tag: ['ajouter', 'garder', 'repenser', 'renouveler', 'jeter', 'mettre-en-veille'],
  enum_direction: ['hausse', 'baisse'],
  enum_measurement_scope: ['qpv', 'reference'],
  enum_partner_type: [
    'etat', 'collectivite', 'service-public-emploi', 'entreprise', 'formation', 'insertion', 'association', 'social',
    'habitants', 'financeur', 'autre',
  ],
  enum_commitment_status: ['propose', 'acte', 'en-cours', 'tenu', 'partiellement-tenu', 'non-tenu', 'abandonne'],
};

/** Free-text columns of schema 1 that become enumerations: values already in a file are kept as enumeration values. */
const KEPT_VALUES: [string, string, string][] = [
  ['enum_partner_type', 'partner', 'type'],
  ['enum_commitment_status', 'commitment', 'status'],
];

const JOURNALED = ['contrat', 'qpv', 'node', 'indicator', 'measurement', 'partner', 'commitment', 'commitment_node', 'signatory'];

const REBUILT: { table: string; cols: string; sql: string }[] = [
  {
    table: 'contrat',
    cols: 'id, name, epci, pillar, period_start, period_end, created_at',
    sql: `CREATE TABLE contrat (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  epci TEXT NOT NULL,
  pillar TEXT NOT NULL DEFAULT 'emploi' REFERENCES enum_pillar(value),
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  created_at TEXT NOT NULL
);`,
  },
  {
    table: 'node',
    cols: 'id, parent_id, kind, position, title, description, tag, tag_note',
    sql: `CREATE TABLE node (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES node(id),
  kind TEXT NOT NULL REFERENCES enum_node_kind(value),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  tag TEXT REFERENCES enum_tag(value),
  tag_note TEXT
);
CREATE INDEX node_by_parent ON node (parent_id, position);`,
  },
  {
    table: 'indicator',
    cols: 'node_id, unit, direction, baseline_value, baseline_date, target_value, target_date, reference_label, reference_value, reference_date, source',
    sql: `CREATE TABLE indicator (
  node_id TEXT PRIMARY KEY REFERENCES node(id),
  unit TEXT,
  direction TEXT REFERENCES enum_direction(value),
  baseline_value REAL,
  baseline_date TEXT,
  target_value REAL,
  target_date TEXT,
  reference_label TEXT,
  reference_value REAL,
  reference_date TEXT,
  source TEXT
);`,
  },
  {
    table: 'measurement',
    cols: 'id, node_id, position, date, value, scope',
    sql: `CREATE TABLE measurement (
  id TEXT PRIMARY KEY,
  node_id TEXT NOT NULL REFERENCES node(id),
  position INTEGER NOT NULL,
  date TEXT NOT NULL,
  value REAL NOT NULL,
  scope TEXT NOT NULL DEFAULT 'qpv' REFERENCES enum_measurement_scope(value)
);
CREATE INDEX measurement_by_node ON measurement (node_id, position);`,
  },
  {
    table: 'partner',
    cols: 'id, position, name, type',
    sql: `CREATE TABLE partner (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT REFERENCES enum_partner_type(value)
);`,
  },
  {
    table: 'commitment',
    cols: 'id, position, partner_id, text, target_value, target_unit, indicator_id, due, status',
    sql: `CREATE TABLE commitment (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  partner_id TEXT NOT NULL REFERENCES partner(id),
  text TEXT NOT NULL,
  target_value REAL,
  target_unit TEXT,
  indicator_id TEXT REFERENCES node(id),
  due TEXT,
  status TEXT REFERENCES enum_commitment_status(value)
);`,
  },
  {
    table: 'journal_change',
    cols: 'id, group_id, tbl, row_key, before, after',
    sql: `CREATE TABLE journal_change (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id INTEGER NOT NULL REFERENCES journal_group(id),
  tbl TEXT NOT NULL,
  row_key TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX journal_change_by_group ON journal_change (group_id);`,
  },
];

const JOURNAL_GROUP = `CREATE TABLE journal_group (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL UNIQUE,
  replica_id TEXT NOT NULL,
  author_id TEXT,
  author TEXT NOT NULL,
  hlc TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  label TEXT NOT NULL,
  focus_undo TEXT,
  focus_redo TEXT,
  undone INTEGER NOT NULL DEFAULT 0
);
-- Undo looks for the last group not undone, redo for the first undone one: both by this index.
CREATE INDEX journal_group_by_undone ON journal_group (undone, id);`;

const IDENTITY = `CREATE TABLE document_identity (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  document_id TEXT NOT NULL,
  replica_id TEXT NOT NULL,
  replica_place TEXT NOT NULL
);`;

interface GroupV1 {
  id: number; at: string; author: string; label: string; focus_undo: string | null; focus_redo: string | null; undone: number;
}

function rebuild(db: Database, table: string, cols: string, sql: string): void {
  db.exec(`ALTER TABLE ${table} RENAME TO ${table}_v1`);
  // Its indexes followed it under their names: free the names for the new table's.
  const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(`${table}_v1`) as { name: string }[];
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  db.exec(sql);
  db.exec(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM ${table}_v1`);
  db.exec(`DROP TABLE ${table}_v1`);
}

export const migration002: Migration = {
  version: 2,
  name: 'énumérations, identités, horloge du journal',
  up(db) {
    for (const t of JOURNALED) dropJournalTriggers(db, t);
    for (const [table, values] of Object.entries(ENUMS)) {
      db.exec(`CREATE TABLE ${table} (value TEXT PRIMARY KEY) WITHOUT ROWID;`);
      const ins = db.prepare(`INSERT INTO ${table} (value) VALUES (?)`);
      for (const v of values) ins.run(v);
    }
    for (const [table, from, col] of KEPT_VALUES) {
      db.exec(`INSERT OR IGNORE INTO ${table} (value) SELECT DISTINCT ${col} FROM ${from} WHERE ${col} IS NOT NULL`);
    }

    // The document: copies of one schema-1 contrat are the same document, so its id is derived from what they share
    // (the moment it was created); this copy gets a replica id of its own.
    const contrat = db.prepare('SELECT created_at FROM contrat WHERE id = 1').get() as { created_at: string } | undefined;
    const documentId = contrat ? uuidFrom(`trame:document:v1\0${contrat.created_at}`) : randomUUID();
    const replicaId = randomUUID();
    db.exec(IDENTITY);
    db.prepare('INSERT INTO document_identity (id, document_id, replica_id, replica_place) VALUES (1, ?, ?, ?)').run(
      documentId, replicaId, placeOf(db.name),
    );

    const old = db.prepare('SELECT id, at, author, label, focus_undo, focus_redo, undone FROM journal_group ORDER BY id').all() as GroupV1[];
    db.pragma('legacy_alter_table = ON');
    try {
      for (const r of REBUILT) rebuild(db, r.table, r.cols, r.sql);
      db.exec('ALTER TABLE journal_group RENAME TO journal_group_v1');
      db.exec('DROP INDEX journal_group_by_undone');
      db.exec(JOURNAL_GROUP);
      // Old groups: a UUID derived from the document and the step (the same in every copy of the file), this file's
      // replica id, no author id (the name is kept), and clock times in their order.
      const ins = db.prepare(
        `INSERT INTO journal_group (id, uuid, replica_id, author_id, author, hlc, at, label, focus_undo, focus_redo, undone)
         VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
      );
      let clock: Hlc | null = null;
      for (const g of old) {
        clock = tickHlc(clock, Date.parse(g.at) || 0, replicaId);
        const uuid = uuidFrom(`trame:group:v1\0${documentId}\0${g.id}\0${g.at}\0${g.author}\0${g.label}`);
        ins.run(g.id, uuid, replicaId, g.author, formatHlc(clock), g.at, g.label, g.focus_undo, g.focus_redo, g.undone);
      }
      db.exec('DROP TABLE journal_group_v1');
    } finally {
      db.pragma('legacy_alter_table = OFF');
    }
    for (const t of JOURNALED) regenerateJournalTriggers(db, t);
  },
};
