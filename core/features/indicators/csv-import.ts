// The CSV import of measurements, main-thread side: what the worker needs (the contrat's indicators), the previews
// kept until the user confirms, and the commit: every line, all or nothing, as ONE undoable step (bulk journal entries).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { TrameError } from '../../api/result';
import type { EditOutcome } from '../../api/types';
import { kysely } from '../../../db/query';
import type { Doc } from '../../session';
import type { CsvPreview } from './contract';
import type { CsvIndicator, CsvMeasurement, CsvReading } from './model/csv';
import { nounFor } from '../../domain/plural';

export function csvIndicators(store: Pick<Doc, 'run'>): CsvIndicator[] {
  // Each indicator's « date|périmètre » joined in SQL over the index by item (char 31 between two), split here:
  // 300 strings for a contrat of 200 000 measurements, not 200 000 rows (measured: 84–155 ms against 247–526).
  const measured = new Map<string, string[]>();
  for (const [node, list] of store.run.stmt("SELECT node_id, group_concat(date || '|' || scope, char(31)) FROM measurement GROUP BY node_id").raw(true).all() as [string, string][]) {
    measured.set(node, list.split('\u001f'));
  }
  return store.run
    .arrays(
      kysely
        .selectFrom('node')
        .leftJoin('indicator', 'indicator.node_id', 'node.id')
        .select(['node.id', 'node.title', 'indicator.unit'])
        .where('node.kind', '=', 'indicateur'),
    )
    .map(([id, title, unit]) => ({ id: id as string, title: title as string, unit: unit as string | null, measured: measured.get(id as string) ?? [] }));
}

/** Adds the lines read, all or nothing, in one journal step. Refuses a reading with errors. */
export function commitMeasurements(store: Doc, reading: Pick<CsvReading, 'rows' | 'errorCount' | 'outOfRangeCount'>, acceptOutOfRange: boolean, fileName: string): { outcome: EditOutcome; added: number } {
  if (reading.errorCount > 0) {
    throw new TrameError('entree-invalide', `Import refusé : ${reading.errorCount} ${nounFor(reading.errorCount, 'ligne')} en erreur. Corrigez le fichier puis recommencez ; rien n'a été ajouté.`);
  }
  if (reading.outOfRangeCount > 0 && !acceptOutOfRange) {
    throw new TrameError('entree-invalide', `Import refusé : ${reading.outOfRangeCount} ${nounFor(reading.outOfRangeCount, 'valeur')} hors de la plage plausible à confirmer. Rien n'a été ajouté.`);
  }
  if (reading.rows.length === 0) throw new TrameError('entree-invalide', 'Aucune mesure à importer dans ce fichier.');
  const rows = reading.rows;
  const outcome = store.edit(`Importer ${rows.length} ${nounFor(rows.length, 'mesure')} depuis « ${fileName} »`, () => {
    const next = new Map<string, number>();
    for (const r of store.run.stmt('SELECT node_id, max(position) AS p FROM measurement GROUP BY node_id').all() as { node_id: string; p: number }[]) {
      next.set(r.node_id, r.p + 1);
    }
    // One bulk journal entry per indicator, not one per line (db/journal/bulk.ts): undo and redo replay it exactly.
    const values: unknown[][] = new Array(rows.length);
    rows.forEach((r, k) => {
      const p = next.get(r.nodeId) ?? 0;
      next.set(r.nodeId, p + 1);
      values[k] = [store.newId(), r.nodeId, p, r.date, r.value, r.scope, r.source, r.note];
    });
    store.insertRows('measurement', ['id', 'node_id', 'position', 'date', 'value', 'scope', 'source', 'note'], values);
    return { undo: rows[0].nodeId, redo: rows[0].nodeId };
  });
  return { outcome, added: rows.length };
}

interface Kept { docId: string; fileName: string; reading: CsvReading; at: number }

/** Previews waiting for the user's confirmation (a few at most; the oldest are dropped). */
export class PreviewCache {
  private kept = new Map<string, Kept>();
  put(docId: string, file: string, reading: CsvReading, titles: Map<string, string>): CsvPreview {
    const previewId = randomUUID();
    for (const [k, v] of this.kept) if (v.docId === docId || this.kept.size > 8) this.kept.delete(k);
    const fileName = path.basename(file);
    this.kept.set(previewId, { docId, fileName, reading, at: Date.now() });
    return {
      previewId, fileName, encoding: reading.encoding, separator: reading.separator, count: reading.rows.length,
      sample: reading.rows.slice(0, 200).map((r: CsvMeasurement) => ({
        line: r.line, indicator: titles.get(r.nodeId) ?? r.nodeId, date: r.date, value: r.value, scope: r.scope, source: r.source, note: r.note,
      })),
      errors: reading.errors, errorCount: reading.errorCount, outOfRange: reading.outOfRange, outOfRangeCount: reading.outOfRangeCount,
    };
  }
  take(docId: string, previewId: string): Kept {
    const k = this.kept.get(previewId);
    if (!k || k.docId !== docId) {
      throw new TrameError('introuvable', "Cet aperçu d'import n'est plus disponible : relancez la lecture du fichier CSV.");
    }
    return k;
  }
  drop(previewId: string): void {
    this.kept.delete(previewId);
  }
}
