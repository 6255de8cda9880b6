// The printed documents' figures (issue 11): pdf-10k-ms (≤ 5 000), docx-10k-ms (≤ 3 000), note-copil-ms (300
// indicators with their charts, ≤ 5 000) and edit-during-pdf-ms (median edit committed while the PDF export of the
// 10 000-item contrat runs as a job, ≤ 16).
import path from 'node:path';
import type { TrameDocument, TreeNodeDoc } from '../../core/domain/format-types';
import { createFromDocument } from '../../core/features/files/import';
import { makeDocument } from '../../core/features/protocole/work';
import { benchHost, median, ms } from './host';
import { Runner } from '../../db/query';
import { rawOpen } from '../../db/connection';

type Print = (name: string, value: number, unit: string) => void;


/** 300 indicators (10 enjeux × 3 objectifs × 10), each with eight QPV and four reference measurements. */
function noteDocument(): TrameDocument {
  const tree: TreeNodeDoc[] = [];
  for (let e = 1; e <= 10; e++) {
    const objectifs: TreeNodeDoc[] = [];
    for (let o = 1; o <= 3; o++) {
      const indicators: TreeNodeDoc[] = [];
      for (let i = 1; i <= 10; i++) {
        const measurements = [
          ...Array.from({ length: 8 }, (_, k) => ({ date: `${2019 + k}-12-31`, value: 20 + ((e * o * i + k * 7) % 15), scope: 'qpv' as const })),
          ...Array.from({ length: 4 }, (_, k) => ({ date: `${2019 + 2 * k}-12-31`, value: 10 + k, scope: 'reference' as const })),
        ];
        indicators.push({
          kind: 'indicateur', title: `Taux d’emploi des 15-64 ans en QPV (${e}.${o}.${i})`,
          indicator: { unit: '%', direction: 'hausse', baseline: { value: 21, date: '2019' }, target: { value: 30, date: '2030' }, source: 'INSEE', measurements },
        });
      }
      objectifs.push({ kind: 'objectif', title: `Objectif ${e}.${o}`, children: indicators });
    }
    tree.push({ kind: 'enjeu', title: `Enjeu ${e}`, children: objectifs });
  }
  return { format: 'trame', version: 1, contrat: { name: 'Contrat de 300 indicateurs', epci: 'EPCI du bench' }, tree };
}

async function timed(file: string, format: 'pdf' | 'docx' | 'note-copil-pdf', runs: number, since?: string): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const db = rawOpen(file, { readonly: true });
    try {
      const t0 = process.hrtime.bigint();
      await makeDocument(new Runner(db), null, { format, today: '2026-11-27', ...(since ? { since } : {}) });
      times.push(ms(t0));
    } finally {
      db.close();
    }
  }
  return median(times);
}

export async function benchDocuments(dir: string, file: string, print: Print): Promise<void> {
  print('pdf-10k-ms', await timed(file, 'pdf', 3), 'ms');
  print('docx-10k-ms', await timed(file, 'docx', 3), 'ms');
  const note = path.join(dir, 'note-300.trame');
  createFromDocument(note, noteDocument());
  print('note-copil-ms', await timed(note, 'note-copil-pdf', 3, '2024-01-01'), 'ms');

  // edit-during-pdf-ms: a host with windows (the CLI runs its jobs on its own thread).
  const { set, call } = benchHost(path.join(dir, 'app-pdf'), dir);
  try {
    const doc = await call('doc.open', { path: file });
    const ids = (await call('tree.get', { docId: doc.docId })).nodes.filter((n: { kind: string }) => n.kind === 'action').map((n: { id: string }) => n.id);
    const edits: number[] = [];
    for (let round = 0; round < 2; round++) {
      const { jobId } = await call('job.start', { type: 'protocole.export', input: { docId: doc.docId, path: path.join(dir, `protocole-${round}.pdf`), format: 'pdf' } });
      let k = 0;
      while (set.jobs.status(jobId).state === 'running') {
        const t0 = process.hrtime.bigint();
        await call('tree.update', { docId: doc.docId, id: ids[k++ % ids.length], patch: { title: `Renommée pendant le PDF ${round}-${k}` } });
        edits.push(ms(t0));
        await new Promise((r) => setTimeout(r, 5));
      }
      const end = await set.jobs.wait(jobId);
      if (end.state !== 'done') throw new Error(`export PDF : ${end.state} ${end.error?.message ?? ''}`);
    }
    if (edits.length === 0) throw new Error('aucune modification faite pendant le PDF');
    print('edit-during-pdf-ms', median(edits), 'ms');
    print('edit-during-pdf-max-ms', Math.max(...edits), 'ms');
  } finally {
    await set.settle();
    set.closeAll();
  }
}
