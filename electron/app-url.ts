// Where the renderer lives. It is served from a privileged custom scheme (app://trame/…) rather than
// file://: every file:// page shares one origin and extra privileges, while app://trame is an origin of
// its own that only ever serves dist/renderer, can carry real response headers (CSP), and lets the
// packaged build turn the grantFileProtocolExtraPrivileges fuse off. Pure, tested in Node.

export const APP_SCHEME = 'app';
export const APP_HOST = 'trame';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page of the app; every window loads it. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** What a new window should show: the start screen (default), a contrat, or the « Nouveau contrat » form. */
export type PageTarget = { open: string } | 'new' | null | undefined;

/**
 * URL of the app page on a given screen. Uses the renderer's hash routes (renderer/lib/route.ts):
 * `#/contrat?path=<file>` opens a contrat, `#/nouveau` shows the creation form.
 */
export function pageUrl(target?: PageTarget, base: string = APP_PAGE_URL): string {
  if (!target) return base;
  if (target === 'new') return `${base}#/nouveau`;
  return `${base}#/contrat?${new URLSearchParams({ path: target.open }).toString()}`;
}

/**
 * True when `raw` is the app page itself (same scheme, host, port and path; query and fragment are
 * free). Anything else — another path on our origin, other schemes, credentials, about:blank,
 * unparsable text — is false.
 */
export function isAppPage(raw: string | null | undefined, expected: string = APP_PAGE_URL): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 65536) return false;
  let url: URL;
  let want: URL;
  try {
    url = new URL(raw);
    want = new URL(expected);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return (
    url.protocol === want.protocol &&
    url.hostname === want.hostname &&
    url.port === want.port &&
    url.pathname === want.pathname
  );
}
