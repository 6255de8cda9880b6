import type { HandlersOf } from '../../api/registry';
import { newTrameFilePath } from '../../files';
import type { FeatureContext } from '../../session';
import type { contratContract } from './contract';
import { createEmpty, updateContrat } from './queries';

export function contratHandlers({ docs }: FeatureContext): HandlersOf<typeof contratContract> {
  return {
    'contrat.create': ({ path, contrat }) => {
      const file = newTrameFilePath(path);
      createEmpty(file, contrat);
      return docs.open(file, { justCreated: true }); // written and checked just now (createFile)
    },
    'contrat.update': ({ docId, contrat }) => {
      updateContrat(docs.docOf(docId), contrat);
      return docs.info(docId);
    },
  };
}
