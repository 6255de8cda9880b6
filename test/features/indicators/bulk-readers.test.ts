// A CSV import is recorded as bulk journal entries (db/journal/bulk.ts). What reads the journal must tell the same
// as if each line had its own entry: « Depuis le dernier COPIL » and the note de COPIL's net changes, compared on two
// copies of one contrat — one importing the lines (bulk entries), the other adding the same rows one by one in one
// step (the triggers' per-row entries) — before and after an undo of part of the history.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitMeasurements, readChangesSince, readNetChanges } from '../../../core/features/indicators';
import { addCopil } from '../../../core/features/indicators/copils';
import { addMeasurement } from '../../../core/features/indicators/queries';
import { addNode, updateNode } from '../../../core/features/tree/queries';
import { Store } from '../../../db/store';
import { newStore } from '../../helpers/store';

const LINES: [number, string, number, 'qpv' | 'reference'][] = [
  [0, '2024-01-01', 12.5, 'qpv'], [1, '2024-01-01', 40, 'qpv'], [0, '2024-06-30', 11, 'reference'],
  [2, '2025', 3, 'qpv'], [1, '2025', 38.25, 'reference'], [0, '2025', 10, 'qpv'],
];

/** Times and ids differ between the two copies: what is compared is everything else. */
const sinceOf = (s: Store) =>
  readChangesSince(s, '2000-01-01').items.map((i) => ({ ...i, lastAt: 'T', changes: i.changes.map((c) => ({ ...c, at: 'T' })) }));

describe('readers of the journal see a CSV import as its rows', () => {
  it('« depuis » and the net changes are the same as with one entry per line', () => {
    const { store, file, dir } = newStore();
    const e = addNode(store, { parentId: null, title: 'Emploi' }).focusId!;
    const o = addNode(store, { parentId: e, title: 'Lever les freins' }).focusId!;
    const inds = ['Taux d’emploi', 'Demandeurs', 'Contrats aidés'].map((title) => addNode(store, { parentId: o, title, kind: 'indicateur' }).focusId!);
    addMeasurement(store, inds[2], { date: '2023', value: 1, scope: 'qpv' });
    addCopil(store, { date: '2020-01-15', title: 'COPIL de lancement' });
    store.close();
    const fileB = path.join(dir, 'copie.trame');
    copyFileSync(file, fileB);
    const a = Store.open(file, 'Camille');
    const b = Store.open(fileB, 'Camille');
    try {
      for (const s of [a, b]) updateNode(s, inds[0], { title: 'Taux d’emploi des 15-64 ans' });
      const rows = LINES.map(([k, date, value, scope], n) => ({ line: n + 2, nodeId: inds[k], date, value, scope, source: 'Insee', note: null }));
      commitMeasurements(a, { rows, errorCount: 0, outOfRangeCount: 0 }, true, 'mesures.csv');
      b.edit(`Importer ${rows.length} mesures depuis « mesures.csv »`, () => {
        const position = new Map<string, number>([[inds[2], 1]]);
        for (const r of rows) {
          const p = position.get(r.nodeId) ?? 0;
          position.set(r.nodeId, p + 1);
          b.db.prepare('INSERT INTO measurement (id, node_id, position, date, value, scope, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
            .run(b.newId(), r.nodeId, p, r.date, r.value, r.scope, r.source, r.note);
        }
        return { undo: rows[0].nodeId, redo: rows[0].nodeId };
      });
      for (const s of [a, b]) updateNode(s, o, { title: 'Lever les freins périphériques' });
      expect(a.db.prepare('SELECT count(*) FROM journal_change WHERE batch = 1').pluck().get()).toBe(3);
      expect(b.db.prepare('SELECT count(*) FROM journal_change WHERE batch = 1').pluck().get()).toBe(0);

      const since = sinceOf(a);
      expect(since.find((i) => i.id === inds[1])).toMatchObject({ kinds: ['created', 'edited'] });
      expect(since).toEqual(sinceOf(b));
      const net = readNetChanges(a, '2020-01-15');
      expect(net.items.find((i) => i.title === 'Demandeurs')?.changes.join(' | ')).toMatch(/2\s+mesures ajoutées/);
      expect(net).toEqual(readNetChanges(b, '2020-01-15'));

      // The import undone (after the last step): neither lists it any more, on either copy.
      for (const s of [a, b]) (s.undo(), s.undo());
      expect(sinceOf(a).find((i) => i.id === inds[1])).toMatchObject({ kinds: ['created'] });
      expect(sinceOf(a)).toEqual(sinceOf(b));
      expect(readNetChanges(a, '2020-01-15')).toEqual(readNetChanges(b, '2020-01-15'));
      // And redone.
      for (const s of [a, b]) s.redo();
      expect(sinceOf(a)).toEqual(sinceOf(b));
      expect(readNetChanges(a, '2020-01-15').items.find((i) => i.title === 'Demandeurs')?.changes.join(' | ')).toMatch(/2\s+mesures ajoutées/);
      expect(readNetChanges(a, '2020-01-15')).toEqual(readNetChanges(b, '2020-01-15'));
    } finally {
      a.close();
      b.close();
    }
  });
});
