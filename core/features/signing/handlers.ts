import type { HandlersOf } from '../../api/registry';
import type { JobStepsOf, JobWork } from '../../jobs/types';
import type { FeatureContext } from '../../session';
import type { signingContract, signingJobs, VerifyReport } from './contract';
import { readInputFile } from './files';
import { verifyPdf } from './verify';

export function signingHandlers(_ctx: FeatureContext): HandlersOf<typeof signingContract> {
  return {};
}

export function signingJobSteps(_ctx: FeatureContext): JobStepsOf<typeof signingJobs> {
  return {
    'signing.verifyFile': { prepare: ({ path }) => ({ payload: { path } }), finish: (r: VerifyReport) => r },
  };
}

/** In the worker: read the file and check every signature (a large PDF takes a few hundred ms). */
export const signingWork: Record<keyof typeof signingJobs, JobWork> = {
  'signing.verifyFile': async ({ path }: { path: string }, ctx) => {
    ctx.progress(0, null, 'Vérification des signatures');
    return verifyPdf(readInputFile(path, 'un PDF'));
  },
};
