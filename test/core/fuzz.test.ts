// Every API channel fed a fixed number of payloads of its own (PAYLOADS_PER_CHANNEL in `npm test`, 30 000 in
// `npm run stress`), generated from its zod input schema (test/helpers/fuzz-payloads): random, valid (with live
// ids), or valid with one field changed, added or removed; unknown channel names as many more. Each answer is checked
// (test/helpers/api-answers): ok:true only for a payload the schema accepts, with a value of the channel's shape that
// JSON carries as it is; ok:false with a known code (entree-invalide for a payload outside the schema, canal-inconnu
// for an unknown name), never interne, and a French sentence (test/helpers/french-message). No crash, no unhandled
// rejection, and the files still pass integrity_check and foreign_key_check.
// No clock decides anything: the count is the same on any machine. Each channel draws from its own generator,
// seeded from the run's seed and its name, and starts on a fresh demo contrat, replaced every FRESH_EVERY payloads:
// the channels that read the whole contrat (dashboard, protocole preview, clean copy) slow down as it grows, and a
// bounded contrat keeps their cost bounded. The seed is printed (`fuzz-seed: N`); TRAME_FUZZ_SEED=N replays a run,
// with TRAME_FUZZ_CHANNEL=<name> only that channel's payloads; TRAME_FUZZ_PAYLOADS=N sets the count.
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CHANNELS, channels } from '../../core/api/contract';
import { answerProblem } from '../helpers/api-answers';
import { frenchSentenceProblem } from '../helpers/french-message';
import { Payloads } from '../helpers/fuzz-payloads';
import { harness } from '../helpers/handlers';
import { waitFor } from '../helpers/wait';

/** A file the fuzz wrote into is sound. */
function checkFile(f: string): void {
  const db = new Database(f, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true }), f).toBe('ok');
    expect(db.pragma('foreign_key_check'), f).toEqual([]);
  } finally {
    db.close();
  }
}

// Deterministic PRNG so that a failure can be replayed from its seed.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Payloads per channel in `npm test` (measured: see the README's « Fuzzing »). */
const PAYLOADS_PER_CHANNEL = 5_000;
/** A fresh contrat every this many payloads of a channel: what a read of the whole contrat costs stays bounded. */
const FRESH_EVERY = 2_000;

/** A channel's own seed, from the run's seed and its name (FNV-1a): a channel's payloads replay without the others. */
function channelSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const show = (x: unknown): string => {
  try {
    return (JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' ? String(v) : v)) ?? String(x)).slice(0, 300);
  } catch {
    return String(x);
  }
};

describe('API fuzzing', () => {
  it('the refusal check tells a French sentence from English, JavaScript or a fragment', () => {
    for (const ok of [
      'Données refusées pour « tree.add » : title : champ obligatoire manquant.',
      "Le fichier /tmp/a.trame n'existe pas.",
      'Commande inconnue : tree.drop.',
      'Élément introuvable (id « x »).',
      'Le fichier a été créé par une version plus récente de Trame (schéma 7 > 5) : mettez Trame à jour !',
    ]) expect(frenchSentenceProblem(ok), ok).toBeNull();
    for (const bad of [
      'Non', 'non trouvé.', 'Le fichier est introuvable', 'Erreur inattendue : SQLITE_CONSTRAINT: FOREIGN KEY constraint failed.',
      "Impossible d'ouvrir : ENOENT: no such file or directory, open '/x'.", 'Commande inconnue : undefined.',
      'Cannot read properties of null.', 'TypeError: x is not a function.', 'Valeur : NaN.', 'File must be a string.',
      'Erreur : database disk image is malformed.', 'Échec.\n    at foo (/x.js:1:2)', ' Espace.', 'Xyz qwrt zzz.', 42,
    ]) expect(frenchSentenceProblem(bad), String(bad)).not.toBeNull();
  });

  it('the answer check tells a right answer from a wrong one', () => {
    const tree = channels['tree.get'].input;
    const info = channels['doc.info'].input;
    const notFound = { code: 'introuvable', message: 'Le contrat est introuvable.' };
    expect(answerProblem('tree.get', tree, { docId: 'x' }, { ok: true, value: { nodes: [] } })).toBeNull();
    expect(answerProblem('doc.info', info, { docId: 'x' }, { ok: false, error: notFound })).toBeNull();
    expect(answerProblem('tree.drop', null, {}, { ok: false, error: { code: 'canal-inconnu', message: 'Commande inconnue : tree.drop.' } })).toBeNull();
    for (const [channel, schema, payload, r, why] of [
      ['tree.get', tree, { docId: 'x' }, { ok: true, value: { nodes: [{ id: 'a' }] } }, /hors forme/],
      ['tree.get', tree, { docId: 'x' }, { ok: true, value: { nodes: [], at: new Date(0) } }, /JSON/],
      ['tree.get', tree, { docId: 'x' }, { ok: true, value: { nodes: [] }, error: notFound }, /champs/],
      ['tree.get', tree, { nope: 1 }, { ok: true, value: { nodes: [] } }, /schéma/],
      ['tree.get', tree, { nope: 1 }, { ok: false, error: notFound }, /entree-invalide/],
      ['doc.info', info, { docId: 'x' }, { ok: false, error: { code: 'zut', message: notFound.message } }, /mal formée/],
      ['doc.info', info, { docId: 'x' }, { ok: false, error: { code: 'introuvable', message: 'Not found.' } }, /phrase anglaise/],
      ['doc.info', info, { docId: 'x' }, { ok: false, error: { code: 'interne', message: 'Erreur inattendue.' } }, /interne/],
      ['doc.info', info, { docId: 'x' }, { ok: false, error: { ...notFound, docId: 'd' } }, /docId/],
      ['tree.drop', null, {}, { ok: false, error: notFound }, /canal inconnu/],
      ['doc.info', info, { docId: 'x' }, 'ok', /pas un Result/],
    ] as const) expect(answerProblem(channel, schema, payload, r), `${channel} ${show(r)}`).toMatch(why);
  });

  it(`generated payloads for every channel of the registry (a fixed count: ${process.env.TRAME_FUZZ_PAYLOADS ?? PAYLOADS_PER_CHANNEL} each), every answer checked`, async () => {
    const fromEnv = process.env.TRAME_FUZZ_SEED;
    if (fromEnv !== undefined && !/^\d+$/.test(fromEnv)) throw new Error(`TRAME_FUZZ_SEED doit être un entier positif, pas « ${fromEnv} ».`);
    const seed = fromEnv !== undefined ? Number(fromEnv) : Date.now() % 1e9;
    console.log(`fuzz-seed: ${seed}${fromEnv !== undefined ? ' (rejouée depuis TRAME_FUZZ_SEED)' : ''}`);
    let current = prng(seed);
    const rnd = (): number => current();
    // On tmpfs when available: thousands of files are created, and fsync speed is not what is tested here.
    const h = harness({ inMemory: true });
    let fresh = 0;
    let file = path.join(h.dir, `fuzz-${fresh}.trame`);
    let doc = await h.must('contrat.createDemo', { path: file });
    let nodeIds: string[] = [];
    let backupIds: string[] = [];
    let exported: unknown = null;
    const jobIds: string[] = [];
    const pick = <T>(xs: readonly T[], fallback: T): T => (xs.length ? xs[Math.floor(rnd() * xs.length)] : fallback);
    const refresh = async (): Promise<void> => {
      const t = await h.call('tree.get', { docId: doc.docId });
      nodeIds = t.ok ? t.value.nodes.map((n) => n.id) : [];
      const b = await h.call('backup.list', { docId: doc.docId });
      backupIds = b.ok ? b.value.map((x) => x.id) : [];
    };
    await refresh();
    // A real interchange document (the demo contrat's), so that some imports succeed. Taken once: the fuzzed
    // contrat grows, and importing it whole at every step would measure its size, not the handlers.
    exported = await h.must('format.export', { docId: doc.docId });
    // Jobs work on a contrat of their own, the demo as it is: by the time job.start is fuzzed, the main one has grown
    // a journal of tens of thousands of random edits, and each export would snapshot and write all of it.
    const forJobs = await h.must('contrat.createDemo', { path: path.join(h.dir, 'taches.trame') });
    let group = '';
    // New files go to a small pool of names per channel: a create over an existing one is refused (no clobber),
    // and a created file is often removed again, so that both paths stay exercised while the folder stays small.
    // (Unbounded names once wrote thousands of contrats and their backups, gigabytes on tmpfs.)
    const gen = new Payloads(rnd, {
      docId: () => (rnd() < 0.95 ? (group === 'job.start' ? forJobs.docId : doc.docId) : pick(['absent', 'doc-0', doc.docId.slice(0, -1)], 'absent')),
      nodeId: () => pick(nodeIds, 'absent'),
      jobId: () => pick(jobIds, 'job-absent'),
      backupId: () => pick(backupIds, '2026-01-01T00-00-00Z.trame'),
      existingFile: () => (rnd() < 0.7 ? file : pick([...files], file)),
      newFile: (channel) => path.join(h.dir, `${channel.replace(/\W/g, '')}${Math.floor(rnd() * 6)}.${rnd() < 0.8 ? 'trame' : 'json'}`),
      document: () => exported,
    }, h.dir);

    const cwd = process.cwd();
    process.chdir(h.dir); // relative paths a mutation invents land in the temp folder
    const files = new Set<string>([file]);
    const problems: string[] = [];
    const problemKeys = new Set<string>();
    /** Checks one answer; an internal error stops the run at once, other problems are listed together at the end. */
    const checkAnswer = (where: string, channel: unknown, payload: unknown, r: unknown): void => {
      const schema = typeof channel === 'string' && channel in channels ? channels[channel as keyof typeof channels].input : null;
      const problem = answerProblem(channel, schema, payload, r);
      if (!problem) return;
      const replay = `TRAME_FUZZ_SEED=${seed} TRAME_FUZZ_CHANNEL='${group}'`;
      if (problem.startsWith('erreur interne')) throw new Error(`${problem} (${replay}) sur ${where} ${show(payload)}`);
      // One example per channel and kind of problem, so that the list shows every different one.
      const key = `${where}|${problem.slice(0, 40)}`;
      if (!problemKeys.has(key) && problemKeys.size < 60) {
        problemKeys.add(key);
        problems.push(`${where} ${problem} (charge ${show(payload).slice(0, 120)}; ${replay})`);
      }
    };
    /** A fresh demo contrat replaces the fuzzed one, which is checked, closed and removed. */
    const freshContrat = async (): Promise<void> => {
      await h.raw('doc.close', { docId: doc.docId });
      await h.set.settle();
      checkFile(file);
      unlinkSync(file);
      files.delete(file);
      file = path.join(h.dir, `fuzz-${++fresh}.trame`);
      files.add(file);
      doc = await h.must('contrat.createDemo', { path: file });
      await refresh();
    };
    /** A contrat a fuzzed call created or opened is closed at once (thousands of open files otherwise), often removed. */
    const release = async (value: unknown): Promise<void> => {
      const v = value as { docId?: unknown; path?: unknown } | null;
      if (!v || typeof v.docId !== 'string' || v.docId === doc.docId) return;
      await h.raw('doc.close', { docId: v.docId });
      if (typeof v.path === 'string') {
        files.add(v.path);
        if (v.path !== file && rnd() < 0.5 && existsSync(v.path)) {
          unlinkSync(v.path);
          files.delete(v.path);
        }
      }
    };
    try {
      // Every channel gets N payloads of its own, plus N for names that are not channels.
      const unknownNames = ['tree.drop', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'job.start.x', 'Tree.get', 'tree.get ', null, 42, undefined, {}];
      const only = process.env.TRAME_FUZZ_CHANNEL;
      const groups: { name: string; channel: () => unknown }[] = [
        ...CHANNELS.map((c) => ({ name: c, channel: () => c })),
        { name: '(canaux inconnus)', channel: () => pick(unknownNames, 'x') },
      ].filter((g) => only === undefined || g.name === only);
      if (groups.length === 0) throw new Error(`TRAME_FUZZ_CHANNEL : aucun canal ne s'appelle « ${only} ».`);
      const fromCount = process.env.TRAME_FUZZ_PAYLOADS;
      if (fromCount !== undefined && !/^[1-9]\d*$/.test(fromCount)) throw new Error(`TRAME_FUZZ_PAYLOADS doit être un entier positif, pas « ${fromCount} ».`);
      const N = fromCount !== undefined ? Number(fromCount) : PAYLOADS_PER_CHANNEL; // 30 000 in `npm run stress`
      let refused = 0;
      let calls = 0;
      let jobsRun = 0;
      // Each job boots a worker thread (about a second here): 40 per 10 000 payloads run, the next ones are cancelled.
      const jobBudget = Math.max(4, Math.round((40 * N) / 10_000));
      const timing: { name: string; ms: number }[] = [];
      for (const g of groups) {
        group = g.name;
        current = prng(channelSeed(seed, g.name));
        const t0 = Date.now();
        for (let k = 0; k < N; k++) {
          if (k % FRESH_EVERY === 0) await freshContrat();
          const channel = g.channel();
          const schema = typeof channel === 'string' && channel in channels ? channels[channel as keyof typeof channels].input : null;
          const payload = schema ? gen.payload(schema, channel as string) : gen.hostile();
          const r = await h.raw(channel, payload);
          calls++;
          checkAnswer(String(channel), channel, payload, r);
          if (!r.ok) {
            refused++;
          } else {
            await release(r.value);
            const jobId = (r.value as { jobId?: unknown } | null)?.jobId;
            if (channel === 'job.start' && typeof jobId === 'string') {
              // One job at a time: each runs in a worker thread of its own. Its end is checked like a call's answer.
              jobIds.push(jobId);
              if (jobIds.length > 50) jobIds.shift();
              jobsRun++;
              // Each job boots a worker thread (about a second here): past a budget, the next ones are cancelled at
              // once, which exercises cancellation, and waited for all the same.
              if (jobsRun > jobBudget) await h.raw('job.cancel', { jobId });
              await waitFor(`la fin de la tâche ${jobId}`, async () => {
                const st = await h.call('job.status', { jobId });
                return !st.ok || ['done', 'failed', 'cancelled'].includes(st.value.state);
              }, 120_000);
              const s = await h.call('job.status', { jobId });
              checkAnswer('job.status', 'job.status', { jobId }, s);
              expect(s.ok).toBe(true);
              if (s.ok) {
                expect(['done', 'failed', 'cancelled']).toContain(s.value.state);
                if (s.value.state === 'failed') {
                  // A job's failure is told like a refusal of the channel (the payload passed its schema).
                  checkAnswer(`job.start → ${s.value.type}`, 'job.start', payload, { ok: false, error: s.value.error });
                }
                if (s.value.state === 'done') await release(s.value.result);
              }
            }
          }
          if (k % 200 === 0) {
            const info = await h.call('doc.info', { docId: doc.docId });
            if (!info.ok) {
              // A fuzzed doc.close may have closed it: reopen the original.
              const again = await h.call('doc.open', { path: file });
              if (again.ok) doc = again.value;
              else if (again.error.docId) doc = { ...doc, docId: again.error.docId };
            }
            await refresh();
            await new Promise((r) => setImmediate(r)); // let timers run: the handlers answer without a macrotask
          }
        }
        timing.push({ name: g.name, ms: Date.now() - t0 });
        if (process.env.TRAME_DEBUG) console.log(`${g.name} ${Date.now() - t0} ms`);
      }
      await h.set.settle();
      h.set.closeAll();
      let bytes = 0;
      let count = 0;
      const walk = (d: string): void => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(path.join(d, e.name));
          else {
            count++;
            bytes += statSync(path.join(d, e.name)).size;
          }
        }
      };
      walk(h.dir);
      console.log(`fuzz: ${calls} appels (${N} par canal, ${groups.length} groupes), ${refused} refus typés, ${jobsRun} tâches, ${fresh} contrats neufs, graine ${seed}, ${count} fichiers laissés (${(bytes / 1e6).toFixed(1)} Mo)`);
      const slowest = [...timing].sort((a, b) => b.ms - a.ms).slice(0, 5);
      console.log(`fuzz : canaux les plus lents : ${slowest.map((t) => `${t.name} ${t.ms} ms`).join(', ')} (total ${timing.reduce((a, t) => a + t.ms, 0)} ms)`);
      // Every refusal is a French sentence: listed together, with the seed that replays them.
      expect(problems, `réponses fautives (TRAME_FUZZ_SEED=${seed})`).toEqual([]);
      // The pool of names keeps the footprint bounded: about 120 MB for 5 000 payloads per channel, 1.2 GB for
      // 30 000 in `npm run stress`, mostly the created contrats and their copies and backups.
      expect(bytes).toBeLessThan(Math.max(200e6, (500e6 * N) / 10_000));
      // The fuzzed contrat, and the files the fuzz created and kept, are sound.
      for (const f of [...files].filter((f) => existsSync(f) && f.endsWith('.trame'))) checkFile(f);
    } finally {
      process.chdir(cwd);
    }
  }, 1_800_000);
});
