// Signing's job, declared once: checking every signature of a PDF file (a large PDF takes a few hundred ms).
import type { JobsOf } from '../../jobs/types';
import type { FeatureContext } from '../../session';
import type { signingJobs, VerifyReport } from './contract';
import { readInputFile } from './files';
import { verifyPdf } from './verify';

export const signingJobDeclarations: JobsOf<FeatureContext, typeof signingJobs> = {
  'signing.verifyFile': {
    prepare: (_ctx, { path }) => ({ payload: { path } }),
    work: async ({ path }: { path: string }, ctx) => {
      ctx.progress(0, null, 'Vérification des signatures');
      // The analysis checks the cancellation often: `job.cancel` stops it even on a hostile file.
      return verifyPdf(readInputFile(path, 'un PDF'), { tick: () => ctx.checkCancelled() });
    },
    finish: (_ctx, r: VerifyReport) => r,
  },
};
