// The indicator card and its measurements: reading one card, editing it, adding / correcting / deleting a
// measurement, adding an indicator from the national library. Each user action is one journaled, undoable step.
import { TrameError } from '../../api/result';
import type { EditOutcome } from '../../api/types';
import { firstDayOf, formatFrenchDate, lastDayOf } from '../../domain/french-dates';
import { canHold, KIND_LABELS, nestingError } from '../../domain/tree';
import { keyBetween } from '../../domain/order-keys';
import { kysely } from '../../../db/query';
import type { IndicatorTable, MeasurementTable, NodeTable } from '../../../db/schema';
import type { ChangeScope, Doc } from '../../session';
import type { CardUpdate, IndicatorCardInfo, MeasurementInfo } from './contract';
import type { indicatorPatch } from './contract';
import type { z } from 'zod';
import { libraryEntry } from './model/library';
import { indicatorStatus, todayIso } from './model/status';

type Reader = Pick<Doc, 'run'>;

export function quote(title: string): string {
  return title.length > 40 ? `« ${title.slice(0, 39)}… »` : `« ${title} »`;
}

function getIndicatorNode(store: Reader, id: string): NodeTable {
  const n = store.run.first(kysely.selectFrom('node').selectAll().where('id', '=', id));
  if (!n) throw new TrameError('introuvable', "Cet indicateur n'existe plus dans le contrat (il a peut-être été supprimé).");
  if (n.kind !== 'indicateur') {
    throw new TrameError('entree-invalide', `${KIND_LABELS[n.kind]} ${quote(n.title)} n'est pas un indicateur : pas de fiche ni de mesures.`);
  }
  return n;
}

const toMeasurement = (m: MeasurementTable): MeasurementInfo => ({
  id: m.id, date: m.date, value: m.value, scope: m.scope, source: m.source, note: m.note,
});

export function measurementsOf(store: Reader, nodeId: string): MeasurementInfo[] {
  return store.run
    .all(kysely.selectFrom('measurement').selectAll().where('node_id', '=', nodeId).orderBy('position'))
    .map(toMeasurement);
}

export function readCard(store: Reader, id: string, today = todayIso()): IndicatorCardInfo {
  const node = getIndicatorNode(store, id);
  const i: Partial<IndicatorTable> = store.run.first(kysely.selectFrom('indicator').selectAll().where('node_id', '=', id)) ?? {};
  const measurements = measurementsOf(store, id);
  const card = {
    id,
    title: node.title,
    unit: i.unit ?? null,
    direction: i.direction ?? null,
    kind: i.kind ?? null,
    frequency: i.frequency ?? null,
    baselineValue: i.baseline_value ?? null,
    baselineDate: i.baseline_date ?? null,
    targetValue: i.target_value ?? null,
    targetDate: i.target_date ?? null,
    referenceLabel: i.reference_label ?? null,
    referenceValue: i.reference_value ?? null,
    referenceDate: i.reference_date ?? null,
    source: i.source ?? null,
    providerId: i.provider_id ?? null,
    libraryRef: i.library_ref ?? null,
    qpvIds: store.run
      .all(kysely.selectFrom('indicator_qpv').select('qpv_code').where('node_id', '=', id).orderBy('position'))
      .map((r) => r.qpv_code),
    measurements,
    partners: store.run.all(kysely.selectFrom('partner').select(['id', 'name']).orderBy('position')),
    qpvs: store.run.all(kysely.selectFrom('qpv').select(['id', 'code', 'name']).orderBy('position')),
  };
  const { status, reason } = indicatorStatus(card, today);
  return { ...card, status: { status, reason } };
}

/** Warnings on a card as it would be after a patch: accepted, shown to the user. */
export function cardWarnings(c: { baselineDate: string | null; targetDate: string | null; referenceDate?: string | null }): string[] {
  const out: string[] = [];
  if (c.baselineDate && c.targetDate && lastDayOf(c.targetDate) < firstDayOf(c.baselineDate)) {
    out.push(
      `L'échéance de la cible (${formatFrenchDate(c.targetDate)}) précède la date de la valeur de départ (${formatFrenchDate(c.baselineDate)}) : vérifiez les deux dates.`,
    );
  }
  return out;
}

const COLUMNS: Record<string, keyof IndicatorTable> = {
  unit: 'unit', direction: 'direction', kind: 'kind', frequency: 'frequency', baselineValue: 'baseline_value',
  baselineDate: 'baseline_date', targetValue: 'target_value', targetDate: 'target_date', referenceLabel: 'reference_label',
  referenceValue: 'reference_value', referenceDate: 'reference_date', source: 'source', providerId: 'provider_id',
};

export function updateCard(store: Doc, id: string, patch: z.infer<typeof indicatorPatch>): CardUpdate {
  const node = getIndicatorNode(store, id);
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || k === 'qpvIds') continue;
    set[COLUMNS[k]] = typeof v === 'string' ? v.trim() || null : v;
  }
  if (typeof set.provider_id === 'string' && !store.run.first(kysely.selectFrom('partner').select('id').where('id', '=', set.provider_id as string))) {
    throw new TrameError('entree-invalide', "Ce partenaire n'existe plus dans le contrat : choisissez-en un autre.");
  }
  const qpvIds = patch.qpvIds ? [...new Set(patch.qpvIds)] : undefined;
  if (qpvIds) {
    const known = new Set(store.run.all(kysely.selectFrom('qpv').select('code')).map((q) => q.code));
    const unknown = qpvIds.find((q) => !known.has(q));
    if (unknown) throw new TrameError('entree-invalide', "Un des quartiers choisis n'existe plus dans le contrat : rechargez la fiche.");
  }
  const outcome = store.edit(`Modifier l'indicateur ${quote(node.title)}`, () => {
    store.run.stmt('INSERT INTO indicator (node_id) VALUES (?) ON CONFLICT (node_id) DO NOTHING').run(id);
    if (Object.keys(set).length) store.run.run(kysely.updateTable('indicator').set(set).where('node_id', '=', id));
    if (qpvIds) {
      const current = store.run
        .all(kysely.selectFrom('indicator_qpv').select('qpv_code').where('node_id', '=', id).orderBy('position'))
        .map((r) => r.qpv_code);
      if (current.join('\n') !== qpvIds.join('\n')) {
        store.run.run(kysely.deleteFrom('indicator_qpv').where('node_id', '=', id));
        qpvIds.forEach((q, position) => store.run.run(kysely.insertInto('indicator_qpv').values({ node_id: id, qpv_code: q, position })));
      }
    }
    return { undo: id, redo: id };
  });
  const after = store.run.first(kysely.selectFrom('indicator').select(['baseline_date', 'target_date']).where('node_id', '=', id));
  return { outcome, warnings: cardWarnings({ baselineDate: after?.baseline_date ?? null, targetDate: after?.target_date ?? null }) };
}

// ---------- measurements ----------

interface MeasurementInput { date: string; value: number; scope: 'qpv' | 'reference'; source?: string | null; note?: string | null }

const clean = (s: string | null | undefined) => (s == null ? null : s.trim() || null);
const describe = (m: { date: string; scope: string }) => `du ${formatFrenchDate(m.date)} (${m.scope === 'qpv' ? 'QPV' : 'territoire de comparaison'})`;

export function addMeasurement(store: Doc, id: string, m: MeasurementInput): EditOutcome {
  const node = getIndicatorNode(store, id);
  return store.edit(`Ajouter la mesure ${describe(m)} à ${quote(node.title)}`, () => {
    const last = store.run.stmt('SELECT max(position) AS p FROM measurement WHERE node_id = ?').get(id) as { p: number | null };
    store.run.run(
      kysely.insertInto('measurement').values({
        id: store.newId(), node_id: id, position: (last.p ?? -1) + 1, date: m.date, value: m.value, scope: m.scope,
        source: clean(m.source), note: clean(m.note),
      }),
    );
    return { undo: id, redo: id };
  });
}

function getMeasurement(store: Reader, measurementId: string): MeasurementTable {
  const m = store.run.first(kysely.selectFrom('measurement').selectAll().where('id', '=', measurementId));
  if (!m) throw new TrameError('introuvable', "Cette mesure n'existe plus (elle a peut-être été supprimée ou l'ajout annulé).");
  return m;
}

export function updateMeasurement(store: Doc, measurementId: string, patch: Partial<MeasurementInput>): EditOutcome {
  const m = getMeasurement(store, measurementId);
  const node = getIndicatorNode(store, m.node_id);
  const set: Partial<MeasurementTable> = {};
  if (patch.date !== undefined) set.date = patch.date;
  if (patch.value !== undefined) set.value = patch.value;
  if (patch.scope !== undefined) set.scope = patch.scope;
  if (patch.source !== undefined) set.source = clean(patch.source);
  if (patch.note !== undefined) set.note = clean(patch.note);
  return store.edit(`Corriger la mesure ${describe(m)} de ${quote(node.title)}`, () => {
    if (Object.keys(set).length) store.run.run(kysely.updateTable('measurement').set(set).where('id', '=', measurementId));
    return { undo: m.node_id, redo: m.node_id };
  });
}

export function removeMeasurement(store: Doc, measurementId: string): EditOutcome {
  const m = getMeasurement(store, measurementId);
  const node = getIndicatorNode(store, m.node_id);
  return store.edit(`Supprimer la mesure ${describe(m)} de ${quote(node.title)}`, () => {
    store.run.run(kysely.deleteFrom('measurement').where('id', '=', measurementId));
    return { undo: m.node_id, redo: m.node_id };
  });
}

// ---------- the national library ----------

export function addFromLibrary(store: Doc, parentId: string, entryId: string): EditOutcome {
  const entry = libraryEntry(entryId);
  if (!entry) throw new TrameError('introuvable', `L'entrée « ${entryId} » n'est pas dans la bibliothèque nationale de cette version de Trame.`);
  const parent = store.run.first(kysely.selectFrom('node').selectAll().where('id', '=', parentId));
  if (!parent) throw new TrameError('introuvable', "L'élément choisi n'existe plus dans le contrat.");
  if (!canHold(parent.kind, 'indicateur')) throw new TrameError('imbrication', nestingError(parent.kind, 'indicateur'));
  return store.edit(`Ajouter l'indicateur ${quote(entry.title)} (bibliothèque nationale)`, () => {
    const id = store.newId();
    const last = store.run.stmt('SELECT max(order_key) AS k FROM node WHERE parent_id = ?').get(parentId) as { k: string | null };
    store.run.run(
      kysely.insertInto('node').values({
        id, parent_id: parentId, kind: 'indicateur', order_key: keyBetween(last.k, null)!, title: entry.title,
        description: `Indicateur de la bibliothèque nationale. Source : ${entry.source}.`, tag: 'ajouter', tag_note: null,
      }),
    );
    store.run.run(
      kysely.insertInto('indicator').values({
        node_id: id, unit: entry.unit, direction: entry.direction, kind: entry.kind, frequency: entry.frequency,
        baseline_value: entry.baseline?.value ?? null, baseline_date: entry.baseline?.date ?? null,
        target_value: entry.target?.value ?? null, target_date: entry.target?.date ?? null,
        source: entry.source.slice(0, 200), library_ref: entry.id,
      }),
    );
    return { undo: parentId, redo: id };
  });
}

/** An indicator's card is keyed by its item; a measurement's image names its item. */
export const indicatorsChangeScope: Partial<ChangeScope> = { items: { indicator: 'key', measurement: 'node_id' } };
