// The indicators' job, declared once: the preview of a measurements CSV (read, decoded and checked in the worker;
// kept here until indicators.csvCommit adds it as one step).
import path from 'node:path';
import type { JobsOf } from '../../jobs/types';
import type { FeatureContext } from '../../session';
import type { indicatorJobs } from './contract';
import { csvIndicators } from './csv-import';
import { cacheOf } from './handlers';
import type { CsvReading } from './model/csv';
import { csvPreview, type CsvPayload } from './work';

export const indicatorJobDeclarations: JobsOf<FeatureContext, typeof indicatorJobs> = {
  'indicators.csvPreview': {
    prepare: (ctx, { docId, path: p, upload }) => {
      const indicators = csvIndicators(ctx.docs.docOf(docId));
      if (upload) {
        const bytes = new Uint8Array(Buffer.from(upload.base64, 'base64'));
        const payload: CsvPayload = { file: path.basename(upload.name), bytes, indicators };
        return { payload, transfer: [bytes.buffer as ArrayBuffer] };
      }
      const payload: CsvPayload = { file: path.resolve(p!), indicators };
      return { payload };
    },
    work: csvPreview,
    finish: (ctx, reading: CsvReading, { docId, path: p, upload }) => {
      const titles = new Map(csvIndicators(ctx.docs.docOf(docId)).map((i) => [i.id, i.title] as const));
      return cacheOf(ctx).put(docId, upload ? upload.name : path.resolve(p!), reading, titles);
    },
  },
};
