// The renderer's Content-Security-Policy, sent as a real header by the app:// protocol and added again
// to every response by the session (second layer). The renderer may repeat it in a <meta> tag.
// - scripts only from the app bundle: no inline script, no eval, no remote code;
// - 'unsafe-inline' styles because React and chart libraries set style attributes;
// - no frames, no objects, no forms posting anywhere, no <base> rewriting;
// - connect-src 'self': the data goes through IPC, the page has nothing to fetch elsewhere.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self' blob:",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Response headers with our CSP replacing any other (header names compared case-insensitively). */
export function withCsp(
  headers: Record<string, string[] | string> | undefined,
  csp: string = CONTENT_SECURITY_POLICY,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    if (lower === 'x-content-type-options') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}
