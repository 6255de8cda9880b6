// The spreadsheet figures for `npm run bench` (issue 20):
// - xlsx-import-10k-ms (goal ≤ 2 000 ms): a plan d'actions of 10 000 rows in XLSX, from the file to the preview
//   (bounded unzip, SheetJS reading, header found, mapping guessed, tree, partners and commitments planned);
// - xlsx-export-10k-ms (goal ≤ 2 000 ms): a contrat of 10 000 items (with 60 partners and 5 000 commitments) written
//   as linked sheets in XLSX, from the snapshot to the file;
// - xlsx-import-10k-peak-mb, xlsx-export-10k-peak-mb (goal ≤ 300 MB): the peak resident memory of `trame
//   import-tableur --simuler` and of `trame export --format xlsx` doing the same, each in its own process;
// - xlsx-import-10k-cpu-ms, xlsx-export-10k-cpu-ms (no goal): the same runs' CPU time (user + system), which a loaded
//   machine does not inflate as it does the wall time (the VM is shared: read both).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TrameDocument, TreeNodeDoc } from '../../core/domain/format-types';
import { createFromDocument } from '../../core/features/files/import';
import { exportSheets, previewSheet } from '../../core/features/spreadsheet/work';
import { writeXlsx } from '../../core/features/spreadsheet/write-xlsx';
import type { OutCell } from '../../core/features/spreadsheet/model/tables';
import type { WorkContext } from '../../core/jobs/types';
import { Store } from '../../db/store';
import { generateDocument } from './generate';
import { median } from './host';

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const ctx: WorkContext = { progress: () => {}, checkCancelled: () => {} };
const PARTNERS = ['France Travail', 'Mission locale', 'PLIE', 'CAF', 'Ville', 'Département', 'Région', 'État', 'BGE', 'Cité de l’emploi'];
const MONTHS = ['30/06/2026', 'juin 2026', '2027', 'S1 2026', 'T3 2026', '15/12/2026'];

/** 10 000 rows: 20 axes × 25 objectifs × 20 actions, a pilote, two partners in a cell, a funder, an amount, a date. */
export function planTable(): { headers: string[]; rows: OutCell[][] } {
  const rows: OutCell[][] = [];
  for (let k = 0; k < 10_000; k++) {
    const e = Math.floor(k / 500);
    const o = Math.floor(k / 20);
    rows.push([
      k % 500 === 0 ? `Axe ${e + 1} : l’emploi des habitants des quartiers` : null,
      k % 20 === 0 ? `Objectif ${e + 1}.${o + 1} : lever les freins périphériques` : null,
      `Action ${k + 1} : accompagnement renforcé vers l’emploi et la formation`,
      PARTNERS[k % 10],
      `${PARTNERS[(k + 1) % 10]}, ${PARTNERS[(k + 2) % 10]}`,
      PARTNERS[(k + 3) % 10],
      k % 2 ? `${(k % 90) + 10} 000 €` : (k % 90) * 1000 + 500,
      MONTHS[k % MONTHS.length],
      k % 3 ? 'En cours' : 'Proposé',
    ]);
  }
  return { headers: ['Axe', 'Objectif opérationnel', 'Fiche action', 'Pilote', 'Partenaires', 'Financeur', 'Montant', 'Échéance', 'Statut'], rows };
}

function exportDocumentOf(): TrameDocument {
  const doc = generateDocument(10_000);
  const actions: string[] = [];
  const walk = (l: TreeNodeDoc[]) => l.forEach((n) => (n.kind === 'action' && actions.push(n.id!), walk(n.children ?? [])));
  walk(doc.tree);
  const partners = Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, name: `${PARTNERS[i % 10]} ${i}` }));
  const commitments = Array.from({ length: 5_000 }, (_, i) => ({
    id: `c${i}`, partner: `p${i % 60}`, nodes: [actions[i % actions.length]], text: `Engagement ${i} : accueillir les publics des QPV`,
    due: i % 2 ? '2026-06-30' : '2027', status: 'en-cours' as const, funding: { amount: 1000 + i, nature: 'droit-commun' as const },
  }));
  return { ...doc, partners, commitments };
}

/** Peak resident memory (MB) of a CLI run, read at its exit. */
function cliPeak(dir: string, args: string[]): number {
  const hook = path.join(dir, 'peak.cjs');
  const out = path.join(dir, 'peak.txt');
  writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));`);
  const cli = path.join(path.dirname(process.argv[1]), 'cli.cjs');
  const r = spawnSync(process.execPath, ['--require', hook, cli, ...args], { cwd: dir, env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app-data') }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`trame ${args.join(' ')} : ${r.stderr}`);
  return Number(readFileSync(out, 'utf8')) / 1024;
}

export async function benchSpreadsheet(dir: string, print: (name: string, value: number, unit: string) => void): Promise<void> {
  const plan = path.join(dir, 'plan-10k.xlsx');
  const table = planTable();
  writeFileSync(plan, writeXlsx([{ name: 'Plan', headers: table.headers, rows: table.rows, ids: [] }]));
  const imports: number[] = [];
  const importCpu: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = previewSheet({ target: 'new', name: 'plan-10k.xlsx', file: plan, memory: {}, existingPartners: [] }, ctx);
    imports.push(performance.now() - t0);
    importCpu.push(cpuMs(c0));
    if (r.preview.errorCount !== 0 || r.preview.counts.action !== 10_000) throw new Error(`aperçu inattendu : ${JSON.stringify(r.preview.errors.slice(0, 3))}`);
  }
  print('xlsx-import-10k-ms', median(imports), 'ms');
  print('xlsx-import-10k-cpu-ms', median(importCpu), 'ms');

  const file = path.join(dir, 'tableur-10k.trame');
  createFromDocument(file, exportDocumentOf());
  const store = Store.open(file, 'bench', { migrationCopyDir: dir });
  const exports: number[] = [];
  const exportCpu: number[] = [];
  try {
    for (let k = 0; k < 5; k++) {
      const out = path.join(dir, `export-${k}.xlsx`);
      const image = store.snapshot();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      exportSheets({ image, documentId: null, file: out, replace: false, format: 'xlsx' }, ctx);
      exports.push(performance.now() - t0);
      exportCpu.push(cpuMs(c0));
      rmSync(out);
    }
  } finally {
    store.close();
  }
  print('xlsx-export-10k-ms', median(exports), 'ms');
  print('xlsx-export-10k-cpu-ms', median(exportCpu), 'ms');
  print('ods-export-10k-ms', (() => {
    const store2 = Store.open(file, 'bench', { migrationCopyDir: dir });
    const image = store2.snapshot();
    store2.close();
    const t0 = performance.now();
    exportSheets({ image, documentId: null, file: path.join(dir, 'export.ods'), replace: true, format: 'ods' }, ctx);
    return performance.now() - t0;
  })(), 'ms');
  print('xlsx-import-10k-peak-mb', cliPeak(dir, ['import-tableur', 'n.trame', plan, '--simuler']), 'MB');
  print('xlsx-export-10k-peak-mb', cliPeak(dir, ['export', file, '--format', 'xlsx', '-o', path.join(dir, 'cli-export.xlsx')]), 'MB');
}
