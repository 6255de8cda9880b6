// .trame files Trame must refuse. Each `make` writes the file into `dir` and returns its path.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createEmpty } from '../../core/features/contrat/queries';
import { APPLICATION_ID, LATEST_VERSION } from '../../db/migrations';
import { Store } from '../../db/store';
import { addNode } from '../../core/features/tree/queries';

export interface FileCase {
  name: string;
  make(dir: string): string;
  expect: RegExp;
  details?: RegExp;
  /**
   * Seen only by SQLite's full integrity_check: the open (quick_check) lets it through, the full check run once the
   * contrat is shown (job doc.fullCheck) reports it for the banner, and a read-only open (`trame show`) refuses it.
   */
  fullCheckOnly?: true;
  /**
   * Seen by the content checks, which an open for editing runs after the first screen: refused then (job
   * doc.fullCheck, the same French message for the banner), every write refused with it, the file unchanged.
   */
  contentAfterShown?: true;
}

function valid(dir: string, name: string): string {
  const file = path.join(dir, name);
  createEmpty(file, { name: 'Corpus', epci: 'EPCI', period: { start: 2024, end: 2030 }, qpv: [] });
  const s = Store.open(file, 'corpus');
  for (let i = 0; i < 30; i++) addNode(s, { parentId: null, title: `Enjeu ${i} ${'x'.repeat(200)}` });
  s.close();
  return file;
}

function edit(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
}

/** A valid contrat whose schema was then changed by hand with `sql`. */
function altered(name: string, file: string, sql: string): FileCase {
  return {
    name,
    make: (dir) => {
      const f = valid(dir, file);
      edit(f, sql);
      return f;
    },
    expect: /structure modifiée/,
  };
}

/** A valid contrat whose rows were then changed by hand with `sql`: refused once shown, with the list of problems. */
function content(name: string, file: string, sql: string, detail: RegExp): FileCase {
  return {
    name,
    make: (dir) => {
      const f = valid(dir, file);
      edit(f, sql);
      return f;
    },
    expect: /ne respectent pas les règles de Trame/,
    details: detail,
    contentAfterShown: true,
  };
}

export const TRAME_CASES: FileCase[] = [
  {
    name: 'octets aléatoires',
    make: (dir) => {
      const f = path.join(dir, 'aleatoire.trame');
      writeFileSync(f, randomBytes(16_384));
      return f;
    },
    expect: /pas une base de données SQLite/,
  },
  {
    name: 'fichier texte renommé',
    make: (dir) => {
      const f = path.join(dir, 'texte.trame');
      writeFileSync(f, 'Contrat de ville\n'.repeat(100));
      return f;
    },
    expect: /pas une base de données SQLite/,
  },
  { name: 'fichier vide', make: (dir) => { const f = path.join(dir, 'vide.trame'); writeFileSync(f, ''); return f; }, expect: /est vide/ },
  {
    name: '.trame tronqué',
    make: (dir) => {
      const f = valid(dir, 'tronque.trame');
      truncateSync(f, Math.floor(statSync(f).size / 2));
      return f;
    },
    expect: /endommagé|illisible/,
  },
  {
    name: 'en-tête SQLite seul',
    make: (dir) => {
      const f = valid(dir, 'entete.trame');
      truncateSync(f, 100);
      return f;
    },
    expect: /endommagé|illisible|pas un contrat/,
  },
  {
    name: "base SQLite d'une autre application",
    make: (dir) => {
      const f = path.join(dir, 'autre.trame');
      edit(f, 'CREATE TABLE notes (t TEXT); PRAGMA application_id = 42;');
      return f;
    },
    expect: /autre application/,
  },
  {
    name: 'version future',
    make: (dir) => {
      const f = valid(dir, 'futur.trame');
      edit(f, `PRAGMA user_version = ${LATEST_VERSION + 1};`);
      return f;
    },
    expect: /version plus récente de Trame/,
  },
  {
    name: "contrôle d'intégrité en échec",
    make: (dir) => {
      const f = valid(dir, 'corrompu.trame');
      const buf = readFileSync(f);
      for (let i = 4096 * 2; i < buf.length; i += 53) buf[i] ^= 0x5a;
      writeFileSync(f, buf);
      return f;
    },
    expect: /endommagé|illisible/,
  },
  {
    name: 'index désaccordé de sa table (seul integrity_check le voit)',
    make: (dir) => {
      const f = valid(dir, 'index.trame');
      const original = readFileSync(f);
      // Change every order key in place (same record sizes), then put back the index pages of the original:
      // the table and its index now disagree, while every page is well-formed (quick_check passes).
      edit(f, 'UPDATE node SET order_key = upper(order_key);');
      const db = new Database(f, { readonly: true });
      const root = (db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'node_by_parent'").get() as { rootpage: number }).rootpage;
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.close();
      const buf = readFileSync(f);
      original.copy(buf, (root - 1) * pageSize, (root - 1) * pageSize, root * pageSize);
      writeFileSync(f, buf);
      const check = new Database(f, { readonly: true });
      const quick = check.pragma('quick_check', { simple: true });
      check.close();
      if (quick !== 'ok') throw new Error(`cas mal construit : quick_check = ${String(quick)}`);
      return f;
    },
    expect: /endommagé/,
    fullCheckOnly: true,
  },
  altered('table supprimée à la main', 'table.trame', 'DROP TABLE signatory;'),
  altered('déclencheur ajouté à la main', 'trigger.trame', 'CREATE TRIGGER espion AFTER UPDATE ON node BEGIN DELETE FROM node; END;'),
  altered('vue ajoutée à la main', 'vue.trame', 'CREATE VIEW v AS SELECT * FROM node;'),
  altered(
    'déclencheur du journal modifié',
    'journal.trame',
    'DROP TRIGGER node_journal_update; CREATE TRIGGER node_journal_update AFTER UPDATE ON node BEGIN SELECT 1; END;',
  ),
  altered('colonne ajoutée', 'colonne.trame', 'ALTER TABLE node ADD COLUMN extra TEXT;'),
  {
    name: "marque de Trame, schéma 0 et aucune table (jamais mis à jour en place)",
    make: (dir) => {
      const f = path.join(dir, 'schema0.trame');
      edit(f, `PRAGMA application_id = ${APPLICATION_ID}; CREATE TABLE t (x); DROP TABLE t;`);
      return f;
    },
    expect: /ne contient aucun contrat \(schéma 0/,
  },
  content('bon schéma mais aucune fiche de contrat', 'sans-contrat.trame', 'DELETE FROM contrat;', /aucune fiche de contrat/),
  content('titre stocké en BLOB', 'blob.trame', "UPDATE node SET title = CAST(title AS BLOB) WHERE rowid = 1;", /colonne title : .*blob/),
  content(
    'élément orphelin (parent absent)',
    'orphelin.trame',
    "PRAGMA foreign_keys = OFF; UPDATE node SET parent_id = 'absent' WHERE rowid = 2;",
    /parent n'existe pas/,
  ),
  content(
    'éléments en boucle',
    'boucle.trame',
    `PRAGMA foreign_keys = OFF; INSERT INTO node (id, parent_id, kind, order_key, title) VALUES ('b1', 'b2', 'objectif', 'a0', 'Boucle 1'), ('b2', 'b1', 'objectif', 'a0', 'Boucle 2');`,
    /boucle/,
  ),
  content(
    'imbrication 200 000 niveaux (chaîne d’objectifs)',
    'profond.trame',
    `PRAGMA foreign_keys = OFF; WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200000)
     INSERT INTO node (id, parent_id, kind, order_key, title) SELECT 'p' || i, CASE WHEN i = 1 THEN (SELECT id FROM node WHERE rowid = 1) ELSE 'p' || (i - 1) END, 'objectif', 'a0', 'Niveau ' || i FROM c;`,
    /imbrication interdite, objectif sous un\(e\) objectif/,
  ),
  content(
    'action directement sous un enjeu',
    'imbrication.trame',
    "INSERT INTO node (id, parent_id, kind, order_key, title) VALUES ('a1', (SELECT id FROM node WHERE rowid = 1), 'action', 'a0', 'Action mal placée');",
    /imbrication interdite, action sous un\(e\) enjeu/,
  ),
  content(
    'historique altéré (JSON invalide)',
    'journal-altere.trame',
    "UPDATE journal_change SET after = '{nope' WHERE id = (SELECT min(id) FROM journal_change);",
    /historique des modifications altéré/,
  ),
  content(
    'historique altéré (JSON valide mais pas un objet)',
    'journal-tableau.trame',
    "UPDATE journal_change SET before = '[1, 2]', after = '42' WHERE id = (SELECT max(id) FROM journal_change);",
    /historique des modifications altéré/,
  ),
  {
    name: 'un dossier nommé .trame',
    make: (dir) => {
      const f = path.join(dir, 'dossier.trame');
      require('node:fs').mkdirSync(f);
      return f;
    },
    expect: /est un dossier/,
  },
];
