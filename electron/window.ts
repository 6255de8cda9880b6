// Window options and the hardening applied to every web contents and to the session.
// Electron objects are passed in (type imports only): the rules are tested in Node with fakes.
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { APP_PAGE_URL, isAppPage } from './app-url';
import { withCsp } from './csp';
import { parseExternalUrl } from './external-links';

/** Paper-like background shown before the first paint, so a new window does not flash white/black. */
export const BACKGROUND_COLOR = '#f6f4ef';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Trame',
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false, // shown on 'ready-to-show'
    backgroundColor: BACKGROUND_COLOR,
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click must not open anything either (window.open is already denied).
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/**
 * Permissions the page may use. Everything else (camera, micro, geolocation, notifications, HID,
 * serial, USB, clipboard reading…) is refused: Trame edits a local file and needs none of it.
 * Writing to the clipboard is allowed for « Copier » buttons (navigator.clipboard.writeText).
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

export interface HardenOptions {
  /** The only page a window may show. */
  appPageUrl?: string;
  /** Opens a vetted http(s) URL in the user's browser (shell.openExternal). */
  openExternal: (url: string) => unknown;
}

type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** No new windows, no navigation away from the app page, no webviews. Links go to the OS browser once parsed. */
export function hardenWebContents(contents: HardenableContents, options: HardenOptions): void {
  const appPageUrl = options.appPageUrl ?? APP_PAGE_URL;
  const openOutside = (raw: string) => {
    const url = parseExternalUrl(raw);
    if (url) {
      try {
        const done = options.openExternal(url.href);
        if (done && typeof (done as Promise<unknown>).catch === 'function') (done as Promise<unknown>).catch(() => {});
      } catch {
        // The OS could not open it: nothing to do in the page.
      }
    }
  };

  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAppPage(event.url, appPageUrl)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (isAppPage(event.url, appPageUrl)) return;
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> };

/** Permission allow-list and a CSP header on every response (second layer behind the app:// protocol's own). */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(isPermissionAllowed(permission));
  });
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    // DevTools pages bring their own policy; everything else gets ours.
    if (details.url.startsWith('devtools:')) {
      callback({});
      return;
    }
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}
