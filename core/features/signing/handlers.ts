import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import type { signingContract } from './contract';

/** Signing has no channel of its own: its CLI commands and the versions feature use its functions, its job below. */
export function signingHandlers(_ctx: FeatureContext): HandlersOf<typeof signingContract> {
  return {};
}
