// Run as an unprivileged user by test/db/access.test.ts: root ignores file permissions, so the read-only
// behaviour is checked from a process that really cannot write. Prints one JSON line.
import { Store } from '../../db/store';
import { addNode, loadTree } from '../../core/features/tree/queries';

const file = process.argv[2];
const out: Record<string, unknown> = {};
try {
  const s = Store.open(file, 'probe');
  out.readOnly = s.readOnly;
  out.reason = s.readOnlyReason;
  out.count = loadTree(s).length;
  try {
    addNode(s, { parentId: null, title: 'interdit' });
    out.edit = 'accepted';
  } catch (err) {
    out.edit = (err as Error).message;
  }
  s.close();
} catch (err) {
  out.openError = (err as Error).message;
}
console.log(JSON.stringify(out));
