// A verification kept busy by a hostile PDF (hundreds of cross-reference sections, within the analysis' bounds) is
// bounded in time, and `job.cancel` stops it through the real job runner: the job ends « cancelled » long before
// the runner's forced stop, and nothing is written (the file itself unchanged, no other file in its folder).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../core/features/signing/sign';
import { verifyPdf } from '../../../core/features/signing/verify';
import { harness } from '../../helpers/handlers';
import { busyPdf, makeP12, makePdf, readBytes } from './fixtures';

let busy: Uint8Array;
let certs: string;

beforeAll(async () => {
  certs = mkdtempSync(path.join(os.tmpdir(), 'trame-annule-'));
  const p12 = readBytes(makeP12(certs, 'a.p12', { cn: 'Élise Dupré' }));
  const signed = (await signPdf(await makePdf(2), { p12, passphrase: 'secret', name: 'Élise Dupré' })).pdf;
  busy = busyPdf(signed, 400);
}, 60_000);
afterAll(() => rmSync(certs, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('a verification kept busy by a hostile PDF', () => {
  it('is bounded in time: past the time allowed, it says it could not conclude', async () => {
    const t0 = Date.now();
    const r = await verifyPdf(busy, { timeMs: 1_000 });
    expect(Date.now() - t0).toBeLessThan(6_000);
    expect(r.ok).toBe(false);
    expect(r.signatures[0].after).toBe('indetermine');
    expect(r.signatures[0].afterDetails.join(' ')).toContain('l’analyse a dépassé le temps permis');
  });

  it('stops promptly on job.cancel, through the job runner, and writes nothing', async () => {
    const h = harness();
    const file = path.join(h.dir, 'suspect.pdf');
    writeFileSync(file, busy);
    const before = readdirSync(h.dir).sort();
    const { jobId } = await h.must('job.start', { type: 'signing.verifyFile', input: { path: file } });
    // Cancel once the verification has started in the worker (it would run past the time allowed, 20 s).
    await new Promise<void>((resolve) => {
      const off = h.set.onEvent((e) => {
        if (e.kind === 'job' && e.job.jobId === jobId && e.job.progress.label === 'Vérification des signatures') {
          off();
          resolve();
        }
      });
    });
    expect((await h.must('job.status', { jobId })).state).toBe('running');
    const asked = Date.now();
    await h.must('job.cancel', { jobId });
    const end = await h.set.jobs.wait(jobId);
    // The runner stops a job by force after 10 s: this one stopped by itself, at its next check.
    expect(Date.now() - asked).toBeLessThan(3_000);
    expect(end).toMatchObject({ state: 'cancelled', error: { code: 'annule' } });
    expect(readdirSync(h.dir).sort()).toEqual(before);
    expect(sha(readFileSync(file))).toBe(sha(busy));
  }, 60_000);
});
