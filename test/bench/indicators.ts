// The indicators' figures for `npm run bench`:
// (dashboard-300-ms and dashboard-100k-ms: copil.ts, on the contrat indicatorsDocument() makes);
// - csv-100k-ms (goal ≤ 2 000 ms): 100 000 measurement lines from a CSV file: read, decode, check, commit as one step
//   (bulk journal entries: db/journal/bulk.ts);
// - csv-100k-ratio (goal ≤ 2.5): csv-100k-ms over its raw limit measured in the same run, the same file read, split
//   and its 100 000 rows inserted (new UUIDs as ids, as the import draws) in one transaction into a table of the
//   same shape and index, without triggers, that grows import after import as the contrat's does;
// - since-copil-ms (goal ≤ 100 ms): « depuis le dernier COPIL » over a journal of 50 000 changes;
// - since-copil-ratio (goal ≤ 10): since-copil-ms over its raw limit measured in the same run, a plain
//   `GROUP BY item` over the same changes (count per item, no kinds, no titles).
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { createFromDocument } from '../../core/features/files/import';
import { commitMeasurements, csvIndicators, readChangesSince, readCsvFile } from '../../core/features/indicators';
import type { TrameDocument, TreeNodeDoc } from '../../core/domain/format-types';
import { Store } from '../../db/store';
import { median } from './host';


/** 10 enjeux × 3 objectifs × 10 indicators, each with 10 QPV and 10 reference measurements. */
export function indicatorsDocument(): TrameDocument {
  const tree: TreeNodeDoc[] = [];
  let k = 0;
  for (let e = 0; e < 10; e++) {
    const objectifs: TreeNodeDoc[] = [];
    for (let o = 0; o < 3; o++) {
      const inds: TreeNodeDoc[] = [];
      for (let i = 0; i < 10; i++, k++) {
        const measurements = [];
        for (let y = 0; y < 10; y++) {
          measurements.push({ id: `m${k}-q${y}`, date: String(2016 + y), value: 25 - y * 0.6 + (k % 5) * 0.3, scope: 'qpv' as const });
          measurements.push({ id: `m${k}-r${y}`, date: String(2016 + y), value: 10 - y * 0.2, scope: 'reference' as const });
        }
        inds.push({
          id: `i${k}`, kind: 'indicateur', title: `Indicateur ${k + 1} : taux de chômage des 15-64 ans`,
          indicator: { unit: '%', direction: 'baisse', baseline: { value: 25, date: '2016' }, target: { value: 18, date: '2030' }, reference: { label: 'Unité urbaine' }, measurements },
        });
      }
      objectifs.push({ id: `o${e}-${o}`, kind: 'objectif', title: `Objectif ${e + 1}.${o + 1}`, children: inds });
    }
    tree.push({ id: `e${e}`, kind: 'enjeu', title: `Enjeu ${e + 1}`, children: objectifs });
  }
  return { format: 'trame', version: 1, contrat: { name: 'Bench indicateurs', epci: 'CA Bench', period: { start: 2024, end: 2030 } }, tree };
}

/** The raw limit of one import: read, decode, split and insert 100 000 rows in one transaction, no trigger. */
function rawCsv(db: Database.Database, csv: string): number {
  const t0 = performance.now();
  const lines = readFileSync(csv, 'latin1').split('\r\n');
  const ins = db.prepare('INSERT INTO measurement (id, node_id, position, date, value, scope, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let n = 1; n < lines.length; n++) {
      const [node, date, value, scope, source] = lines[n].split(';');
      ins.run(randomUUID(), node, n, date.split('/').reverse().join('-'), Number(value), scope, source, null);
    }
  })();
  return performance.now() - t0;
}

/** csv-100k-ms: the median of 3 imports of 100 000 lines into the 300-indicator contrat; and its raw limit. */
export function benchCsv(dir: string): { ms: number; ratio: number } {
  const file = path.join(dir, 'indicateurs-csv.trame');
  createFromDocument(file, indicatorsDocument());
  // Three files, each of 100 000 distinct measurements (indicator, date, perimeter), none already in the contrat:
  // the import refuses a line that repeats another or one it has (2040–2042, past the contrat's own dates).
  const csvs = [0, 1, 2].map((k) => {
    const csv = path.join(dir, `mesures-100k-${k}.csv`);
    const lines = ['indicateur;date;valeur;perimetre;source'];
    for (let n = 0; n < 100_000; n++) {
      const m = k * 167 + Math.floor(n / 600);
      const day = String(1 + (m % 28)).padStart(2, '0');
      const month = String(1 + (Math.floor(m / 28) % 12)).padStart(2, '0');
      lines.push(`i${n % 300};${day}/${month}/${2040 + Math.floor(m / 336)};${(n % 1000) / 10};${Math.floor(n / 300) % 2 ? 'qpv' : 'reference'};Observatoire`);
    }
    writeFileSync(csv, lines.join('\r\n'), 'latin1');
    return csv;
  });
  const raw = new Database(path.join(dir, 'indicateurs-csv-brut.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.exec(`CREATE TABLE measurement (id TEXT PRIMARY KEY, node_id TEXT NOT NULL, position INTEGER NOT NULL, date TEXT NOT NULL,
    value REAL NOT NULL, scope TEXT NOT NULL DEFAULT 'qpv', source TEXT, note TEXT);
    CREATE INDEX measurement_by_node ON measurement (node_id, position);`);
  const store = Store.open(file, 'Bench');
  try {
    const times: number[] = [];
    const raws: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const reading = readCsvFile(csvs[k], csvIndicators(store));
      if (reading.errorCount || reading.rows.length !== 100_000) throw new Error(`bench CSV : ${reading.errorCount} erreurs, ${reading.rows.length} lignes`);
      commitMeasurements(store, reading, true, 'mesures-100k.csv');
      times.push(performance.now() - t0);
      raws.push(rawCsv(raw, csvs[k]));
    }
    const ms = median(times);
    return { ms, ratio: ms / median(raws) };
  } finally {
    store.close();
    raw.close();
  }
}

/** since-copil-ms: 1 000 journal steps of 50 changes each (renames, retags, moves, measurements), then the read. */
export function benchSince(dir: string): { ms: number; ratio: number } {
  const file = path.join(dir, 'indicateurs-journal.trame');
  createFromDocument(file, indicatorsDocument());
  const store = Store.open(file, 'Bench');
  try {
    const rename = store.db.prepare("UPDATE node SET title = ? || ' ' || ? WHERE id = ?");
    const retag = store.db.prepare('UPDATE node SET tag = ? WHERE id = ?');
    const measure = store.db.prepare("UPDATE measurement SET value = value + 0.1 WHERE id = ?");
    for (let g = 0; g < 1000; g++) {
      store.edit(`Étape ${g}`, () => {
        for (let c = 0; c < 50; c++) {
          const k = (g * 50 + c) % 300;
          if (c % 3 === 0) rename.run(`Indicateur ${k + 1}`, String(g), `i${k}`);
          else if (c % 3 === 1) retag.run(g % 2 ? 'garder' : 'repenser', `i${k}`);
          else measure.run(`m${k}-q${g % 10}`);
        }
        return { undo: null, redo: null };
      });
    }
    const n = store.db.prepare('SELECT count(*) FROM journal_change').pluck().get() as number;
    if (n < 50_000) throw new Error(`journal de ${n} changements seulement`);
    const raw = store.db.prepare(`SELECT c.item, count(*) FROM journal_group g JOIN journal_change c ON c.group_id = g.id
      WHERE g.at >= ? AND g.undone = 0 GROUP BY c.item`).raw(true);
    const times: number[] = [];
    const raws: number[] = [];
    for (let k = 0; k < 7; k++) {
      const t0 = performance.now();
      const r = readChangesSince(store, '2000-01-01');
      if (r.items.length !== 300) throw new Error(`« depuis » : ${r.items.length} éléments au lieu de 300`);
      times.push(performance.now() - t0);
      const t1 = performance.now();
      const n = raw.all('2000-01-01').length;
      if (n !== 300) throw new Error(`GROUP BY item : ${n} éléments au lieu de 300`);
      raws.push(performance.now() - t1);
    }
    const ms = median(times);
    return { ms, ratio: ms / median(raws) };
  } finally {
    store.close();
  }
}

/** Every figure of this file, printed by bench.ts. */
export async function benchIndicators(dir: string, _staticDir: string, print: (name: string, value: number, unit: string) => void): Promise<void> {
  const since = benchSince(dir);
  print('since-copil-ms', since.ms, 'ms');
  print('since-copil-ratio', since.ratio, 'x');
  const csv = benchCsv(dir);
  print('csv-100k-ms', csv.ms, 'ms');
  print('csv-100k-ratio', csv.ratio, 'x');
}
