import path from 'node:path';
import type { HandlersOf } from '../../api/registry';
import type { JobStepsOf } from '../../jobs/types';
import type { FeatureContext } from '../../session';
import type { indicatorJobs, indicatorsContract } from './contract';
import { addCopil, listCopils, removeCopil, updateCopil } from './copils';
import { commitMeasurements, csvIndicators, PreviewCache } from './csv-import';
import { readDashboard } from './dashboard';
import { LIBRARY } from './model/library';
import type { CsvReading } from './model/csv';
import { addFromLibrary, addMeasurement, readCard, removeMeasurement, updateCard, updateMeasurement } from './queries';
import type { CsvPayload } from './work';

/** One cache per handler set: the job's finish step fills it, indicators.csvCommit empties it. */
const caches = new WeakMap<FeatureContext, PreviewCache>();
function cacheOf(ctx: FeatureContext): PreviewCache {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = new PreviewCache()));
  return c;
}

export function indicatorsHandlers(ctx: FeatureContext): HandlersOf<typeof indicatorsContract> {
  const { docs } = ctx;
  const edit = <T>(docId: string, fn: (s: ReturnType<typeof docs.docOf>) => T): T => {
    const s = docs.docOf(docId);
    return docs.edited(s, fn(s));
  };
  return {
    'indicators.card': ({ docId, id }) => readCard(docs.docOf(docId), id),
    'indicators.update': ({ docId, id, patch }) => edit(docId, (s) => updateCard(s, id, patch)),
    'indicators.addMeasurement': ({ docId, id, ...m }) => edit(docId, (s) => addMeasurement(s, id, m)),
    'indicators.updateMeasurement': ({ docId, measurementId, patch }) => edit(docId, (s) => updateMeasurement(s, measurementId, patch)),
    'indicators.removeMeasurement': ({ docId, measurementId }) => edit(docId, (s) => removeMeasurement(s, measurementId)),
    'indicators.library': () => LIBRARY,
    'indicators.addFromLibrary': ({ docId, parentId, entryId }) => edit(docId, (s) => addFromLibrary(s, parentId, entryId)),
    'indicators.csvCommit': ({ docId, previewId, acceptOutOfRange }) => {
      const cache = cacheOf(ctx);
      const kept = cache.take(docId, previewId);
      const out = edit(docId, (s) => commitMeasurements(s, kept.reading, acceptOutOfRange, kept.fileName));
      cache.drop(previewId);
      return out;
    },
    'indicators.dashboard': ({ docId, since, today }) => readDashboard(docs.docOf(docId), { since, today }),
    'copil.list': ({ docId }) => listCopils(docs.docOf(docId)),
    'copil.add': ({ docId, ...c }) => edit(docId, (s) => addCopil(s, c)),
    'copil.update': ({ docId, id, patch }) => edit(docId, (s) => updateCopil(s, id, patch)),
    'copil.remove': ({ docId, id }) => edit(docId, (s) => removeCopil(s, id)),
  };
}

/** Main-thread steps of the CSV preview job; the reading itself is in work.ts. */
export function indicatorJobSteps(ctx: FeatureContext): JobStepsOf<typeof indicatorJobs> {
  return {
    'indicators.csvPreview': {
      prepare: ({ docId, path: p, upload }) => {
        const indicators = csvIndicators(ctx.docs.docOf(docId));
        if (upload) {
          const bytes = new Uint8Array(Buffer.from(upload.base64, 'base64'));
          const payload: CsvPayload = { file: path.basename(upload.name), bytes, indicators };
          return { payload, transfer: [bytes.buffer as ArrayBuffer] };
        }
        const payload: CsvPayload = { file: path.resolve(p!), indicators };
        return { payload };
      },
      finish: (reading: CsvReading, { docId, path: p, upload }) => {
        const titles = new Map(csvIndicators(ctx.docs.docOf(docId)).map((i) => [i.id, i.title] as const));
        return cacheOf(ctx).put(docId, upload ? upload.name : path.resolve(p!), reading, titles);
      },
    },
  };
}
