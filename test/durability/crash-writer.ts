// Child process of the crash test: edits a .trame file in a loop and reports each edit on stdout
// once it is committed ("ack N"). With --ack-before-commit it reports BEFORE committing: the negative control
// that the crash test must catch losing edits. With --synchronous-normal it commits without waiting for the disk:
// the negative control of the power-cut test (test/device), which a SIGKILL cannot tell from FULL.
// With --scribble or --truncate it damages the file itself after a few edits (garbage over every page but the
// header, or the file cut to two pages), then waits to be killed: the negative control that the crash test sees a
// corrupted file, not only a lost edit.
import { closeSync, ftruncateSync, openSync, statSync, writeSync } from 'node:fs';
import { Store } from '../../db/store';
import { addNode } from '../../core/features/tree/queries';

const [file, mode] = process.argv.slice(2);
const store = Store.open(file, 'crash-writer');
const ackBefore = mode === '--ack-before-commit';
if (mode === '--synchronous-normal') store.db.pragma('synchronous = NORMAL');
let i = Number(process.argv[4] ?? 0);

if (mode === '--scribble' || mode === '--truncate') {
  for (const end = i + 5; i < end; i++) {
    addNode(store, { parentId: null, title: `edit-${i}` });
    process.stdout.write(`ack ${i}\n`);
  }
  const page = Number(store.db.pragma('page_size', { simple: true }));
  const fd = openSync(file, 'r+');
  if (mode === '--truncate') ftruncateSync(fd, 2 * page);
  else {
    // Every page after the first (the header and the schema stay readable, so the damage is found by the checks
    // after open, not only by the header test). Pages rewritten in the WAL since are read from there; the others
    // (other tables, their indexes) are garbage now.
    const size = statSync(file).size;
    let x = 0x2545f491;
    const garbage = Buffer.alloc(page);
    for (let off = page; off < size; off += page) {
      for (let b = 0; b < page; b++) garbage[b] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
      writeSync(fd, garbage, 0, page, off);
    }
  }
  closeSync(fd);
  process.stdout.write('ready\n');
  setInterval(() => undefined, 1 << 30); // stays alive until killed, as a writer would
} else {
  process.stdout.write('ready\n');
  for (;;) {
    const title = `edit-${i}`;
    if (ackBefore) {
      process.stdout.write(`ack ${i}\n`);
      // Leave a window between the report and the commit, as a careless writer would.
      const until = Date.now() + 3;
      while (Date.now() < until) { /* busy */ }
    }
    addNode(store, { parentId: null, title });
    if (!ackBefore) process.stdout.write(`ack ${i}\n`);
    i++;
  }
}
