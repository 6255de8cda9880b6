// Links leave the app only through here: the page never opens a window or navigates away, and
// `shell.openExternal` hands a URL to the OS, which may launch any registered handler. So a URL is
// parsed and narrowed to plain http/https web pages on a public host name before the shell sees it.
// Pure (no Electron import) so it is tested against hostile URLs in Node.
import { domainToUnicode } from 'node:url';

export const MAX_EXTERNAL_URL_LENGTH = 2048;

// The WHATWG parser silently drops tabs and newlines and trims control characters and spaces
// ("java\tscript:" parses as "javascript:"); refuse them in the raw text instead of trusting the cleanup.
// Backslashes are read as "/" in http(s) URLs, which makes "https://evil.test\@good.test" mean two
// different hosts to two different readers.
const FORBIDDEN_RAW = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/u;

const ASCII_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
// A decoded internationalised label may only hold Latin letters (é, è, ç, œ… of French domain names),
// ASCII digits and hyphens. This refuses mixed-script look-alikes such as "xn--pple-43d" (Cyrillic
// « а » + "pple", which displays as "аpple") and, by design, whole non-Latin domains too: Trame's users
// link to French public sites, and a false refusal only means copying the link by hand.
const LATIN_LABEL = /^[\p{Script=Latin}0-9-]+$/u;

/**
 * Returns the URL when it is safe to hand to the OS browser, otherwise null.
 * Accepted: `http:` / `https:` only, no user name or password, a public DNS host name (at least two
 * labels, no IP literal, no "localhost"), Latin-only internationalised labels, at most 2048 characters.
 */
export function parseExternalUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string') return null;
  if (raw.length === 0 || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  if (FORBIDDEN_RAW.test(raw)) return null;

  const scheme = /^(https?):\/\/([^/?#]*)/i.exec(raw);
  if (!scheme) return null;
  // Any "@" in the authority is a credential or an attempt to hide the real host behind one.
  if (scheme[2].includes('@')) return null;

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (!isPublicHostName(url.hostname)) return null;
  if (url.href.length > MAX_EXTERNAL_URL_LENGTH) return null;
  return url;
}

/** `hostname` as given by the URL parser: lower-cased, already punycode-encoded. */
export function isPublicHostName(hostname: string): boolean {
  if (hostname.length === 0 || hostname.length > 253) return false;
  if (hostname.startsWith('[')) return false; // IPv6 literal
  const labels = hostname.split('.');
  if (labels.length < 2) return false; // "localhost", "intranet", bare names
  const last = labels[labels.length - 1];
  if (!TOP_LEVEL.test(last)) return false; // also rejects IPv4 literals (numeric last label) and "host."
  if (labels.some((l) => l === 'localhost')) return false;
  for (const label of labels) {
    if (!ASCII_LABEL.test(label)) return false;
    if (label.startsWith('xn--') && !isLatinIdnLabel(label)) return false;
  }
  return true;
}

function isLatinIdnLabel(label: string): boolean {
  // domainToUnicode decodes a whole domain; feed it one label with a neutral top level.
  const decoded = domainToUnicode(`${label}.fr`);
  if (!decoded || !decoded.endsWith('.fr')) return false;
  const unicodeLabel = decoded.slice(0, -3);
  if (unicodeLabel.length === 0 || unicodeLabel === label) return false; // undecodable punycode
  return LATIN_LABEL.test(unicodeLabel);
}
