// Migration 3 on a real schema-2 file on disk: every row kept, the new tables journaled, their checks in force.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db/migrations';
import { Store } from '../../../db/store';
import { allRows } from '../../db/helpers';
import { tmpDir } from '../../helpers/tmp';
import { readView } from '../../../core/features/commitments';

function v2File(): string {
  const file = path.join(tmpDir(), 'v2.trame');
  const db = new Database(file);
  migrate(db, 2);
  db.exec(`
    INSERT INTO contrat VALUES (1, 'Contrat', 'EPCI', 'emploi', 2024, 2030, '2025-01-02T03:04:05.006Z');
    INSERT INTO node VALUES ('e1', NULL, 'enjeu', 0, 'Enjeu', NULL, NULL, NULL);
    INSERT INTO node VALUES ('a1', 'e1', 'objectif', 0, 'Objectif', NULL, NULL, NULL);
    INSERT INTO partner VALUES ('p1', 0, 'France Travail', 'service-public-emploi');
    INSERT INTO commitment VALUES ('c1', 0, 'p1', 'Faire', 15, '%', NULL, '2026-12-31', 'en-cours');
    INSERT INTO commitment_node VALUES ('c1', 'a1', 0);
    INSERT INTO signatory VALUES ('s1', 0, 'p1', 'Mme X', 'Directrice');
  `);
  db.close();
  return file;
}

describe('migration 003: contacts, funding, status history', () => {
  it('keeps every row of a schema-2 file and adds journaled tables with their checks', () => {
    const file = v2File();
    const db = new Database(file);
    const before = allRows(db);
    migrate(db, 3);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const after = allRows(db);
    for (const [table, rows] of Object.entries(before)) expect(after[table], table).toEqual(rows);
    expect(after.enum_funding_nature.map((r) => r.value)).toEqual(['credits-specifiques', 'droit-commun']);
    for (const t of ['partner_contact', 'commitment_funding', 'commitment_history']) {
      expect(after[t], t).toEqual([]);
      const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name").all(t);
      expect(triggers.map((r) => (r as { name: string }).name)).toEqual([`${t}_journal_delete`, `${t}_journal_insert`, `${t}_journal_update`]);
    }
    db.pragma('foreign_keys = ON');
    expect(() => db.prepare("INSERT INTO commitment_funding VALUES ('c1', -1, 'droit-commun')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO commitment_funding VALUES ('c1', 1, 'europe')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO commitment_history VALUES ('h', 'c1', 0, 'fini', 'x', 'y', NULL, NULL)").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('a migrated file opens in Trame: old commitments read, a status change is journaled and undone', () => {
    const file = v2File();
    const store = Store.open(file, { id: '00000000-0000-4000-8000-000000000001', name: 'Camille' }, { migrationCopyDir: tmpDir() });
    try {
      const v = readView(store);
      expect(v.commitments[0]).toMatchObject({ id: 'c1', status: 'en-cours', history: [], funding: null, nodes: [{ id: 'a1', enjeuId: 'e1' }] });
      expect(v.partners[0]).toMatchObject({ contact: null, signatories: [{ id: 's1', name: 'Mme X' }] });
      store.edit('statut', () => {
        store.run.stmt("UPDATE commitment SET status = 'tenu' WHERE id = 'c1'").run();
        store.run.stmt("INSERT INTO commitment_history VALUES ('h1', 'c1', 0, 'tenu', '2026-01-01T00:00:00Z', 'Camille', NULL, NULL)").run();
        return { undo: null, redo: null };
      });
      expect(readView(store).commitments[0].history).toHaveLength(1);
      store.undo();
      expect(readView(store).commitments[0]).toMatchObject({ status: 'en-cours', history: [] });
    } finally {
      store.close();
    }
  });
});
