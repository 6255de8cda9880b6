// The HTTP harness serves the same handlers on 127.0.0.1 only, and nothing else.
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../core/server/http';
import { harness } from '../helpers/handlers';
import { tmpDir } from '../helpers/tmp';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function request(port: number, opts: { method?: string; path: string; host?: string; type?: string; body?: string; secret?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path,
        headers: {
          Host: opts.host ?? `127.0.0.1:${port}`,
          ...(opts.type ? { 'Content-Type': opts.type } : {}),
          ...(opts.secret !== undefined ? { 'X-Trame-Secret': opts.secret } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

async function start(h = harness()): Promise<RunningServer> {
  const staticDir = path.join(tmpDir(), 'www');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Trame</title>');
  writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'secret');
  server = await startServer({ handlers: h.set.handlers, staticDir, onEvent: h.set.onEvent });
  return server;
}

/** Reads server-sent events from GET /api/events until `until` says stop; returns the events' JSON payloads. */
function readEvents(port: number, secret: string, until: (e: any) => boolean, ready: () => void): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/api/events?cle=${encodeURIComponent(secret)}`, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      const events: any[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.startsWith(': trame')) ready();
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const e = JSON.parse(data.slice(6));
          events.push(e);
          if (until(e)) {
            req.destroy();
            resolve(events);
          }
        }
      });
    });
    req.on('error', (err) => (err.message.includes('aborted') ? undefined : reject(err)));
  });
}

describe('HTTP harness', () => {
  it('pushes job progress and ends as server-sent events on GET /api/events', async () => {
    const h = harness();
    const s = await start(h);
    const doc = await h.must('contrat.createDemo', { path: path.join(h.dir, 'demo.trame') });
    let jobId = '';
    let subscribed!: () => void;
    const ready = new Promise<void>((r) => (subscribed = r));
    // The only job of this harness: its end, whenever it comes relative to job.start's answer.
    const events = readEvents(s.port, s.secret, (e) => e.job.type === 'format.exportToFile' && e.job.state !== 'running', () => subscribed());
    await ready;
    const out = path.join(h.dir, 'export.json');
    const started = await request(s.port, {
      method: 'POST', path: '/api/job.start', type: 'application/json', secret: s.secret,
      body: JSON.stringify({ type: 'format.exportToFile', input: { docId: doc.docId, path: out } }),
    });
    jobId = JSON.parse(started.body).value.jobId;
    const got = (await events).filter((e) => e.job.jobId === jobId);
    expect(got[0]).toMatchObject({ kind: 'job', job: { state: 'running', type: 'format.exportToFile' } });
    expect(got.at(-1)).toMatchObject({ kind: 'job', job: { state: 'done', result: { path: out } } });
  });

  it('listens on 127.0.0.1 and answers the API with Results', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await request(s.port, { method: 'POST', path: '/api/app.info', type: 'application/json', body: '{}', secret: s.secret });
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { mode: 'web', version: 'test' } });
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    const bad = await request(s.port, { method: 'POST', path: '/api/app.info', type: 'application/json', body: '{nope', secret: s.secret });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'entree-invalide' } });
    const unknown = await request(s.port, { method: 'POST', path: '/api/fs.readFile', type: 'application/json', body: '{}', secret: s.secret });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'canal-inconnu' } });
  });

  it('refuses other Host headers (DNS rebinding), GET on the API, non-JSON bodies and paths outside the bundle', async () => {
    const s = await start();
    expect((await request(s.port, { path: '/', host: 'evil.example:80' })).status).toBe(403);
    expect((await request(s.port, { path: '/api/app.info', secret: s.secret })).status).toBe(405);
    expect((await request(s.port, { method: 'POST', path: '/api/app.info', type: 'text/plain', body: '{}', secret: s.secret })).status).toBe(415);
    expect((await request(s.port, { path: '/../secret.txt' })).body).not.toContain('secret');
    for (const p of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2F..%2Fsecret.txt']) {
      const r = await request(s.port, { path: p });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toContain('secret');
    }
    expect((await request(s.port, { path: '/' })).body).toContain('<title>Trame</title>');
  });

  it('a body over 220 MB is answered in French, not by a reset connection', async () => {
    const s = await start();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1', port: s.port, method: 'POST', path: '/api/format.export',
          headers: { Host: `127.0.0.1:${s.port}`, 'Content-Type': 'application/json', 'X-Trame-Secret': s.secret },
        },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(4 * 1024 * 1024, 0x20);
      let sent = 0;
      const write = (): void => {
        while (sent < 221 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    expect(JSON.parse(answer.body)).toEqual({
      ok: false,
      error: { code: 'entree-invalide', message: 'Requête trop volumineuse : Trame accepte au plus 220 Mo par demande.' },
    });
  });
});
