// The commitments' figures for `npm run bench`, over the 10 000-item contrat of generate.ts with 200 partners and
// 2 000 commitments (funding, histories, deadlines from 2023 to 2030):
// - matrix-ms (goal ≤ 300 ms): in Chromium, from the key press that opens the Engagements screen (Alt+4) to the
//   matrix partner × enjeu drawn (its 201 rows known, the rows in view in the page, next animation frame), in the page;
// - late-list-ms (goal ≤ 20 ms): computing the late list of the 2 000 commitments (median of 21 runs);
// - commitments-read-ms: reading them from the file with their items, funding, history and progress (commitments.view).
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createHandlers } from '../../core/handlers';
import { startServer } from '../../core/server/http';
import { lateList } from '../../core/domain/commitments';
import type { CommitmentStatus, TrameDocument, TreeNodeDoc } from '../../core/domain/format-types';
import { readCommitments } from '../../core/features/commitments';
import { createFromDocument } from '../../core/features/files/import';
import { Store } from '../../db/store';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium';
import { median } from './host';

const STATUSES: CommitmentStatus[] = ['propose', 'acte', 'en-cours', 'tenu', 'partiellement-tenu', 'non-tenu', 'abandonne'];

/** The generated contrat with 200 partners and 2 000 commitments on its actions. */
export function withCommitments(doc: TrameDocument, partners = 200, commitments = 2000): TrameDocument {
  const actions: string[] = [];
  const stack: TreeNodeDoc[] = [...doc.tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'action' && n.id) actions.push(n.id);
    stack.push(...(n.children ?? []));
  }
  const out = structuredClone(doc);
  out.partners = Array.from({ length: partners }, (_, i) => ({ id: `p${i}`, name: `Partenaire ${i + 1}`, type: 'association' as const }));
  out.commitments = Array.from({ length: commitments }, (_, i) => {
    const status = STATUSES[i % STATUSES.length];
    return {
      id: `c${i}`,
      partner: `p${(i * 7) % partners}`,
      nodes: [actions[(i * 13) % actions.length], actions[(i * 31 + 5) % actions.length]].filter((v, k, a) => a.indexOf(v) === k),
      text: `Engagement ${i + 1} : accompagner les habitants des QPV vers l'emploi`,
      due: i % 3 === 0 ? `${2023 + (i % 8)}` : i % 3 === 1 ? `${2023 + (i % 8)}-0${1 + (i % 9)}` : `${2023 + (i % 8)}-06-30`,
      status,
      funding: { amount: 1000 * (i % 50), nature: i % 2 ? ('droit-commun' as const) : ('credits-specifiques' as const) },
      history: [{ status: 'propose' as const, at: '2024-01-01T00:00:00Z', by: 'Bench' }, ...(status === 'propose' ? [] : [{ status, at: '2025-01-01T00:00:00Z', by: 'Bench' }])],
    };
  });
  return out;
}

export interface CommitmentFigures { matrixMs: number; lateListMs: number; readMs: number; late: number }

export async function benchCommitments(dir: string, doc: TrameDocument): Promise<CommitmentFigures> {
  const file = path.join(dir, 'engagements-bench.trame');
  createFromDocument(file, withCommitments(doc));

  const store = Store.openForReading(file);
  const reads: number[] = [];
  let list = readCommitments(store).commitments;
  for (let k = 0; k < 7; k++) {
    const t0 = performance.now();
    list = readCommitments(store).commitments;
    reads.push(performance.now() - t0);
  }
  store.close();
  if (list.length !== 2000) throw new Error(`attendu 2 000 engagements, lu ${list.length}`);
  const lates: number[] = [];
  let late = 0;
  for (let k = 0; k < 21; k++) {
    const t0 = performance.now();
    late = lateList(list, '2026-11-27').length;
    lates.push(performance.now() - t0);
  }

  const set = createHandlers({ mode: 'web', appDataDir: dir, defaultDir: dir, version: 'bench' });
  await set.handlers['settings.setUserName']({ name: 'Bench' });
  const server = await startServer({ handlers: set.handlers, staticDir: path.join(__dirname, 'renderer'), onEvent: set.onEvent });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const times: number[] = [];
  try {
    for (let k = 0; k < 5; k++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${server.pageUrl}#/contrat?path=${encodeURIComponent(file)}`);
      await page.locator('[role=treeitem]').first().waitFor({ timeout: 30_000 });
      await page.locator('[role=treeitem]').first().click();
      // Started in the page at the key press; ends once all 200 rows are in the matrix and a frame has been drawn.
      // A string, so that this Node-side module needs no DOM types (it is type-checked with the Node tsconfig).
      const wait = page.evaluate<number>(`new Promise((resolve) => {
        const t0 = performance.now();
        const check = () => {
          const m = document.querySelector('table.matrix'); if (m && m.getAttribute('aria-rowcount') === '201' && m.querySelector('tbody tr[data-row]')) requestAnimationFrame(() => resolve(performance.now() - t0));
          else requestAnimationFrame(check);
        };
        window.dispatchEvent(new KeyboardEvent('keydown', { key: '4', code: 'Digit4', altKey: true, bubbles: true }));
        check();
      })`);
      times.push(await wait);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    set.closeAll();
  }
  return { matrixMs: median(times), lateListMs: median(lates), readMs: median(reads), late };
}
