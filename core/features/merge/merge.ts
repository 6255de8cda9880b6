// Merging another copy of the contrat into the open one (issue 19): the other file is only read; the result is applied
// as one undoable step (« Fusion avec la copie de … ») that records the other copy's journal groups, so that merging
// the same copy again changes nothing and merging back makes the two contents identical.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { TrameError } from '../../api/result';
import type { EditOutcome } from '../../api/types';
import { knownGroups, recordMerge } from '../../../db/journal';
import { Runner } from '../../../db/query';
import { openTrameFileForReading } from '../../../db/reading';
import { safeClose } from '../../../db/connection';
import type { Doc } from '../../session';
import { formatFrenchDate } from '../../domain/french-dates';
import { diffImages, mergeImages, type Choice, type Conflict, type Image, type MergeTable, type Side } from './model/three-way';
import type { MergePreview } from './model/preview';
import { mergeTables, readSide } from './read';
import { applyVersionMerge, commonFrozenContents, planVersionMerge, readFrozenVersions, versionMergeChanges, versionTitle, type VersionMergePlan } from '../versions';
import { imageOfContent } from './frozen-base';

interface Plan {
  preview: MergePreview; tables: MergeTable[]; mine: Image; merged: Image; groups: ReturnType<typeof readSide>['groups'];
  versions: VersionMergePlan;
}

function same(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

function equalImages(tables: readonly MergeTable[], a: Image, b: Image): boolean {
  return diffImages(tables, a, b).length === 0;
}

/** Reads both copies and merges them with `choices` (and `fallback` for the rest). Writes nothing. */
export function planMerge(doc: Doc, file: string, choices: ReadonlyMap<string, Choice> = new Map(), fallback: Side | null = null): Plan {
  if (same(doc.path, file)) throw new TrameError('entree-invalide', `« ${path.basename(file)} » est le contrat ouvert lui-même : choisissez une autre copie à fusionner.`);
  const { db } = openTrameFileForReading(file);
  try {
    const other = new Runner(db);
    const ids = other.stmt('SELECT document_id FROM document_identity WHERE id = 1').get() as { document_id: string } | undefined;
    if (!ids || ids.document_id !== doc.identity().documentId) {
      const name = (other.stmt('SELECT name FROM contrat WHERE id = 1').get() as { name: string } | undefined)?.name ?? '?';
      throw new TrameError('entree-invalide', `« ${path.basename(file)} » est un autre contrat (« ${name} ») : seules deux copies du même contrat se fusionnent. Rien n'a été modifié.`);
    }
    const tables = mergeTables(doc.run);
    const theirsKnown = knownGroups(other);
    const mineSide = readSide(doc.run, tables, theirsKnown);
    const theirs = readSide(other, tables, mineSide.known);
    const shared = [...mineSide.known].some((u) => theirs.known.has(u));
    let base = mineSide.merged && !theirs.merged ? theirs.base : mineSide.base;
    let noBase: string | null = null;
    let frozenBase = false;
    // The PDFs of the other copy's versions and signatures are read only for what mine lacks; mine's never.
    const mineVersions = readFrozenVersions(doc.run, 'none');
    const theirsVersions = readFrozenVersions(other, { except: mineVersions });
    const versions = planVersionMerge(mineVersions, theirsVersions, path.basename(file));
    const notes = [...versions.notes];
    if (!shared && !equalImages(tables, mineSide.base, theirs.base)) {
      // No shared journal: the newest frozen version both hold (same content fingerprint) is the base.
      const [common] = commonFrozenContents(mineVersions, theirsVersions);
      if (common) {
        base = imageOfContent(common.content_json, tables, [mineSide.image, theirs.image]);
        frozenBase = true;
        notes.unshift(
          `Les deux copies n'ont aucun historique commun (l'une est une copie sans historique, ou vient d'un export puis d'un import) : ` +
            `la fusion part de la dernière version figée qu'elles contiennent toutes deux, « ${versionTitle(common.number)} » du ${formatFrenchDate(common.frozen_at.slice(0, 10))} (même empreinte). ` +
            'Ce que chaque copie a changé depuis est pris ; ce que les deux ont changé est présenté comme un conflit.',
        );
      } else {
        noBase = "Les deux copies n'ont aucun historique commun (l'une est une copie sans historique, ou vient d'un export puis d'un import) et aucune version figée en commun : chaque différence est présentée comme un conflit.";
        base = new Map();
      }
    }
    // The rows either side changed: from both journals (with the base taken from the other side, its changes count).
    const touched = new Map<string, Set<string>>();
    for (const side of [mineSide, theirs]) {
      for (const [t, keys] of side.touched) touched.set(t, new Set([...(touched.get(t) ?? []), ...keys]));
    }
    const out = mergeImages(tables, base, mineSide.image, theirs.image, choices, fallback, noBase !== null, frozenBase ? null : touched);
    const whoOf = (side: typeof mineSide, c: Conflict) => side.who.get(`${c.table}|${c.key}`) ?? null;
    const conflicts = out.conflicts.map((c) => ({ ...c, whoMine: whoOf(mineSide, c), whoTheirs: whoOf(theirs, c) }));
    const last = theirs.groups.at(-1);
    return {
      preview: {
        otherFile: path.basename(file),
        otherAuthor: last?.author ?? path.basename(file),
        noBase,
        notes,
        conflicts,
        unresolved: out.conflicts.filter((c) => !choices.has(c.id) && !fallback).length,
        changes: diffImages(tables, mineSide.image, out.merged).length,
      },
      tables,
      mine: mineSide.image,
      merged: out.merged,
      groups: theirs.groups,
      versions,
    };
  } finally {
    safeClose(db, false);
  }
}

/** Applies the merge as one undoable step; refused (nothing written) while a conflict has no choice. */
export function applyMerge(doc: Doc, file: string, choices: ReadonlyMap<string, Choice> = new Map(), fallback: Side | null = null): { outcome: EditOutcome | null; preview: MergePreview } {
  const plan = planMerge(doc, file, choices, fallback);
  const { preview } = plan;
  if (preview.unresolved > 0) {
    throw new TrameError('entree-invalide', `${preview.unresolved} conflit(s) sans choix : rien n'a été fusionné. Choisissez pour chacun « garder le mien » ou « garder le leur ».`);
  }
  const diff = diffImages(plan.tables, plan.mine, plan.merged);
  // Nothing to change: nothing to record either (a step that changes nothing is not kept in the journal). Frozen
  // versions are outside the journal (undo never takes one back): brought over on their own when nothing else changes.
  if (diff.length === 0) {
    if (versionMergeChanges(plan.versions)) doc.write(() => applyVersionMerge(doc, plan.versions));
    return { outcome: null, preview };
  }
  const byName = new Map(plan.tables.map((t) => [t.table, t]));
  const outcome = doc.edit(`Fusion avec la copie de ${preview.otherAuthor} (« ${preview.otherFile} »)`, () => {
    doc.run.stmt('PRAGMA defer_foreign_keys = ON').run();
    for (const d of diff.filter((x) => x.row === null)) {
      const t = byName.get(d.table)!;
      doc.run.stmt(`DELETE FROM ${t.table} WHERE ${t.key.map((k) => `${k} = ?`).join(' AND ')}`).run(...(JSON.parse(d.key) as never[]));
    }
    for (const d of diff.filter((x) => x.row !== null)) {
      const t = byName.get(d.table)!;
      const updates = t.cols.filter((c) => !t.key.includes(c)).map((c) => `${c} = excluded.${c}`);
      doc.run
        .stmt(`INSERT INTO ${t.table} (${t.cols.join(', ')}) VALUES (${t.cols.map(() => '?').join(', ')}) ON CONFLICT (${t.key.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`)
        .run(...(t.cols.map((c) => d.row![c]) as never[]));
    }
    recordMerge(doc.run, plan.groups, Date.parse(doc.now()), doc.identity().replicaId);
    applyVersionMerge(doc, plan.versions);
    return { undo: null, redo: null };
  });
  return { outcome, preview };
}

