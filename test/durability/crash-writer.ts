// Child process of the crash test: edits a .trame file in a loop and reports each edit on stdout
// once it is committed ("ack N"). With --ack-before-commit it reports BEFORE committing: the negative control
// that the crash test must catch losing edits. With --synchronous-normal it commits without waiting for the disk:
// the negative control of the power-cut test (test/device), which a SIGKILL cannot tell from FULL.
import { Store } from '../../db/store';
import { addNode } from '../../core/features/tree/queries';

const [file, mode] = process.argv.slice(2);
const store = Store.open(file, 'crash-writer');
const ackBefore = mode === '--ack-before-commit';
if (mode === '--synchronous-normal') store.db.pragma('synchronous = NORMAL');
let i = Number(process.argv[4] ?? 0);
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
