// merge-10k-ms (goal ≤ 500 ms, issue 19): two copies of the 10 000-item contrat, 1 000 changes on each side, 50 of
// them on the same items (conflicts), until the conflict list is ready; merge-apply-10k-ms (goal ≤ 500 ms): the
// resolved merge applied as one step.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { applyMerge, planMerge } from '../../core/features/merge/merge';
import { loadTree, updateNode } from '../../core/features/tree/queries';
import { Store } from '../../db/store';
import { ms } from './host';

export function benchMerge(dir: string, file: string, print: (name: string, value: number, unit: string) => void): void {
  const fileA = path.join(dir, 'fusion-a.trame');
  const fileB = path.join(dir, 'fusion-b.trame');
  copyFileSync(file, fileA);
  copyFileSync(file, fileB);
  const a = Store.open(fileA, 'EPCI', { migrationCopyDir: dir });
  const b = Store.open(fileB, 'Préfecture', { migrationCopyDir: dir });
  const ids = loadTree(a).map((n) => n.id);
  for (let i = 0; i < 1000; i++) updateNode(a, ids[i], { title: `Titre EPCI ${i}` });
  for (let i = 950; i < 1950; i++) updateNode(b, ids[i], { title: `Titre préfecture ${i}` });
  b.close();
  let t0 = process.hrtime.bigint();
  const plan = planMerge(a, fileB);
  const planMs = ms(t0);
  if (plan.preview.conflicts.length !== 50) throw new Error(`attendu 50 conflits, trouvé ${plan.preview.conflicts.length}`);
  t0 = process.hrtime.bigint();
  applyMerge(a, fileB, new Map(), 'leur');
  const applyMs = ms(t0);
  a.close();
  print('merge-10k-ms', planMs, 'ms');
  print('merge-apply-10k-ms', applyMs, 'ms');
}
