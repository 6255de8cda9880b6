import path from 'node:path';
import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import type { indicatorsContract } from './contract';
import { addCopil, listCopils, removeCopil, updateCopil } from './copils';
import { commitMeasurements, PreviewCache } from './csv-import';
import { readDashboard } from './dashboard';
import { LIBRARY } from './model/library';
import { addFromLibrary, addMeasurement, readCard, removeMeasurement, updateCard, updateMeasurement } from './queries';

/** One cache per handler set: the job's finish step fills it, indicators.csvCommit empties it. */
const caches = new WeakMap<FeatureContext, PreviewCache>();
export function cacheOf(ctx: FeatureContext): PreviewCache {
  let c = caches.get(ctx);
  if (!c) caches.set(ctx, (c = new PreviewCache()));
  return c;
}

export function indicatorsHandlers(ctx: FeatureContext): HandlersOf<typeof indicatorsContract> {
  const { docs } = ctx;
  return {
    'indicators.card': ({ docId, id }) => readCard(docs.docOf(docId), id),
    'indicators.update': ({ docId, id, patch }) => updateCard(docs.docOf(docId), id, patch),
    'indicators.addMeasurement': ({ docId, id, ...m }) => addMeasurement(docs.docOf(docId), id, m),
    'indicators.updateMeasurement': ({ docId, measurementId, patch }) => updateMeasurement(docs.docOf(docId), measurementId, patch),
    'indicators.removeMeasurement': ({ docId, measurementId }) => removeMeasurement(docs.docOf(docId), measurementId),
    'indicators.library': () => LIBRARY,
    'indicators.addFromLibrary': ({ docId, parentId, entryId }) => addFromLibrary(docs.docOf(docId), parentId, entryId),
    'indicators.csvCommit': ({ docId, previewId, acceptOutOfRange }) => {
      const cache = cacheOf(ctx);
      const kept = cache.take(docId, previewId);
      const out = commitMeasurements(docs.docOf(docId), kept.reading, acceptOutOfRange, kept.fileName);
      cache.drop(previewId);
      return out;
    },
    'indicators.dashboard': ({ docId, since, today, filters }) => readDashboard(docs.docOf(docId), { since, today, filters }),
    'copil.list': ({ docId }) => listCopils(docs.docOf(docId)),
    'copil.add': ({ docId, ...c }) => addCopil(docs.docOf(docId), c),
    'copil.update': ({ docId, id, patch }) => updateCopil(docs.docOf(docId), id, patch),
    'copil.remove': ({ docId, id }) => removeCopil(docs.docOf(docId), id),
  };
}
