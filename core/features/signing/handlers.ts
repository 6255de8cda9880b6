import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import type { signingContract } from './contract';
import { readInputFile } from './files';
import { verifyPdf } from './verify';

export function signingHandlers(_ctx: FeatureContext): HandlersOf<typeof signingContract> {
  return {
    'signing.verifyFile': async ({ path }) => verifyPdf(readInputFile(path, 'un PDF')),
  };
}
