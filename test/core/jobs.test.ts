// Jobs run in a worker thread: progress events, a result or a French error, cancellation that leaves nothing
// behind, and edits that go on on the main thread while a job runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEvent, DocInfo, JobStatus } from '../../core/api/contract';
import { generateDocument } from '../bench/generate';
import { harness } from '../helpers/handlers';

function record(h: ReturnType<typeof harness>): JobStatus[] {
  const seen: JobStatus[] = [];
  h.set.onEvent((e: ApiEvent) => {
    if (e.kind === 'job') seen.push(e.job);
  });
  return seen;
}

describe('jobs', () => {
  it('exports to a file in a worker, with progress events, and the file is the document', async () => {
    const h = harness();
    const events = record(h);
    const big = await h.mustJob('format.import', { path: path.join(h.dir, 'grand.trame'), document: generateDocument(5000) });
    const out = path.join(h.dir, 'export.json');
    const { jobId } = await h.must('job.start', { type: 'format.exportToFile', input: { docId: big.docId, path: out } });
    const end = await h.set.jobs.wait(jobId);
    expect(end).toMatchObject({ jobId, type: 'format.exportToFile', state: 'done', result: { path: out } });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(await h.must('format.export', { docId: big.docId }));
    const mine = events.filter((e) => e.jobId === jobId);
    expect(mine[0].state).toBe('running');
    expect(mine.at(-1)).toMatchObject({ state: 'done', result: { path: out } });
    expect(mine.every((e, i) => i === mine.length - 1 || e.state === 'running')).toBe(true);
    expect(await h.must('job.status', { jobId })).toEqual(end);
  });

  it('edits go on while an export runs; the export is the contrat as it was when it started', async () => {
    const h = harness();
    const doc = await h.mustJob('format.import', { path: path.join(h.dir, 'grand.trame'), document: generateDocument(20_000) });
    const out = path.join(h.dir, 'export.json');
    const { jobId } = await h.must('job.start', { type: 'format.exportToFile', input: { docId: doc.docId, path: out } });
    let editsWhileRunning = 0;
    while ((await h.must('job.status', { jobId })).state === 'running') {
      await h.must('tree.add', { docId: doc.docId, parentId: null, title: `Ajouté pendant l'export ${editsWhileRunning}` });
      editsWhileRunning++;
      await new Promise((r) => setImmediate(r));
    }
    expect((await h.must('job.status', { jobId })).state).toBe('done');
    expect(editsWhileRunning).toBeGreaterThan(0);
    const written = readFileSync(out, 'utf8');
    expect(written).not.toContain("Ajouté pendant l'export");
    const now = await h.must('format.export', { docId: doc.docId });
    expect(now.tree.filter((n) => n.title.startsWith("Ajouté pendant l'export"))).toHaveLength(editsWhileRunning);
  });

  it('an import cancelled mid-way leaves no file and no temporary file', async () => {
    const h = harness();
    const events = record(h);
    const target = path.join(h.dir, 'annule.trame');
    const before = readdirSync(h.dir).sort();
    const { jobId } = await h.must('job.start', { type: 'format.import', input: { path: target, document: generateDocument(40_000) } });
    // Cancel once the file is being written, not before it started.
    await new Promise<void>((resolve) => {
      const off = h.set.onEvent((e) => {
        if (e.kind === 'job' && e.job.jobId === jobId && e.job.progress.label === 'Création du contrat') {
          off();
          resolve();
        }
      });
    });
    const asked = await h.must('job.cancel', { jobId });
    expect(['running', 'cancelled']).toContain(asked.state);
    const end = await h.set.jobs.wait(jobId);
    expect(end).toMatchObject({ state: 'cancelled', error: { code: 'annule', message: expect.stringMatching(/^Opération annulée/) } });
    expect(events.filter((e) => e.jobId === jobId).at(-1)?.state).toBe('cancelled');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(h.dir).sort()).toEqual(before);
    // A job that has ended keeps its status: cancelling it again changes nothing.
    expect(await h.must('job.cancel', { jobId })).toEqual(end);
  });

  it('a refused document fails the job with the French problems, and creates nothing', async () => {
    const h = harness();
    const before = readdirSync(h.dir).sort();
    const r = await h.job('format.import', {
      path: path.join(h.dir, 'x.trame'),
      document: { format: 'trame', version: 1, contrat: { name: 'X', epci: 'Y' }, tree: [{ kind: 'action', title: 'A' }] },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'format-invalide' } });
    if (!r.ok) expect(r.error.details?.join('\n')).toMatch(/action/);
    expect(readdirSync(h.dir).sort()).toEqual(before);
  });

  it('refuses at the start what it can check at once, in French, and starts no job', async () => {
    const h = harness();
    const doc = await h.must('contrat.createDemo', { path: path.join(h.dir, 'demo.trame') });
    const trame = await h.call('job.start', { type: 'format.exportToFile', input: { docId: doc.docId, path: path.join(h.dir, 'x.trame') } });
    expect(trame).toMatchObject({ ok: false, error: { code: 'entree-invalide', message: expect.stringMatching(/« \.json »/) } });
    const closed = await h.call('job.start', { type: 'format.exportToFile', input: { docId: 'inconnu', path: path.join(h.dir, 'x.json') } });
    expect(closed).toMatchObject({ ok: false, error: { code: 'introuvable' } });
    const badType = await h.raw('job.start', { type: 'format.explose', input: {} });
    expect(badType).toMatchObject({ ok: false, error: { code: 'entree-invalide' } });
    // A value only a caller in the same process can hand over (IPC and HTTP carry plain data): refused in French, no
    // job listed, and the worker it would have used runs the next job (found by the fuzz, seed 500129232).
    const document = await h.must('format.export', { docId: doc.docId });
    const events = record(h);
    const symbol = await h.raw('job.start', { type: 'format.import', input: { path: path.join(h.dir, 'sym.trame'), document: { ...document, extra: Symbol.for('trame') } } });
    expect(symbol).toMatchObject({ ok: false, error: { code: 'entree-invalide', message: expect.stringMatching(/^Les données de cette tâche .* rien n’a été lancé\.$/) } });
    expect(existsSync(path.join(h.dir, 'sym.trame'))).toBe(false);
    expect(events).toEqual([]);
    expect(await h.mustJob('format.import', { path: path.join(h.dir, 'sym.trame'), document })).toMatchObject({ readOnly: false });
    const unknown = await h.call('job.status', { jobId: 'pas-une-tache' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'introuvable', message: expect.stringMatching(/^Cette tâche est inconnue/) } });
  });

  it('an imported contrat is opened, keeps the document id, and the file appears only when complete', async () => {
    const h = harness();
    const source = await h.must('contrat.createDemo', { path: path.join(h.dir, 'demo.trame') });
    const document = await h.must('format.export', { docId: source.docId });
    expect(document.id).toMatch(/^[0-9a-f-]{36}$/);
    const copy = (await h.mustJob('format.import', { path: path.join(h.dir, 'copie.trame'), document })) as DocInfo;
    expect(copy.readOnly).toBe(false);
    expect((await h.must('format.export', { docId: copy.docId })).id).toBe(document.id);
    expect(readdirSync(h.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
