// Indicators a comité de pilotage can read: the indicator card, its measurements, the CSV import, the national
// library, the COPIL meetings and the COPIL dashboard. Pure (zod and domain only): the renderer imports it.
import { indicatorPatch as treeIndicatorPatch } from '../tree/contract';
import { z } from 'zod';
import { job } from '../../api/jobs';
import { channel, defineContract } from '../../api/registry';
import type { EditOutcome } from '../../api/types';
import { docId, empty, finite, id, path, text } from '../../api/values';
import { isoDateSchema } from '../../domain/dates';

import type { LibraryEntry } from './model/library';
import type { SinceItem, ChangeKind } from './model/since';
import { FREQUENCIES, INDICATOR_KINDS, STATUSES, type Frequency, type IndicatorKind, type IndicatorStatus } from './model/status';
import type { TagCounts, EnjeuTagCounts } from './model/tags';
import type { CsvProblem } from './model/csv';

export { FREQUENCIES, FREQUENCY_LABELS, INDICATOR_KINDS, INDICATOR_KIND_LABELS, STATUSES, STATUS_LABELS, STATUS_RULE_TEXT } from './model/status';
export type { Frequency, IndicatorKind, IndicatorStatus } from './model/status';
export { LIBRARY, LIBRARY_FAMILIES, type LibraryEntry } from './model/library';
export { CHANGE_KINDS, CHANGE_LABELS, type ChangeKind, type SinceItem, type SinceChange } from './model/since';
export type { TagCounts, EnjeuTagCounts } from './model/tags';
export type { CsvProblem } from './model/csv';

export interface MeasurementInfo {
  id: string;
  date: string;
  value: number;
  scope: 'qpv' | 'reference';
  source: string | null;
  note: string | null;
}

export interface IndicatorCardInfo {
  id: string;
  title: string;
  unit: string | null;
  direction: 'hausse' | 'baisse' | null;
  kind: IndicatorKind | null;
  frequency: Frequency | null;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  referenceLabel: string | null;
  referenceValue: number | null;
  referenceDate: string | null;
  source: string | null;
  providerId: string | null;
  /** Codes of the QPV covered; empty = every QPV of the contrat. */
  qpvIds: string[];
  libraryRef: string | null;
  measurements: MeasurementInfo[];
  /** Choices for the form. */
  partners: { id: string; name: string }[];
  qpvs: { id: string; code: string; name: string }[];
  status: { status: IndicatorStatus; reason: string };
}

export interface CardUpdate {
  outcome: EditOutcome;
  /** Accepted but worth a look (a target date before the baseline date…). French. */
  warnings: string[];
}

export interface Copil { id: string; date: string; title: string; note: string | null }

export interface DashboardIndicator {
  id: string;
  title: string;
  enjeuId: string | null;
  unit: string | null;
  direction: 'hausse' | 'baisse' | null;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  referenceLabel: string | null;
  providerId: string | null;
  status: IndicatorStatus;
  reason: string;
  measurements: { date: string; value: number; scope: 'qpv' | 'reference' }[];
}

export interface Dashboard {
  today: string;
  indicators: DashboardIndicator[];
  enjeux: { id: string; title: string }[];
  partners: { id: string; name: string }[];
  tags: { total: TagCounts; byEnjeu: EnjeuTagCounts[] };
  copils: Copil[];
  /** `at`: the moment the list starts after (a COPIL recorded on its own day), null when from a day. */
  since: { date: string | null; copilId: string | null; at: string | null; items: SinceItem[]; counts: Record<ChangeKind, number>; truncated: boolean };
}

export interface CsvPreview {
  previewId: string;
  fileName: string;
  encoding: 'utf-8' | 'utf-16' | 'windows-1252';
  separator: ';' | ',' | '\t';
  /** Lines ready to be added. */
  count: number;
  /** The first lines ready, for the table shown. */
  sample: { line: number; indicator: string; date: string; value: number; scope: 'qpv' | 'reference'; source: string | null; note: string | null }[];
  errors: CsvProblem[];
  errorCount: number;
  outOfRange: CsvProblem[];
  outOfRangeCount: number;
}

const measurementFields = {
  date: isoDateSchema,
  value: finite,
  scope: z.enum(['qpv', 'reference']),
  source: text(200).nullable().optional(),
  note: text(2000).nullable().optional(),
};

export const indicatorPatch = treeIndicatorPatch.extend({
  kind: z.enum(INDICATOR_KINDS).nullable().optional(),
  frequency: z.enum(FREQUENCIES).nullable().optional(),
  providerId: id.nullable().optional(),
  /** QPV codes; empty = every QPV. */
  qpvIds: z.array(id).max(500).optional(),
});

/** 100 MB of CSV, in base64. */
const CSV_UPLOAD_MAX_BASE64 = Math.ceil((100 * 1024 * 1024) / 3) * 4;

const copilFields = { date: isoDateSchema, title: text(200), note: text(5000).nullable().optional() };

export const indicatorsContract = defineContract('indicators', {
  'indicators.card': channel<IndicatorCardInfo>()(z.strictObject({ docId, id })),
  'indicators.update': channel<CardUpdate>()(z.strictObject({ docId, id, patch: indicatorPatch })),
  'indicators.addMeasurement': channel<EditOutcome>()(z.strictObject({ docId, id, ...measurementFields })),
  'indicators.updateMeasurement': channel<EditOutcome>()(
    z.strictObject({ docId, measurementId: id, patch: z.strictObject({ ...measurementFields }).partial() }),
  ),
  'indicators.removeMeasurement': channel<EditOutcome>()(z.strictObject({ docId, measurementId: id })),
  'indicators.library': channel<readonly LibraryEntry[]>()(empty),
  /** Adds the library entry as a new indicateur, last child of `parentId` (an objectif or an action). */
  'indicators.addFromLibrary': channel<EditOutcome>()(z.strictObject({ docId, parentId: id, entryId: id })),
  /** Adds every line of a preview (indicators.csvPreview job), all or nothing, as one undoable step. */
  'indicators.csvCommit': channel<{ outcome: EditOutcome; added: number }>()(
    z.strictObject({ docId, previewId: id, acceptOutOfRange: z.boolean() }),
  ),
  'indicators.dashboard': channel<Dashboard>()(
    z.strictObject({
      docId,
      /** The « since » date; omitted = the last COPIL's; null = none. */
      since: isoDateSchema.nullable().optional(),
      /** For tests: the day the status rule is applied on (default: today). */
      today: isoDateSchema.optional(),
      /** Only the indicators these select are sent (the tag counts, « depuis » and the meetings are whole). */
      filters: z.strictObject({ enjeuId: id.nullable().optional(), providerId: id.nullable().optional(), status: z.enum(STATUSES).nullable().optional() }).optional(),
    }),
  ),
  'copil.list': channel<Copil[]>()(z.strictObject({ docId })),
  'copil.add': channel<EditOutcome>()(z.strictObject({ docId, ...copilFields })),
  'copil.update': channel<EditOutcome>()(z.strictObject({ docId, id, patch: z.strictObject(copilFields).partial() })),
  'copil.remove': channel<EditOutcome>()(z.strictObject({ docId, id })),
});

export const indicatorJobs = {
  /** Reads and checks a CSV of measurements (nothing written); the preview is kept for indicators.csvCommit. */
  'indicators.csvPreview': job<CsvPreview>()(
    z
      .strictObject({
        docId,
        /** A file on disk (the CLI, Electron)… */
        path: path.optional(),
        /** …or its content as the page read it (a file chosen in the browser), base64. */
        upload: z.strictObject({ name: text(255), base64: z.string().max(CSV_UPLOAD_MAX_BASE64) }).optional(),
      })
      .refine((v) => (v.path === undefined) !== (v.upload === undefined), { message: 'donnez soit un chemin, soit le contenu du fichier' }),
  ),
};


