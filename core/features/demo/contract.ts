// The demo contrat, drawn from the seed documents: a whole contrat to try Trame with, created in one click.
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
import type { DocInfo } from '../../api/types';
import { path } from '../../api/values';

export const demoContract = defineContract('demo', {
  'contrat.createDemo': channel<DocInfo>()(z.strictObject({ path })),
});
