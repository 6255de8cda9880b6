// The HTTP harness: the same handler table as Electron's IPC, served on 127.0.0.1, with the built renderer.
// Used by the UI tests (real Chromium) and `npm run dev:web`. Never listens beyond the loopback.
// Any local user can reach the loopback: every API call and the event stream need the secret drawn at this launch
// (given in the printed address as `?cle=…`, sent by the page in the `X-Trame-Secret` header on every call and on
// the event stream; the stream also takes `?cle=`, for an EventSource, which cannot send headers). The static bundle
// holds no data and stays open.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApiEvent } from '../api/contract';
import { dispatch, type Handlers } from '../api/dispatch';
import { withOrigin } from '../api/origin';
import type { Result } from '../api/result';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const MAX_BODY = 220 * 1024 * 1024;

export interface ServerOptions {
  handlers: Handlers;
  staticDir: string;
  port?: number;
  /** The events to push to the pages (job progress), as server-sent events on GET /api/events. */
  onEvent?: (listener: (e: ApiEvent) => void) => () => void;
}

export interface RunningServer {
  /** The server's root, without the secret. */
  url: string;
  port: number;
  /** Drawn at this launch (256 random bits, base64url). */
  secret: string;
  /** The address to open in a browser: the root with `?cle=<secret>` (the page removes it from the address bar). */
  pageUrl: string;
  close(): Promise<void>;
}

/** The header the page sends the secret in; the query parameter of the page address and of the event stream. */
export const SECRET_HEADER = 'x-trame-secret';
/** The calling page's own id (not a secret): DocChange.origin. */
export const PAGE_HEADER = 'x-trame-page';
export const SECRET_PARAM = 'cle';

export const ACCESS_DENIED_MESSAGE =
  'Accès refusé : la clé de cette session de Trame manque ou ne correspond pas. ' +
  'Ouvrez l’adresse complète affichée au lancement de Trame.';

/** Constant time, whatever the lengths: both sides are hashed to 32 bytes before the comparison. */
function sameSecret(given: unknown, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

function sendResult(res: http.ServerResponse, result: Result<unknown>): void {
  send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
}

/** Past this, even a body being drained is cut off (the connection is reset). */
const MAX_DRAIN = 4 * MAX_BODY;

/**
 * The body, or null when it is over MAX_BODY: then the rest is read and dropped, so that the client gets the French
 * answer instead of a reset connection (only past MAX_DRAIN is the connection cut).
 */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN) {
        req.destroy();
        return;
      }
      if (size <= MAX_BODY) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function denied(res: http.ServerResponse): void {
  const result: Result<never> = { ok: false, error: { code: 'acces-refuse', message: ACCESS_DENIED_MESSAGE } };
  send(res, 403, JSON.stringify(result), 'application/json; charset=utf-8');
}

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const staticRoot = path.resolve(opts.staticDir);
  const secret = randomBytes(32).toString('base64url');
  /** Server-sent events: one `data:` line of JSON per ApiEvent, the same events Electron sends over IPC. */
  const streamEvents = (res: http.ServerResponse): void => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    res.write(': trame\n\n');
    const unsubscribe = opts.onEvent?.((e) => res.write(`data: ${JSON.stringify(e)}\n\n`)) ?? (() => undefined);
    res.on('close', unsubscribe);
  };
  const server = http.createServer(async (req, res) => {
    try {
      // DNS-rebinding guard: only our own loopback host names.
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (host !== '127.0.0.1' && host !== 'localhost') return send(res, 403, 'Hôte refusé', 'text/plain; charset=utf-8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/api/events' && req.method === 'GET') {
        // The header (the page reads the stream with fetch), or the query parameter for an EventSource.
        const given = url.searchParams.get(SECRET_PARAM) ?? req.headers[SECRET_HEADER];
        return sameSecret(given, secret) ? streamEvents(res) : denied(res);
      }
      if (url.pathname.startsWith('/api/')) {
        // Before anything else (method, type, body): without the secret, nothing is read nor done.
        if (!sameSecret(req.headers[SECRET_HEADER], secret)) return denied(res);
        if (req.method !== 'POST') return send(res, 405, 'POST attendu', 'text/plain; charset=utf-8');
        const ct = req.headers['content-type'] ?? '';
        if (!ct.startsWith('application/json')) return send(res, 415, 'JSON attendu', 'text/plain; charset=utf-8');
        let body: string | null;
        try {
          body = await readBody(req);
        } catch {
          return; // the client went away: nobody to answer
        }
        if (body === null) {
          return sendResult(res, {
            ok: false,
            error: { code: 'entree-invalide', message: `Requête trop volumineuse : Trame accepte au plus ${MAX_BODY / (1024 * 1024)} Mo par demande.` },
          });
        }
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body) : {};
        } catch {
          return sendResult(res, { ok: false, error: { code: 'entree-invalide', message: 'Requête illisible : JSON invalide.' } });
        }
        const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
        // The page's id (renderer/api.ts) rides along to the change events this call makes.
        const page = req.headers[PAGE_HEADER];
        const from = typeof page === 'string' && /^[\w-]{1,64}$/.test(page) ? page : null;
        return sendResult(res, await withOrigin(from, () => dispatch(opts.handlers, channel, input)));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Méthode refusée', 'text/plain; charset=utf-8');
      const rel = url.pathname === '/' ? '/index.html' : decodeURIComponent(url.pathname);
      const file = path.resolve(staticRoot, '.' + rel);
      if (!file.startsWith(staticRoot + path.sep)) return send(res, 403, 'Chemin refusé', 'text/plain; charset=utf-8');
      try {
        const data = await readFile(file);
        return send(res, 200, data, MIME[path.extname(file)] ?? 'application/octet-stream');
      } catch {
        return send(res, 404, 'Introuvable', 'text/plain; charset=utf-8');
      }
    } catch {
      if (!res.headersSent) send(res, 500, 'Erreur interne', 'text/plain; charset=utf-8');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      const root = `http://127.0.0.1:${port}/`;
      resolve({
        url: root,
        port,
        secret,
        pageUrl: `${root}?${SECRET_PARAM}=${secret}`,
        close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
