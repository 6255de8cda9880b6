import type { HandlersOf } from '../../api/registry';
import type { FeatureContext } from '../../session';
import type { mergeContract } from './contract';
import { applyMerge, planMerge } from './merge';
import type { Choice } from './model/three-way';

const choicesOf = (c: Record<string, Choice> | undefined) => new Map(Object.entries(c ?? {}));

export function mergeHandlers({ docs }: FeatureContext): HandlersOf<typeof mergeContract> {
  return {
    'merge.preview': ({ docId, path, choices, garder }) => planMerge(docs.docOf(docId), path, choicesOf(choices), garder ?? null).preview,
    'merge.apply': ({ docId, path, choices, garder }) => applyMerge(docs.docOf(docId), path, choicesOf(choices), garder ?? null),
  };
}
