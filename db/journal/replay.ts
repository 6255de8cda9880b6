// Undo/redo as a generic row restore: each change of a journal group is replayed from its before (undo) or after
// (redo) image. An image must hold exactly the table's current columns: one recorded under an older schema that a
// migration did not upgrade is refused in French, never completed with NULL.
import type { Database, Statement } from 'better-sqlite3';
import { TrameError } from '../../core/api/result';
import { bulkRows } from './bulk';
import type { JournaledTable } from './spec';

export interface JournalChangeRow { tbl: string; row_key: string; before: string | null; after: string | null; batch?: number }

/** Prepared statements per table, cached by the caller's `stmt`. */
export type Prepare = (sql: string) => Statement;

function parse(text: string, what: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new TrameError('fichier-invalide', `L'étape « ${label} » ne peut pas être rejouée : son ${what} dans le journal est illisible.`, [
      (err as Error).message,
    ]);
  }
}

/** Checks that `row` holds exactly the columns of `spec`: refuses (French) rather than guessing a missing value. */
export function checkImage(spec: JournaledTable, row: Record<string, unknown>, label: string): void {
  const keys = Object.keys(row);
  const missing = spec.cols.filter((c) => !Object.prototype.hasOwnProperty.call(row, c));
  const extra = keys.filter((k) => !spec.cols.includes(k));
  if (missing.length || extra.length) {
    throw new TrameError(
      'fichier-invalide',
      `L'étape « ${label} » a été enregistrée par une version plus ancienne de Trame et la table « ${spec.table} » a changé depuis : ` +
        "elle ne peut pas être annulée ou rétablie exactement, elle ne l'est donc pas. Le contrat n'a pas été modifié.",
      [...missing.map((c) => `colonne absente de l'image : ${c}`), ...extra.map((c) => `colonne inconnue de la table : ${c}`)],
    );
  }
}

/**
 * Restores every row a group changed. Changes come back in an order that is valid at the end, not at each step:
 * foreign keys are checked at commit (`defer_foreign_keys`). Run inside the write transaction, journaling off.
 */
export function replayChanges(
  db: Database,
  prepare: Prepare,
  spec: Map<string, JournaledTable>,
  changes: JournalChangeRow[],
  direction: 'undo' | 'redo',
  label: string,
): void {
  db.pragma('defer_foreign_keys = ON');
  const upsert = (t: JournaledTable, row: Record<string, unknown>) => {
    checkImage(t, row, label);
    const updates = t.cols.filter((c2) => !t.key.includes(c2)).map((c2) => `${c2} = excluded.${c2}`);
    const sqlText =
      `INSERT INTO ${t.table} (${t.cols.join(', ')}) VALUES (${t.cols.map(() => '?').join(', ')}) ` +
      `ON CONFLICT (${t.key.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
    prepare(sqlText).run(...(t.cols.map((col) => row[col]) as never[]));
  };
  const remove = (t: JournaledTable, key: unknown[]) => prepare(`DELETE FROM ${t.table} WHERE ${t.key.map((k) => `${k} = ?`).join(' AND ')}`).run(...(key as never[]));
  for (const c of changes) {
    const t = spec.get(c.tbl);
    if (!t) throw new TrameError('fichier-invalide', `L'étape « ${label} » ne peut pas être rejouée : le journal nomme une table inconnue (« ${c.tbl} »).`);
    if (c.batch) {
      // A bulk entry (bulk.ts): each row it holds, inserted (its image) or deleted (by the key its image holds).
      for (const r of bulkRows(c, label)) {
        const row = direction === 'undo' ? r.before : r.after;
        if (row !== null) upsert(t, row);
        else {
          const other = (r.before ?? r.after)!;
          checkImage(t, other, label);
          remove(t, t.key.map((k) => other[k]));
        }
      }
      continue;
    }
    const image = direction === 'undo' ? c.before : c.after;
    if (image === null) {
      const key = parse(c.row_key, 'clé', label);
      if (!Array.isArray(key) || key.length !== t.key.length) {
        throw new TrameError('fichier-invalide', `L'étape « ${label} » ne peut pas être rejouée : la clé d'une ligne de « ${t.table} » ne correspond pas à la table.`);
      }
      remove(t, key);
    } else {
      const row = parse(image, 'image', label) as Record<string, unknown>;
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        throw new TrameError('fichier-invalide', `L'étape « ${label} » ne peut pas être rejouée : une image de « ${t.table} » n'est pas une ligne.`);
      }
      upsert(t, row);
    }
  }
}
