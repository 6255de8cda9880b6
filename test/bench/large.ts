// The figures at 100 000 items (issue 22), group `grand` of `npm run bench`, each beside its raw limit:
//  - open-100k-ms (goal ≤ 500 ms) with raw-open-100k-ms and open-100k-ratio: Store.open and the whole tree loaded;
//  - import-100k-ms (goal ≤ 5 000 ms): `trame import` in a new process;
//  - render-100k-ms (goal ≤ 300 ms), tree-end-key-100k-ms, filter-100k-ms: the tree in Chromium (see render.ts);
//  - pdf-100k-ms, docx-100k-ms (goal ≤ 40 000 ms) with their peaks pdf-100k-rss-mb, docx-100k-rss-mb (goal ≤ 800 MB):
//    `trame export` of the protocole in a new process (see documents-large.ts).
// The contrat is the bench's generator at 100 000 items (enjeux → 10 objectifs → 4 actions → 1 indicateur each).
import path from 'node:path';
import { createFromDocument } from '../../core/features/files/import';
import { generateDocument } from './generate';
import { benchImportCli, benchOpen } from './open';
import { benchRender } from './render';
import { benchLargeDocuments } from './documents-large';

type Print = (name: string, value: number, unit: string) => void;

export async function benchLarge(dir: string, print: Print): Promise<void> {
  const doc = generateDocument(100_000);
  const file = path.join(dir, 'bench-100k.trame');
  createFromDocument(file, doc);
  const open = benchOpen(dir, file, 100_000, 5);
  print('open-100k-ms', open.openMs, 'ms');
  print('raw-open-100k-ms', open.rawMs, 'ms');
  print('open-100k-ratio', open.openMs / open.rawMs, 'x');
  print('import-100k-ms', benchImportCli(dir, doc, 'import-100k', 1), 'ms');
  const render = await benchRender(path.join(dir, 'app-100k'), file, 3);
  print('render-100k-ms', render.renderMs, 'ms');
  print('tree-end-key-100k-ms', render.endKeyMs, 'ms');
  print('filter-100k-ms', render.filterMs, 'ms');
  benchLargeDocuments(dir, print, 100_000, file);
}
