// Every API channel fed 10 000+ payloads of its own, generated from its zod input schema (test/helpers/fuzz-payloads):
// random, valid (with live ids), or valid with one field changed, added or removed; unknown channel names 10 000
// more. No crash, no unhandled rejection, no internal error, a typed refusal whose message is a French sentence
// (test/helpers/french-message), and the files still pass integrity_check and foreign_key_check.
// The seed is printed (`fuzz-seed: N`); TRAME_FUZZ_SEED=N replays a run, TRAME_FUZZ_PAYLOADS=N sets the count.
// Time budget: in `npm test` a channel stops after 2 s once it had at least 100 payloads (channels that read the
// whole contrat — the dashboard, the protocole's preview, the matrix — get slower as the fuzzed contrat grows; 73
// channels × 10 000 took over 15 minutes). The summary line says how many each got; `npm run stress` (and
// TRAME_FUZZ_CHANNEL_MS=0) lifts the budget.
import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CHANNELS, channels } from '../../core/api/contract';
import type { AppError } from '../../core/api/result';
import { frenchSentenceProblem } from '../helpers/french-message';
import { Payloads } from '../helpers/fuzz-payloads';
import { harness } from '../helpers/handlers';
import { waitFor } from '../helpers/wait';

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

  it('generated payloads for every channel of the registry (10 000, or 100+ within a time budget of 2 s)', async () => {
    const fromEnv = process.env.TRAME_FUZZ_SEED;
    if (fromEnv !== undefined && !/^\d+$/.test(fromEnv)) throw new Error(`TRAME_FUZZ_SEED doit être un entier positif, pas « ${fromEnv} ».`);
    const seed = fromEnv !== undefined ? Number(fromEnv) : Date.now() % 1e9;
    console.log(`fuzz-seed: ${seed}${fromEnv !== undefined ? ' (rejouée depuis TRAME_FUZZ_SEED)' : ''}`);
    const rnd = prng(seed);
    // On tmpfs when available: thousands of files are created, and fsync speed is not what is tested here.
    const h = harness({ inMemory: true });
    const file = path.join(h.dir, 'fuzz.trame');
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
    const checkRefusal = (where: string, payload: unknown, error: AppError): void => {
      expect(typeof error.code).toBe('string');
      if (error.code === 'interne') throw new Error(`erreur interne (graine ${seed}) sur ${where} ${show(payload)} : ${error.message}`);
      const problem = frenchSentenceProblem(error.message);
      // One example per channel, code and kind of problem, so that the list shows every different one.
      const key = `${where}|${error.code}|${problem}`;
      if (problem && !problemKeys.has(key) && problemKeys.size < 60) {
        problemKeys.add(key);
        problems.push(`${where} [${error.code}] ${problem} : « ${error.message.slice(0, 200)} » (charge ${show(payload).slice(0, 120)})`);
      }
      if (error.details !== undefined) expect(Array.isArray(error.details)).toBe(true);
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
      const groups: { name: string; channel: () => unknown }[] = [
        ...CHANNELS.map((c) => ({ name: c, channel: () => c })),
        { name: '(canaux inconnus)', channel: () => pick(unknownNames, 'x') },
      ];
      const N = Math.max(10_000, Number(process.env.TRAME_FUZZ_PAYLOADS ?? 10_000)); // more in `npm run stress`
      let refused = 0;
      let calls = 0;
      let jobsRun = 0;
      const jobBudget = Math.round((40 * N) / 10_000);
      const channelMs = Number(process.env.TRAME_FUZZ_CHANNEL_MS ?? (process.env.TRAME_FUZZ_PAYLOADS ? 0 : 2_000));
      const MIN_PER_CHANNEL = 100;
      const cut: string[] = [];
      const timing: string[] = [];
      for (const g of groups) {
        group = g.name;
        const t0 = Date.now();
        for (let k = 0; k < N; k++) {
          if (channelMs > 0 && k >= MIN_PER_CHANNEL && k % 50 === 0 && Date.now() - t0 > channelMs) {
            cut.push(`${g.name} ${k}`);
            break;
          }
          const channel = g.channel();
          const schema = typeof channel === 'string' && channel in channels ? channels[channel as keyof typeof channels].input : null;
          const payload = schema ? gen.payload(schema, channel as string) : gen.hostile();
          const r = await h.raw(channel, payload);
          calls++;
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) {
            refused++;
            checkRefusal(String(channel), payload, r.error);
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
              expect(s.ok).toBe(true);
              if (s.ok) {
                expect(['done', 'failed', 'cancelled']).toContain(s.value.state);
                if (s.value.state === 'failed') checkRefusal(`job.start → ${s.value.type}`, payload, s.value.error!);
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
        timing.push(`${g.name} ${Date.now() - t0} ms`);
        if (process.env.TRAME_DEBUG) console.log(timing[timing.length - 1]);
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
      console.log(`fuzz: ${calls} appels (${N} par canal, ${groups.length} groupes), ${refused} refus typés, ${jobsRun} tâches, graine ${seed}, ${count} fichiers laissés (${(bytes / 1e6).toFixed(1)} Mo)`);
      if (cut.length) console.log(`fuzz : canaux arrêtés par le budget de ${channelMs} ms (charges reçues) : ${cut.join(', ')}`);
      // Every refusal is a French sentence: listed together, with the seed that replays them.
      expect(problems, `messages qui ne sont pas des phrases françaises (TRAME_FUZZ_SEED=${seed})`).toEqual([]);
      // The pool of names keeps the footprint bounded: about 150 MB for 10 000 calls per channel (1.2 GB for 30 000 in
      // `npm run stress`), mostly the grown contrat and its copies and backups.
      expect(bytes).toBeLessThan((500e6 * N) / 10_000);
      // The fuzzed contrat, and the files the fuzz created and kept, are sound.
      for (const f of [...files].filter((f) => existsSync(f) && f.endsWith('.trame'))) {
        const db = new Database(f, { readonly: true });
        expect(db.pragma('integrity_check', { simple: true }), f).toBe('ok');
        expect(db.pragma('foreign_key_check'), f).toEqual([]);
        db.close();
      }
    } finally {
      process.chdir(cwd);
    }
  }, 1_800_000);
});
