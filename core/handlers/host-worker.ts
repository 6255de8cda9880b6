// The handler host's entry (bundled as dist/handler-host.cjs): the whole handler table, its open contrats and its
// job runner on a worker thread of their own. The Electron main thread only forwards each call here and each
// answer's bytes to the page (core/handlers/host.ts): a read of a large contrat never freezes a window.
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch } from '../api/dispatch';
import { createHandlers, type HandlerSet, type HostOptions } from './index';
import { encodeResult, type HostMessage, type HostRequest } from './host-protocol';

const port = parentPort;
if (!port) throw new Error('host-worker : à lancer comme fil de travail (worker_threads).');

let set: HandlerSet;
try {
  set = createHandlers(workerData as HostOptions);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  port.postMessage({ op: 'failed', message } satisfies HostMessage);
  throw err;
}

/** The open contrats that live in memory only (their file stopped taking writes), sent when that set changes. */
let lastOffline = '';
function offlineChange(): { offline?: string[] } {
  const now = set.openDocs().map((d) => d.docId).filter((docId) => set.store(docId)?.offline);
  const key = now.join('\n');
  if (key === lastOffline) return {};
  lastOffline = key;
  return { offline: now };
}

const post = (m: HostMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

set.onEvent((event) => post({ op: 'event', event, ...offlineChange() }));

port.on('message', (m: HostRequest) => {
  if (m.op === 'call') {
    void dispatch(set.handlers, m.channel, m.input).then((r) => {
      const bytes = encodeResult(r);
      post({ op: 'reply', id: m.id, bytes, ...offlineChange() }, [bytes.buffer as ArrayBuffer]);
    });
  } else if (m.op === 'settle') {
    void set.settle().finally(() => post({ op: 'done', id: m.id, ...offlineChange() }));
  } else if (m.op === 'closeAll') {
    try {
      set.closeAll();
    } finally {
      // A contrat whose backup was being written closes after it.
      void set.settle().finally(() => post({ op: 'done', id: m.id, ...offlineChange() }));
    }
  }
});

post({ op: 'ready' });
