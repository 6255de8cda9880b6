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

function request(port: number, opts: { method?: string; path: string; host?: string; type?: string; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path,
        headers: { Host: opts.host ?? `127.0.0.1:${port}`, ...(opts.type ? { 'Content-Type': opts.type } : {}) },
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

async function start(): Promise<RunningServer> {
  const h = harness();
  const staticDir = path.join(tmpDir(), 'www');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Trame</title>');
  writeFileSync(path.join(path.dirname(staticDir), 'secret.txt'), 'secret');
  server = await startServer({ handlers: h.set.handlers, staticDir });
  return server;
}

describe('HTTP harness', () => {
  it('listens on 127.0.0.1 and answers the API with Results', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await request(s.port, { method: 'POST', path: '/api/app.info', type: 'application/json', body: '{}' });
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { mode: 'web', version: 'test' } });
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    const bad = await request(s.port, { method: 'POST', path: '/api/app.info', type: 'application/json', body: '{nope' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'entree-invalide' } });
    const unknown = await request(s.port, { method: 'POST', path: '/api/fs.readFile', type: 'application/json', body: '{}' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'canal-inconnu' } });
  });

  it('refuses other Host headers (DNS rebinding), GET on the API, non-JSON bodies and paths outside the bundle', async () => {
    const s = await start();
    expect((await request(s.port, { path: '/', host: 'evil.example:80' })).status).toBe(403);
    expect((await request(s.port, { path: '/api/app.info' })).status).toBe(405);
    expect((await request(s.port, { method: 'POST', path: '/api/app.info', type: 'text/plain', body: '{}' })).status).toBe(415);
    expect((await request(s.port, { path: '/../secret.txt' })).body).not.toContain('secret');
    for (const p of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2F..%2Fsecret.txt']) {
      const r = await request(s.port, { path: p });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toContain('secret');
    }
    expect((await request(s.port, { path: '/' })).body).toContain('<title>Trame</title>');
  });
});
