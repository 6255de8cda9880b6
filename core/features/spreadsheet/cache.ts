// Previews waiting for the user's confirmation (a few at most; the oldest are dropped), one table per handler set.
import { randomUUID } from 'node:crypto';
import { TrameError } from '../../api/result';
import type { FeatureContext } from '../../session';
import type { Kept } from './work';

interface Entry { docId: string | null; kept: Kept }

export class SheetPreviews {
  #kept = new Map<string, Entry>();
  put(docId: string | null, kept: Kept): string {
    const previewId = randomUUID();
    while (this.#kept.size >= 6) this.#kept.delete(this.#kept.keys().next().value!);
    this.#kept.set(previewId, { docId, kept });
    return previewId;
  }
  take(previewId: string, docId: string | null): Kept {
    const e = this.#kept.get(previewId);
    if (!e || (docId !== null && e.docId !== docId)) throw new TrameError('introuvable', "Cet aperçu d'import n'est plus disponible : relancez la lecture du tableur.");
    return e.kept;
  }
  drop(previewId: string): void {
    this.#kept.delete(previewId);
  }
}

const tables = new WeakMap<FeatureContext, SheetPreviews>();
export function previewsOf(ctx: FeatureContext): SheetPreviews {
  let t = tables.get(ctx);
  if (!t) tables.set(ctx, (t = new SheetPreviews()));
  return t;
}
