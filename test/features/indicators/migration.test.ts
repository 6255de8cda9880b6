// Migration 004 on a real schema-2 file (003 is an empty placeholder on this branch: issue 9 fills it).
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate } from '../../../db/migrations';
import { Store } from '../../../db/store';
import { tmpDir } from '../../helpers/tmp';

function v2File(): string {
  const file = path.join(tmpDir(), 'v2.trame');
  const db = new Database(file);
  migrate(db, 2);
  db.exec(`
    INSERT INTO contrat VALUES (1, 'Contrat', 'EPCI', 'emploi', 2024, 2030, '2025-01-02T03:04:05.006Z');
    INSERT INTO qpv VALUES ('q1', 0, 'QN05901M', 'Les Hauts', NULL);
    INSERT INTO node VALUES ('e1', NULL, 'enjeu', 0, 'Enjeu', NULL, NULL, NULL);
    INSERT INTO node VALUES ('o1', 'e1', 'objectif', 0, 'Objectif', NULL, NULL, NULL);
    INSERT INTO node VALUES ('i1', 'o1', 'indicateur', 0, 'Indicateur', NULL, NULL, NULL);
    INSERT INTO indicator VALUES ('i1', '%', 'baisse', 24.7, '2017', 18, '2030', 'UU', 9.2, '2017', 'ONPV');
    INSERT INTO measurement VALUES ('m1', 'i1', 0, '2024-12-31', 22.1, 'qpv');
    INSERT INTO journal_group (id, uuid, replica_id, author, hlc, at, label) VALUES
      (1, 'g1', 'r1', 'Camille', '001735812000000-000000-r1', '2025-01-02T10:00:00.000Z', 'Corriger');
    UPDATE journal_ctx SET group_id = 1;
    UPDATE indicator SET target_value = 17 WHERE node_id = 'i1';
    INSERT INTO measurement VALUES ('m2', 'i1', 1, '2025', 21.5, 'qpv');
    UPDATE journal_ctx SET group_id = NULL;
  `);
  db.close();
  return file;
}

describe('migration 004: indicator card, measurement source and note, QPV covered, COPIL meetings', () => {
  it('keeps every row, adds empty columns, journals the new tables, and an old step still undoes exactly', () => {
    const file = v2File();
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    expect(migrate(db)).toBe(LATEST_VERSION - 2);
    expect(db.prepare('SELECT * FROM indicator').all()).toEqual([{
      node_id: 'i1', unit: '%', direction: 'baisse', baseline_value: 24.7, baseline_date: '2017', target_value: 17, target_date: '2030',
      reference_label: 'UU', reference_value: 9.2, reference_date: '2017', source: 'ONPV', kind: null, frequency: null, provider_id: null, library_ref: null,
    }]);
    expect(db.prepare('SELECT id, source, note FROM measurement ORDER BY id').all()).toEqual([{ id: 'm1', source: null, note: null }, { id: 'm2', source: null, note: null }]);
    expect(db.prepare('SELECT value FROM enum_indicator_frequency ORDER BY value').pluck().all()).toEqual(['annuelle', 'mensuelle', 'semestrielle', 'trimestrielle']);
    // Enumerations are checked by foreign key.
    expect(() => db.prepare("UPDATE indicator SET kind = 'impact' WHERE node_id = 'i1'").run()).toThrow(/FOREIGN KEY/);
    db.close();

    const store = Store.open(file, 'Dominique');
    store.undo();
    expect(store.db.prepare('SELECT target_value FROM indicator').pluck().get()).toBe(18);
    expect(store.db.prepare('SELECT id FROM measurement').pluck().all()).toEqual(['m1']);
    store.redo();
    // New tables are journaled: one step, undone whole.
    store.edit('COPIL et QPV', () => {
      store.db.prepare("INSERT INTO copil VALUES ('k1', '2025-11-20', 'COPIL annuel', NULL)").run();
      store.db.prepare("INSERT INTO indicator_qpv VALUES ('i1', 'QN05901M', 0)").run();
      store.db.prepare("UPDATE indicator SET kind = 'resultat', frequency = 'annuelle' WHERE node_id = 'i1'").run();
      return { undo: null, redo: null };
    });
    store.undo();
    expect(store.db.prepare('SELECT count(*) FROM copil').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM indicator_qpv').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT kind FROM indicator').pluck().get()).toBeNull();
    store.redo();
    // Deleting a node takes its QPV rows with it (ON DELETE CASCADE), journaled and undone with it.
    store.edit('Supprimer', () => {
      store.db.prepare("DELETE FROM measurement WHERE node_id = 'i1'").run();
      store.db.prepare("DELETE FROM indicator WHERE node_id = 'i1'").run();
      store.db.prepare("DELETE FROM node WHERE id = 'i1'").run();
      return { undo: null, redo: null };
    });
    expect(store.db.prepare('SELECT count(*) FROM indicator_qpv').pluck().get()).toBe(0);
    store.undo();
    expect(store.db.prepare('SELECT qpv_code FROM indicator_qpv').pluck().all()).toEqual(['QN05901M']);
    expect(store.integrity()).toBe('ok');
    store.close();
  });
});
