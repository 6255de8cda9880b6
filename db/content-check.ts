// What a .trame must hold beyond its schema, checked read-only at every open before anything is written: one contrat
// row, text where the schema says TEXT (a title stored as a BLOB would export as bytes), every reference pointing to
// an existing row, a tree without loops whose nesting follows the rules (enjeu → objectif → action | indicateur,
// action → indicateur), and a change journal made of JSON. A file that fails is refused with the list of what is
// wrong (in `details`), before any write.
import { TrameError } from '../core/api/result';
import { ALLOWED_CHILDREN, KIND_LABELS, NODE_KINDS, type NodeKind } from '../core/domain/tree';
import { journalHasColumns } from './journal';
import type { Sqlite } from './sqlite';

/** At most this many problems listed, and this many ids quoted per problem. */
const MAX_LISTED = 20;
const MAX_IDS = 5;

function quoteIds(ids: unknown[]): string {
  const shown = ids.slice(0, MAX_IDS).map((id) => `« ${String(id).slice(0, 60)} »`).join(', ');
  return ids.length > MAX_IDS ? `${shown} et d'autres` : shown;
}

function tables(db: Sqlite): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((t) => t.name);
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Text columns holding something else than text (a BLOB, a number). One query per table tests every TEXT column at
 * once; only a table where it finds something is read again column by column, to list what is wrong.
 */
function wrongTypes(db: Sqlite, out: string[]): void {
  for (const t of tables(db)) {
    const cols = db.pragma(`table_info(${ident(t)})`) as { name: string; type: string; pk: number }[];
    const key = cols.find((c) => c.pk === 1)?.name; // WITHOUT ROWID tables have no rowid
    const texts = cols.filter((c) => c.type.toUpperCase() === 'TEXT');
    if (texts.length === 0) continue;
    const wrong = (c: { name: string }): string => `typeof(${ident(c.name)}) NOT IN ('text', 'null')`;
    if (!db.prepare(`SELECT 1 FROM ${ident(t)} WHERE ${texts.map(wrong).join(' OR ')} LIMIT 1`).get()) continue;
    for (const c of texts) {
      const rows = db
        .prepare(`SELECT ${key ? ident(key) : 'rowid'} AS r, typeof(${ident(c.name)}) AS ty FROM ${ident(t)} WHERE ${wrong(c)} LIMIT ${MAX_IDS + 1}`)
        .all() as { r: unknown; ty: string }[];
      if (rows.length) {
        out.push(`table ${t}, colonne ${c.name} : ${rows.length > MAX_IDS ? 'plusieurs valeurs' : `${rows.length} valeur(s)`} de type ${rows[0].ty} au lieu de texte (lignes ${quoteIds(rows.map((x) => x.r))})`);
      }
    }
  }
}

/** References to rows that do not exist (an item whose parent is gone, an indicator of nothing…). */
function brokenReferences(db: Sqlite, out: string[]): void {
  const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  const byTable = new Map<string, unknown[]>();
  for (const b of broken) byTable.set(`${b.table} → ${b.parent}`, [...(byTable.get(`${b.table} → ${b.parent}`) ?? []), b.rowid]);
  for (const [k, rows] of byTable) out.push(`référence à une ligne absente (${k}) : lignes ${quoteIds(rows)}`);
}

function treeProblems(db: Sqlite, out: string[]): void {
  // Every item must be reached from the top level; with one parent per item, what is not reached has no parent or
  // sits in a loop (or under one). Iterative in SQLite: a 200 000-deep chain costs no stack. With one parent per
  // item no row is reached twice, so UNION ALL (no de-duplication) is exact: one count tells whether all is well.
  const reach = `WITH RECURSIVE reached(id) AS (SELECT id FROM node WHERE parent_id IS NULL
         UNION ALL SELECT n.id FROM node n JOIN reached r ON n.parent_id = r.id)`;
  const all = db.prepare(`${reach} SELECT (SELECT count(*) FROM reached) AS reached, (SELECT count(*) FROM node) AS total`).get() as { reached: number; total: number };
  if (all.reached !== all.total) {
    const orphans = db
      .prepare('SELECT c.id FROM node c WHERE c.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM node p WHERE p.id = c.parent_id) LIMIT 100')
      .all() as { id: unknown }[];
    if (orphans.length) out.push(`élément(s) dont le parent n'existe pas : ${quoteIds(orphans.map((o) => o.id))}`);
    const unreached = db
      .prepare(
        `${reach} SELECT c.id FROM node c WHERE c.parent_id IS NOT NULL AND EXISTS (SELECT 1 FROM node p WHERE p.id = c.parent_id)
         AND c.id NOT IN (SELECT id FROM reached) LIMIT 100`,
      )
      .all() as { id: unknown }[];
    if (unreached.length) out.push(`élément(s) pris dans une boucle (un élément se contient lui-même) : ${quoteIds(unreached.map((o) => o.id))}`);
  }
  const kinds = NODE_KINDS as readonly string[];
  const pairs = db
    .prepare(
      `SELECT DISTINCT c.kind AS child, p.kind AS parent FROM node c LEFT JOIN node p ON p.id = c.parent_id
       WHERE c.parent_id IS NULL OR p.id IS NOT NULL`,
    )
    .all() as { child: string; parent: string | null }[];
  const idsOf = db.prepare(
    `SELECT c.id FROM node c LEFT JOIN node p ON p.id = c.parent_id WHERE c.kind = ? AND p.kind IS ? AND (c.parent_id IS NULL OR p.id IS NOT NULL) LIMIT ${MAX_IDS + 1}`,
  );
  for (const pr of pairs) {
    if (!kinds.includes(pr.child) || (pr.parent !== null && !kinds.includes(pr.parent))) continue; // refused by the schema's CHECK
    const allowed = ALLOWED_CHILDREN[(pr.parent as NodeKind | null) ?? 'root'];
    if (allowed.includes(pr.child as NodeKind)) continue;
    const where = pr.parent === null ? 'au premier niveau' : `sous un(e) ${KIND_LABELS[pr.parent as NodeKind].toLowerCase()}`;
    out.push(`imbrication interdite, ${KIND_LABELS[pr.child as NodeKind].toLowerCase()} ${where} : ${quoteIds((idsOf.all(pr.child, pr.parent) as { id: unknown }[]).map((r) => r.id))}`);
  }
}

/** The journal's before/after images must be JSON objects (undo and redo read them). */
function journalProblems(db: Sqlite, out: string[]): void {
  const names = tables(db);
  if (!names.includes('journal_change')) return;
  const bad = db
    .prepare(
      `SELECT id FROM journal_change
       WHERE (before IS NOT NULL AND (typeof(before) != 'text' OR NOT json_valid(before) OR json_type(before) != 'object'))
         OR (after IS NOT NULL AND (typeof(after) != 'text' OR NOT json_valid(after) OR json_type(after) != 'object'))
         OR typeof(row_key) != 'text' OR NOT json_valid(row_key) OR json_type(row_key) != 'array' LIMIT 100`,
    )
    .all() as { id: unknown }[];
  if (bad.length) out.push(`historique des modifications altéré (entrées qui ne sont pas les images JSON attendues) : ${quoteIds(bad.map((b) => b.id))}`);
  if (!journalHasColumns(db)) return;
  // Bulk entries (db/journal/bulk.ts, schema 8 on): key [], an insert (after only) or a delete (before only), whose
  // image is {"rows": [one object per row]}.
  const rows = (img: string) =>
    `CASE WHEN ${img} IS NULL THEN 0 WHEN typeof(${img}) != 'text' OR NOT json_valid(${img}) THEN 1
      WHEN json_type(${img}, '$.rows') IS NOT 'array' THEN 1
      ELSE EXISTS (SELECT 1 FROM json_each(${img}, '$.rows') WHERE type != 'object') END`;
  const badBulk = db
    .prepare(
      `SELECT id FROM journal_change WHERE batch = 1 AND (row_key IS NOT '[]' OR op IS NULL
         OR NOT ((op = 'insert' AND before IS NULL AND after IS NOT NULL) OR (op = 'delete' AND after IS NULL AND before IS NOT NULL))
         OR ${rows('before')} OR ${rows('after')}) LIMIT 100`,
    )
    .all() as { id: unknown }[];
  if (badBulk.length) out.push(`historique des modifications altéré (entrées groupées qui ne sont pas une liste de lignes ajoutées ou supprimées) : ${quoteIds(badBulk.map((b) => b.id))}`);
}

/** Refuses, with the list of what is wrong, a file whose content breaks Trame's rules. Read-only. */
export function checkContent(db: Sqlite, shown: string): void {
  const problems: string[] = [];
  const contrats = (db.prepare('SELECT count(*) AS n FROM contrat').get() as { n: number }).n;
  if (contrats !== 1) problems.push(contrats === 0 ? 'aucune fiche de contrat (table contrat vide)' : `${contrats} fiches de contrat au lieu d'une`);
  wrongTypes(db, problems);
  brokenReferences(db, problems);
  treeProblems(db, problems);
  journalProblems(db, problems);
  if (problems.length) {
    throw new TrameError(
      'fichier-invalide',
      `Le fichier « ${shown} » contient des données qui ne respectent pas les règles de Trame (modifié hors de Trame ?) : il n'est pas ouvert, par prudence, et n'a pas été modifié.`,
      problems.slice(0, MAX_LISTED),
    );
  }
}
