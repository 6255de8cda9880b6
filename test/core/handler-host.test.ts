// The handlers on a thread of their own (core/handlers/host.ts, the bundled dist/handler-host.cjs), as the Electron
// main process runs them: answers as the bytes of their JSON, checked against each channel's contract; events;
// nested job workers; the window-close question (« lives in memory only ») answered without asking the thread;
// files closed cleanly; a thread that is gone or an input that cannot cross answer in French.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { channels, type ApiEvent } from '../../core/api/contract';
import { isAnswerBytes } from '../../core/handlers/host-protocol';
import { WorkerHost, startHost } from '../../core/handlers/host';
import { answerProblem } from '../helpers/api-answers';
import { tmpDir } from '../helpers/tmp';
import { waitFor } from '../helpers/wait';

const SCRIPT = path.resolve('dist', 'handler-host.cjs');
const hosts: WorkerHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.terminate();
});

async function start(): Promise<{ host: WorkerHost; dir: string }> {
  // Built by `npm run build` (npm test builds first): a missing bundle fails here, it is never skipped.
  expect(existsSync(SCRIPT), `${SCRIPT} (npm run build)`).toBe(true);
  const dir = tmpDir();
  const host = await WorkerHost.start(SCRIPT, { mode: 'electron', appDataDir: path.join(dir, 'app'), defaultDir: dir, version: 'test', jobWorker: path.resolve('dist', 'job-worker.cjs') });
  hosts.push(host);
  return { host, dir };
}

/** A call through the host as a page makes it: bytes, decoded as the preload does, checked against the contract. */
async function page(host: WorkerHost, channel: keyof typeof channels, input: unknown): Promise<any> {
  const answer = await host.invoke(channel, input);
  expect(isAnswerBytes(answer), channel).toBe(true);
  const r = JSON.parse(new TextDecoder().decode(answer as Uint8Array));
  expect(answerProblem(channel, channels[channel].input, input, r), channel).toBeNull();
  return r;
}

describe('handler host on its own thread', () => {
  it('answers every call as bytes that match the contract, pushes events, and runs jobs from its thread', async () => {
    const { host, dir } = await start();
    const events: ApiEvent[] = [];
    host.onEvent((e) => events.push(e));
    const file = path.join(dir, 'demo.trame');
    const created = await page(host, 'contrat.createDemo', { path: file });
    expect(created.ok).toBe(true);
    const docId = created.value.docId as string;
    const tree = await page(host, 'tree.get', { docId });
    expect(tree.value.nodes.length).toBeGreaterThan(10);
    const added = await page(host, 'tree.add', { docId, parentId: null, title: 'Mobilité vers l’emploi' });
    expect(added.ok).toBe(true);
    await waitFor('l’événement de la modification', () => events.some((e) => e.kind === 'doc-changed' && e.change.docId === docId));
    for (const [channel, input] of [
      ['indicators.dashboard', { docId, since: null, today: '2026-06-30' }],
      ['commitments.overview', { docId }],
      ['journal.list', { docId, limit: 20 }],
    ] as const) expect((await page(host, channel, input)).ok, channel).toBe(true);
    // Refusals cross the same way, in French.
    const refused = await page(host, 'tree.add', { docId, parentId: 'absent', title: 'x' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'introuvable' } });
    // A job: the host's thread starts the job's own worker thread; its progress and end arrive as events.
    const out = path.join(dir, 'export.json');
    const job = await page(host, 'job.start', { type: 'format.exportToFile', input: { docId, path: out } });
    const jobId = job.value.jobId as string;
    await waitFor('la fin de la tâche', () => events.some((e) => e.kind === 'job' && e.job.jobId === jobId && e.job.state === 'done'), 60_000);
    expect(existsSync(out)).toBe(true);
    expect(await host.call('doc.info', { docId })).toMatchObject({ ok: true, value: { docId, offline: null } });
    expect(host.isOffline(docId)).toBe(false);
  });

  it('knows, without asking its thread, that a contrat lives in memory only; closes the files cleanly', async () => {
    const { host, dir } = await start();
    const file = path.join(dir, 'a.trame');
    const other = path.join(dir, 'b.trame');
    const a = await page(host, 'contrat.createDemo', { path: file });
    const b = await page(host, 'contrat.createDemo', { path: other });
    await page(host, 'doc.close', { docId: b.value.docId });
    const docId = a.value.docId as string;
    // Another program replaces the file (as a sync client does): the next edit goes to memory, and the host knows.
    renameSync(other, file);
    const edit = await page(host, 'tree.add', { docId, parentId: null, title: 'Gardé en mémoire' });
    expect(edit.ok).toBe(true);
    expect(edit.value.offline).toMatch(/ne peut plus être enregistré/);
    expect(host.isOffline(docId)).toBe(true);
    // Save as: the contrat is written elsewhere and reopened there; the new copy is not in memory only.
    const saved = path.join(dir, 'sauve.trame');
    const copy = await page(host, 'doc.saveAs', { docId, path: saved });
    expect(copy.ok, JSON.stringify(copy)).toBe(true);
    const edited = path.join(dir, 'ferme.trame');
    const c = await page(host, 'contrat.createDemo', { path: edited });
    await page(host, 'tree.add', { docId: c.value.docId, parentId: null, title: 'Écrit avant la fermeture' });
    await host.closeAll();
    // Closed cleanly: one self-contained file, no lock held, the edit in it.
    expect(existsSync(`${edited}-wal`)).toBe(false);
    const db = new Database(edited, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM node WHERE title = ?').get('Écrit avant la fermeture')).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('a thread that is gone, or an input that cannot cross, answers in French', async () => {
    const { host } = await start();
    const fn = await host.call('app.info', { trap: () => 1 });
    expect(fn).toMatchObject({ ok: false, error: { code: 'entree-invalide', message: expect.stringMatching(/^Données refusées/) } });
    expect(await host.call('app.info', {})).toMatchObject({ ok: true, value: { mode: 'electron' } });
    await host.terminate();
    expect(await host.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'interne', message: expect.stringMatching(/^Le moteur de Trame s'est arrêté/) } });
  });

  it('falls back to this thread when its own cannot start, and says why', async () => {
    const dir = tmpDir();
    // A script that ends its thread at once, without a word: the start does not wait forever.
    const quits = path.join(dir, 'quitte.cjs');
    writeFileSync(quits, 'process.exit(3);\n');
    const early: string[] = [];
    const fallback = await startHost(quits, { mode: 'electron', appDataDir: path.join(dir, 'app0'), defaultDir: dir, version: 'test' }, (m) => early.push(m));
    expect(fallback.kind).toBe('inline');
    expect(early.join('\n')).toMatch(/code 3/);
    await fallback.closeAll();
    const said: string[] = [];
    const host = await startHost(path.join(dir, 'absent.cjs'), { mode: 'electron', appDataDir: path.join(dir, 'app'), defaultDir: dir, version: 'test' }, (m) => said.push(m));
    expect(host.kind).toBe('inline');
    expect(said.join('\n')).toMatch(/processus principal/);
    const r = await host.invoke('app.info', {});
    expect(isAnswerBytes(r)).toBe(false);
    expect(r).toMatchObject({ ok: true, value: { mode: 'electron' } });
    await host.closeAll();
  });
});

