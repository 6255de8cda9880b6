// `npm run bench`: prints one figure per line as `name: value unit`. Goals (issue 2) in the comments.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createFromDocument } from '../../core/features/format/import';
import { Store } from '../../db/store';
import { loadTree, updateNode } from '../../core/features/tree/queries';
import { generateDocument } from './generate';
import { benchRender } from './render';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function print(name: string, value: number, unit: string): void {
  console.log(`${name}: ${value.toFixed(unit === 'x' || value < 10 ? 2 : 1)} ${unit}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trame-bench-'));
  try {
    const doc = generateDocument(10_000);
    const file = path.join(dir, 'bench.trame');
    createFromDocument(file, doc);

    // open-10k-ms (goal ≤ 100 ms): open the file (all checks) and load the whole tree.
    const opens: number[] = [];
    let nodes = 0;
    for (let k = 0; k < 7; k++) {
      const t0 = process.hrtime.bigint();
      const s = Store.open(file, 'bench');
      nodes = loadTree(s).length;
      opens.push(ms(t0));
      s.close();
    }
    if (nodes !== 10_000) throw new Error(`attendu 10 000 éléments, lu ${nodes}`);
    print('open-10k-ms', median(opens), 'ms');

    // edit-commit-ms (goal ≤ 5 ms): one edit (rename), journaled and committed with synchronous=EXTRA.
    // raw-ratio (goal ≤ 1.5): the same edit through a raw better-sqlite3 prepared statement on a copy of the file
    // with the same settings. Store and raw edits alternate so that both see the same disk conditions.
    const rawFile = path.join(dir, 'raw.trame');
    createFromDocument(rawFile, doc);
    const store = Store.open(file, 'bench');
    const ids = loadTree(store).filter((n) => n.kind === 'action').slice(0, 400).map((n) => n.id);
    const raw = new Database(rawFile);
    raw.pragma('locking_mode = EXCLUSIVE');
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = EXTRA');
    const stmt = raw.prepare('UPDATE node SET title = ? WHERE id = ?');
    const edits: number[] = [];
    const rawTimes: number[] = [];
    ids.forEach((id, k) => {
      let t0 = process.hrtime.bigint();
      updateNode(store, id, { title: `Action renommée ${k}` });
      edits.push(ms(t0));
      t0 = process.hrtime.bigint();
      raw.transaction(() => stmt.run(`Action brute ${k}`, id)).immediate();
      rawTimes.push(ms(t0));
    });
    // Every 200 writes the store takes a new image for the in-memory fallback (db/store.ts, « shadow »): that edit
    // costs one serialize() more. Shown apart, since the median does not see it.
    const t1 = process.hrtime.bigint();
    const image = store.db.serialize();
    const imageMs = ms(t1);
    store.close();
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const storeMedian = median(edits);
    print('edit-commit-ms', storeMedian, 'ms');
    print('raw-edit-ms', median(rawTimes), 'ms');
    print('raw-ratio', storeMedian / median(rawTimes), 'x');
    print('edit-commit-max-ms', Math.max(...edits), 'ms');
    print('shadow-image-10k-ms', imageMs, 'ms');
    print('shadow-image-10k-mb', image.length / 1e6, 'MB');

    // import-10k-ms (goal ≤ 1000 ms): `trame import` as a user runs it (a new process, JSON parse, validation, write).
    const json = path.join(dir, 'bench.json');
    writeFileSync(json, JSON.stringify(doc));
    const imports: number[] = [];
    for (let k = 0; k < 3; k++) {
      const target = path.join(dir, `import-${k}.trame`);
      const t0 = process.hrtime.bigint();
      execFileSync(process.execPath, [path.join(__dirname, 'cli.cjs'), 'import', target, json], {
        env: { ...process.env, TRAME_DATA_DIR: dir },
        stdio: 'pipe',
      });
      imports.push(ms(t0));
    }
    print('import-10k-ms', median(imports), 'ms');

    // render-10k-ms (goal ≤ 200 ms): from the tree data in the page to the tree drawn, in Chromium.
    const render = await benchRender(dir, file);
    print('render-10k-ms', render.renderMs, 'ms');
    print('heap-renderer-10k-mb', render.heapMb, 'MB');
    print('rss-node-mb', process.memoryUsage().rss / 1024 / 1024, 'MB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench en échec : ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
