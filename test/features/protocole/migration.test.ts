// Migration 6 on a real file of schema 5: the protocole's settings appear with their defaults, every other row is
// kept, and a change of the settings is one journaled step that undo and redo replay exactly.
import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate } from '../../../db/migrations';
import { Store } from '../../../db/store';
import { readSettings, updateSettings } from '../../../core/features/protocole/queries';
import { tmpDir } from '../../helpers/tmp';

const GOLDEN = path.resolve(__dirname, '../../fixtures/golden-v1.trame');

describe('migration 6 : réglages du protocole', () => {
  it('un fichier de schéma 5 s’ouvre, garde ses lignes, gagne les réglages par défaut ; une modification s’annule', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'v5.trame');
    copyFileSync(GOLDEN, file);
    // A real schema-5 file: the golden schema-1 file brought to 5 by the migrations of that time.
    const raw = new Database(file);
    migrate(raw, 5);
    expect(raw.pragma('user_version', { simple: true })).toBe(5);
    // node.position becomes node.order_key in migration 8 (test/db/journal-append.test.ts): the other columns stay.
    const NODE_COLS = 'SELECT id, parent_id, kind, title, description, tag, tag_note FROM node ORDER BY id';
    const nodesBefore = raw.prepare(NODE_COLS).all();
    const groupsBefore = (raw.prepare('SELECT count(*) AS n FROM journal_group').get() as { n: number }).n;
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'protocole'").all()).toEqual([]);
    raw.close();

    const store = Store.open(file, { id: randomUUID(), name: 'Dominique' }, { migrationCopyDir: path.join(dir, 'copies') });
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(store.db.prepare(NODE_COLS).all()).toEqual(nodesBefore);
      expect(readSettings(store)).toEqual({
        preamble: '', governance: '', place: '',
        parts: ['preambule', 'strategie', 'indicateurs', 'engagements', 'gouvernance', 'signatures', 'annexe'],
        frame: { documentType: null, avenantNumber: null, visas: null, considerants: null, articles: null, nonSigning: [] },
      });
      // Journaled: the migration itself recorded nothing, an edit is one step.
      expect((store.db.prepare('SELECT count(*) AS n FROM journal_group').get() as { n: number }).n).toBe(groupsBefore);
      updateSettings(store, { preamble: 'Texte **gras**', parts: ['annexe', 'preambule'] });
      expect(store.journal(1)[0].label).toBe('Modifier le protocole');
      expect(readSettings(store).parts).toEqual(['annexe', 'preambule']);
      store.undo();
      expect(readSettings(store).preamble).toBe('');
      expect(readSettings(store).parts).toHaveLength(7);
      store.redo();
      expect(readSettings(store)).toMatchObject({ preamble: 'Texte **gras**', parts: ['annexe', 'preambule'] });
      // Migration 9: the legal frame's columns are journaled like the rest of the row.
      updateSettings(store, { frame: { visas: ['Vu la loi ;'], documentType: 'avenant', nonSigning: ['p1'] } });
      expect(store.journal(1)[0].label).toBe('Modifier le cadre juridique');
      expect(readSettings(store).frame).toMatchObject({ visas: ['Vu la loi ;'], documentType: 'avenant', nonSigning: ['p1'] });
      store.undo();
      expect(readSettings(store).frame).toEqual({ documentType: null, avenantNumber: null, visas: null, considerants: null, articles: null, nonSigning: [] });
      expect(() => store.db.prepare("UPDATE protocole SET doc_type = 'autre'").run()).toThrow();
      expect(() => store.db.prepare("UPDATE protocole SET visas = '{}'").run()).toThrow();
      // The one row cannot be doubled, and its parts must stay a JSON array.
      expect(() => store.db.prepare('INSERT INTO protocole (id) VALUES (2)').run()).toThrow();
      expect(() => store.db.prepare("UPDATE protocole SET parts = 'x'").run()).toThrow();
    } finally {
      store.close();
    }
  });
});
