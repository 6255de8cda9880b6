import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appResponse, contentTypeFor, registerAppScheme, resolveAppAsset } from '../../electron/app-protocol';
import { APP_PAGE_URL, isAppPage, pageUrl } from '../../electron/app-url';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'trame-renderer-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Trame</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'secret');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(path.join(path.dirname(root), 'secret.txt'), { force: true });
});

describe('resolveAppAsset', () => {
  it('maps app://trame paths into the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://trame/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://trame/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://trame/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppAsset(root, 'app://trame/assets/mon%20fichier.css')).toBe(path.join(root, 'assets', 'mon fichier.css'));
  });

  it.each([
    'app://trame/../secret.txt',
    'app://trame/%2e%2e/secret.txt',
    'app://trame/assets/%2e%2e/%2e%2e/secret.txt',
    'app://trame/assets/../../../secret.txt',
  ])('never leaves the folder: %s', (url) => {
    // The URL parser folds literal and %2e dot segments at the root, as Chromium does: what is left must stay inside.
    const file = resolveAppAsset(root, url);
    expect(file === null || file.startsWith(root + path.sep)).toBe(true);
  });

  it.each([
    'app://trame/..%2fsecret.txt',
    'app://trame/..%2Fsecret.txt',
    'app://trame/..%5csecret.txt',
    'app://trame/assets%5c..%5c..%5csecret.txt',
    'app://trame/%00index.html',
    'app://trame/%E0%A4%A', // malformed escape
    'app://evil/index.html',
    'app://trame:81/index.html',
    'app://u:p@trame/index.html',
    'file:///etc/passwd',
    'https://trame/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });
});

describe('appResponse', () => {
  it('serves files with their type and the CSP header', async () => {
    const r = await appResponse(root, 'app://trame/assets/index-abc.js', 'GET');
    expect(r.status).toBe(200);
    expect(Buffer.from(r.body as Uint8Array).toString()).toBe('console.log(1)');
    expect(r.headers).toMatchObject({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('answers 404 outside the folder and for missing files, 405 for writes', async () => {
    expect((await appResponse(root, 'app://trame/%2e%2e/secret.txt', 'GET')).status).toBe(404);
    expect((await appResponse(root, 'app://trame/assets/none.js', 'GET')).status).toBe(404);
    expect((await appResponse(root, 'app://trame/index.html', 'POST')).status).toBe(405);
  });

  it('explains in French when the renderer was not built', async () => {
    const r = await appResponse(path.join(root, 'absent'), 'app://trame/index.html', 'GET');
    expect(r.status).toBe(404);
    expect(String(r.body)).toContain('npm run build');
    expect(r.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('knows the usual content types', () => {
    expect(contentTypeFor('a.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('registerAppScheme', () => {
  it('registers app: as a standard, secure scheme', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });
});

describe('pageUrl', () => {
  it('uses the renderer hash routes', () => {
    expect(pageUrl()).toBe(APP_PAGE_URL);
    expect(pageUrl('new')).toBe(`${APP_PAGE_URL}#/nouveau`);
    const url = pageUrl({ open: '/home/élise/Contrat de ville #2.trame' });
    expect(url.startsWith(`${APP_PAGE_URL}#/contrat?path=`)).toBe(true);
    const query = new URL(url).hash.split('?')[1];
    expect(new URLSearchParams(query).get('path')).toBe('/home/élise/Contrat de ville #2.trame');
    expect(isAppPage(url)).toBe(true);
  });
});
