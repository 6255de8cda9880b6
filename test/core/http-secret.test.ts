// Issue 7, item 2: the HTTP harness obeys only who holds the secret drawn at its launch. Any local user can reach
// 127.0.0.1; without the secret (absent, wrong, of another length, in the wrong place) every API channel and the event
// stream are refused with 403 and a French Result, and nothing is done: no file created or replaced, no path nor
// docId handed out. With it, everything works as before.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_DENIED_MESSAGE, startServer, type RunningServer } from '../../core/server/http';
import { harness } from '../helpers/handlers';
import { hashFile, listDir } from '../helpers/files';
import { SAMPLE_CONTRAT } from '../helpers/store';
import { tmpDir } from '../helpers/tmp';

const servers: RunningServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function start(h = harness()): Promise<RunningServer> {
  const staticDir = path.join(tmpDir(), 'www');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Trame</title>');
  const s = await startServer({ handlers: h.set.handlers, staticDir, onEvent: h.set.onEvent });
  servers.push(s);
  return s;
}

interface Answer { status: number; body: string; type: string }

/** A POST to a channel, as the page sends it; `secret` undefined: no header at all. */
async function post(s: RunningServer, channel: string, input: unknown, secret?: string, query = ''): Promise<Answer> {
  const res = await fetch(`${s.url}api/${channel}${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(secret !== undefined ? { 'X-Trame-Secret': secret } : {}) },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') ?? '' };
}

/** Opens the event stream and reads only the status and the first bytes, then drops the connection. */
async function events(s: RunningServer, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const ctl = new AbortController();
  const res = await fetch(`${s.url}api/events${query}`, { headers, signal: ctl.signal });
  const reader = res.body!.getReader();
  const first = await reader.read();
  ctl.abort();
  await reader.cancel().catch(() => undefined);
  return { status: res.status, body: new TextDecoder().decode(first.value ?? new Uint8Array()), type: res.headers.get('content-type') ?? '' };
}

function expectRefused(a: Answer, what: string): void {
  expect(a.status, what).toBe(403);
  expect(a.type, what).toMatch(/^application\/json/);
  expect(JSON.parse(a.body), what).toEqual({ ok: false, error: { code: 'acces-refuse', message: ACCESS_DENIED_MESSAGE } });
}

/** Every wrong way to present the secret: absent, empty, wrong of the same length, shorter, longer, altered case. */
function wrongSecrets(secret: string): [string, string | undefined][] {
  const flipped = secret[0] === 'A' ? 'B' + secret.slice(1) : 'A' + secret.slice(1);
  return [
    ['sans en-tête', undefined],
    ['vide', ''],
    ['fausse, même longueur', flipped],
    ['plus courte', secret.slice(0, -1)],
    ['plus longue', secret + 'A'],
    ['préfixe seul', secret.slice(0, 8)],
    ['casse changée', secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase()],
  ];
}

describe('HTTP harness: the secret of the launch', () => {
  it('draws a fresh secret of at least 128 bits at each launch, given in the page address', async () => {
    const a = await start();
    const b = await start();
    for (const s of [a, b]) {
      expect(s.secret).toMatch(/^[A-Za-z0-9_-]{43,}$/); // base64url of 32 bytes: 256 bits
      expect(s.pageUrl).toBe(`${s.url}?cle=${s.secret}`);
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    }
    expect(a.secret).not.toBe(b.secret);
    // The secret of one launch opens nothing on another.
    expectRefused(await post(b, 'app.info', {}, a.secret), 'clé d’un autre lancement');
    expect(JSON.parse((await post(b, 'app.info', {}, b.secret)).body)).toMatchObject({ ok: true, value: { mode: 'web' } });
  });

  it('refuses every channel without the right secret, and nothing is done: no file, no path, no docId', async () => {
    const h = harness();
    const s = await start(h);
    // The owner's state: an open contrat (in the recent list), and a private file of the owner.
    const owned = path.join(h.dir, 'a-moi.trame');
    const doc = await h.must('contrat.createDemo', { path: owned });
    const privateFile = path.join(h.dir, 'prive.json');
    writeFileSync(privateFile, '{"secret":"du propriétaire"}');
    chmodSync(privateFile, 0o600);
    const target = path.join(h.dir, 'intrus.trame');
    const tree = await h.must('tree.get', { docId: doc.docId });
    const names = listDir(h.dir);
    const hashes = () => Object.fromEntries(listDir(h.dir).filter((n) => n.endsWith('.json') || n.endsWith('.trame')).map((n) => [n, hashFile(path.join(h.dir, n))]));
    const before = hashes();
    const victim = tree.nodes[0]!.id;

    for (const [label, secret] of wrongSecrets(s.secret)) {
      const calls: [string, unknown][] = [
        ['app.info', {}],
        ['recent.list', {}],
        ['contrat.create', { path: target, contrat: SAMPLE_CONTRAT }],
        ['contrat.createDemo', { path: target }],
        ['doc.open', { path: owned }],
        ['tree.get', { docId: doc.docId }],
        ['tree.remove', { docId: doc.docId, id: victim }],
        ['format.export', { docId: doc.docId }],
        ['job.start', { type: 'format.exportToFile', input: { docId: doc.docId, path: privateFile, replace: true } }],
        ['job.start', { type: 'format.import', input: { path: target, document: {} } }],
        ['settings.setUserName', { name: 'Intrus' }],
        ['nimporte.quoi', {}],
      ];
      for (const [channel, input] of calls) {
        const a = await post(s, channel, input, secret);
        expectRefused(a, `${channel} (${label})`);
        expect(a.body, `${channel} (${label})`).not.toContain(doc.docId);
        expect(a.body, `${channel} (${label})`).not.toContain(owned);
      }
      // A GET or a non-JSON body without the secret: the same refusal, before anything else is looked at.
      const get = await fetch(`${s.url}api/recent.list`, { headers: secret !== undefined ? { 'X-Trame-Secret': secret } : {} });
      expectRefused({ status: get.status, body: await get.text(), type: get.headers.get('content-type') ?? '' }, `GET (${label})`);
    }
    // The secret in the query of an API call is not accepted: only the header.
    expectRefused(await post(s, 'recent.list', {}, undefined, `?cle=${s.secret}`), 'clé dans l’adresse');

    expect(existsSync(target)).toBe(false);
    expect(listDir(h.dir)).toEqual(names);
    expect(hashes()).toEqual(before);
    expect(statSync(privateFile).mode & 0o777).toBe(0o600);
    expect(await h.must('tree.get', { docId: doc.docId })).toEqual(tree);
    expect((await h.must('app.info', {})).userName).not.toBe('Intrus');

    // With the secret, the owner gets everything, the docId of its open contrat included.
    const ok = (a: Answer) => JSON.parse(a.body) as { ok: boolean; value?: any; error?: any };
    const recent = ok(await post(s, 'recent.list', {}, s.secret));
    expect(recent.value.map((r: { path: string }) => r.path)).toContain(owned);
    const again = ok(await post(s, 'doc.open', { path: owned }, s.secret));
    expect(again).toMatchObject({ ok: false, error: { code: 'deja-ouvert', docId: doc.docId } });
    const created = ok(await post(s, 'contrat.create', { path: target, contrat: SAMPLE_CONTRAT }, s.secret));
    expect(created).toMatchObject({ ok: true, value: { path: target } });
    expect(existsSync(target)).toBe(true);
  });

  it('refuses the event stream without the secret, opens it with the secret', async () => {
    const s = await start();
    for (const [label, secret] of wrongSecrets(s.secret)) {
      const query = secret === undefined ? '' : `?cle=${encodeURIComponent(secret)}`;
      expectRefused(await events(s, query), `flux (${label})`);
    }
    const open = await events(s, `?cle=${s.secret}`);
    expect(open.status).toBe(200);
    expect(open.type).toMatch(/^text\/event-stream/);
    expect(open.body).toContain(': trame');
    expect((await events(s, '', { 'X-Trame-Secret': s.secret })).status).toBe(200);
  });

  it('keeps the static bundle open (it holds no data), with its strict CSP', async () => {
    const s = await start();
    const res = await fetch(s.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Trame</title>');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await fetch(s.pageUrl);
    expect(page.status).toBe(200);
  });

  // As in test/db/access.test.ts: when the tests run as root, the probe runs as `nobody`, another local user; run by
  // another user (a developer's machine), it runs as that user, in a process of its own that only knows the address.
  // Either way it runs: the server tells callers apart by the secret alone, never by who they are.
  const asNobody = process.getuid?.() === 0;
  const probeUid = asNobody ? 65534 : process.getuid?.();
  it(`a client in another process (${asNobody ? 'user nobody: the tests run as root' : 'the same user: the tests do not run as root'}) without the secret is refused, and creates nothing`, async () => {
    const h = harness();
    const s = await start(h);
    const dir = tmpDir();
    chmodSync(dir, 0o777);
    const target = path.join(dir, 'intrus.trame');
    const probe = `
      const [url, target] = process.argv.slice(1);
      const call = (channel, input) => fetch(url + 'api/' + channel, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) })
        .then(async (r) => ({ status: r.status, body: await r.json() }));
      Promise.all([call('recent.list', {}), call('contrat.createDemo', { path: target })])
        .then((r) => console.log(JSON.stringify({ uid: process.getuid(), answers: r })));`;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', probe, s.url, target], { ...(asNobody ? { uid: 65534, gid: 65534 } : {}), stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`sonde en échec : ${stderr}`))));
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { uid: number; answers: { status: number; body: unknown }[] };
    expect(result.uid).toBe(probeUid);
    for (const a of result.answers) {
      expect(a.status).toBe(403);
      expect(a.body).toEqual({ ok: false, error: { code: 'acces-refuse', message: ACCESS_DENIED_MESSAGE } });
    }
    expect(existsSync(target)).toBe(false);
    expect(listDir(dir)).toEqual([]);
  });
});
