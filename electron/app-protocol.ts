// Serves dist/renderer on app://trame/. Electron objects are passed in (type imports only) so the
// path resolution and the responses are tested in Node.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-url';
import { CONTENT_SECURITY_POLICY } from './csp';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app://trame/… URL to a file inside `rootDir`, or null when the URL is not ours or tries to
 * leave the folder (encoded "..", backslashes, NUL, absolute paths).
 */
export function resolveAppAsset(rootDir: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '') return null;
  if (url.username !== '' || url.password !== '') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed %-escape
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const segments = pathname.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/** The answer to one request on app://trame, with the CSP set as a real header. */
export async function appResponse(
  rootDir: string,
  rawUrl: string,
  method: string,
  read: (file: string) => Promise<Uint8Array> = (f) => readFile(f),
): Promise<AppResponse> {
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, headers: securityHeaders('text/plain; charset=utf-8'), body: 'Méthode refusée.' };
  }
  const file = resolveAppAsset(rootDir, rawUrl);
  if (!file) {
    return { status: 404, headers: securityHeaders('text/plain; charset=utf-8'), body: 'Introuvable.' };
  }
  try {
    const body = await read(file);
    return { status: 200, headers: securityHeaders(contentTypeFor(file)), body: method === 'HEAD' ? '' : body };
  } catch {
    if (path.basename(file) === 'index.html') {
      // The shell was started without the renderer bundle: say how to get it rather than show a blank window.
      return {
        status: 404,
        headers: securityHeaders('text/html; charset=utf-8'),
        body:
          '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Trame</title>' +
          '<body style="font-family:sans-serif;padding:2rem"><h1>Interface de Trame introuvable</h1>' +
          "<p>Le dossier <code>dist/renderer</code> est absent. Lancez <code>npm run build</code> puis relancez Trame.</p>",
      };
    }
    return { status: 404, headers: securityHeaders('text/plain; charset=utf-8'), body: 'Introuvable.' };
  }
}

/** Must run before `app` is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

/** Serves `rootDir` (dist/renderer) on app://trame for the default session. Call once the app is ready. */
export function serveApp(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const res = await appResponse(rootDir, request.url, request.method);
    const body = typeof res.body === 'string' ? res.body : new Uint8Array(res.body);
    return new Response(res.body === '' ? null : body, {
      status: res.status,
      headers: res.headers,
    });
  });
}
