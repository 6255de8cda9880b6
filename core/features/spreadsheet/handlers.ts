import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import { previewsOf } from './cache';
import { commitIntoOpen } from './commit';
import type { spreadsheetContract } from './contract';
import { LayoutMemory } from './memory';

export function spreadsheetHandlers(ctx: FeatureContext): HandlersOf<typeof spreadsheetContract> {
  return {
    'spreadsheet.commit': ({ docId, previewId }) => {
      const previews = previewsOf(ctx);
      const kept = previews.take(previewId, docId);
      const out = commitIntoOpen(ctx.docs.docOf(docId), kept);
      previews.drop(previewId);
      if (kept.layoutKey) new LayoutMemory(ctx.host.appDataDir).remember(kept.layoutKey, kept.mapping);
      return out;
    },
  };
}
