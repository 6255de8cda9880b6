import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL } from '../../electron/app-url';
import { CONTENT_SECURITY_POLICY, withCsp } from '../../electron/csp';
import {
  ALLOWED_PERMISSIONS, hardenSession, hardenWebContents, isPermissionAllowed, windowOptions,
} from '../../electron/window';

describe('windowOptions', () => {
  const o = windowOptions('/app/dist/electron/preload.cjs');
  it('isolates the page from Node and Electron', () => {
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });
  it('has a minimum size, a background colour and waits for ready-to-show', () => {
    expect(o.minWidth).toBe(1024);
    expect(o.minHeight).toBe(640);
    expect(o.show).toBe(false);
    expect(o.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(o.title).toBe('Trame');
  });
});

describe('permissions', () => {
  it('allows only clipboard writes', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'usb', 'serial', 'unknown']) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
  });
});

type Listener = (event: { url: string; preventDefault: () => void }) => void;
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, l: Listener) => {
      emitter.on(name, l);
      return contents;
    },
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => {
      openHandler = h;
    },
  };
  const fire = (name: string, url: string) => {
    const preventDefault = vi.fn();
    emitter.emit(name, { url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  return { contents, fire, windowOpen: (url: string) => openHandler!({ url }) };
}

describe('hardenWebContents', () => {
  function setup() {
    const f = fakeContents();
    const openExternal = vi.fn(async (_url: string) => {});
    hardenWebContents(f.contents as never, { appPageUrl: APP_PAGE_URL, openExternal });
    return { ...f, openExternal };
  }

  it('denies every window.open and sends vetted web links to the OS browser', () => {
    const { windowOpen, openExternal } = setup();
    expect(windowOpen('https://www.insee.fr/fr/statistiques')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://www.insee.fr/fr/statistiques');
    openExternal.mockClear();
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'https://u:p@example.com', 'app://trame/index.html', 'about:blank']) {
      expect(windowOpen(bad)).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('blocks navigation away from the app page', () => {
    const { fire, openExternal } = setup();
    expect(fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.com/');
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'app://trame/other.html')).toBe(true);
    expect(fire('will-navigate', 'app://evil/index.html')).toBe(true);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('lets the app page reload itself with another route', () => {
    const { fire } = setup();
    expect(fire('will-navigate', 'app://trame/index.html#/contrat?path=%2Ftmp%2Fa.trame')).toBe(false);
    expect(fire('will-redirect', 'app://trame/index.html')).toBe(false);
  });

  it('blocks redirects elsewhere without opening them', () => {
    const { fire, openExternal } = setup();
    expect(fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses webviews', () => {
    const { fire } = setup();
    expect(fire('will-attach-webview', 'https://example.com/')).toBe(true);
  });

  it('survives an OS that cannot open the link', () => {
    const f = fakeContents();
    hardenWebContents(f.contents as never, {
      openExternal: () => {
        throw new Error('no browser');
      },
    });
    expect(f.windowOpen('https://example.com/')).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const s = {
      request: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
      check: null as null | ((wc: unknown, p: string) => boolean),
      device: null as null | ((d: unknown) => boolean),
      headers: null as null | ((d: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void),
      setPermissionRequestHandler(h: never) { s.request = h; },
      setPermissionCheckHandler(h: never) { s.check = h; },
      setDevicePermissionHandler(h: never) { s.device = h; },
      webRequest: { onHeadersReceived(h: never) { s.headers = h; } },
    };
    return s;
  }

  it('refuses permission requests and checks outside the allow-list', () => {
    const s = fakeSession();
    hardenSession(s as never);
    const answers: boolean[] = [];
    s.request!(null, 'media', (ok) => answers.push(ok));
    s.request!(null, 'clipboard-sanitized-write', (ok) => answers.push(ok));
    expect(answers).toEqual([false, true]);
    expect(s.check!(null, 'geolocation')).toBe(false);
    expect(s.device!({})).toBe(false);
  });

  it('adds the CSP to every response, replacing a weaker one', () => {
    const s = fakeSession();
    hardenSession(s as never);
    let out: { responseHeaders?: Record<string, string[]> } = {};
    s.headers!(
      { url: 'app://trame/index.html', responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } },
      (r) => (out = r as typeof out),
    );
    expect(out.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      'X-Content-Type-Options': ['nosniff'],
    });
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  it('allows scripts from the app bundle only', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
  });
  it('forbids frames, objects, base rewriting and form posts', () => {
    for (const d of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(directives.get(d)).toEqual(["'none'"]);
    }
  });
  it('withCsp tolerates missing headers and single string values', () => {
    expect(withCsp(undefined)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(withCsp({ Server: 'x' }).Server).toEqual(['x']);
  });
});
