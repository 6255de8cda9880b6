import { randomUUID } from 'node:crypto';
import type { HandlersOf } from '../../api/registry';
import { newTrameFilePath } from '../../files';
import { parseTrameDocument } from '../../format/schema';
import type { FeatureContext } from '../../session';
import { createFromDocument } from '../format';
import type { demoContract } from './contract';
import { demoDocument } from './demo-contrat';

export function demoHandlers({ docs }: FeatureContext): HandlersOf<typeof demoContract> {
  return {
    'contrat.createDemo': ({ path }) => {
      const file = newTrameFilePath(path);
      // Each demo contrat is a contrat of its own: a new document id (its items keep the demo's ids).
      createFromDocument(file, { ...parseTrameDocument(demoDocument()), id: randomUUID() });
      return docs.open(file);
    },
  };
}
