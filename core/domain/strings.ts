// Text rules shared by the API contract, the interchange format and the CLI. Pure: no Node import.

/** A control character forbidden in a path: C0 (U+0000–U+001F, NUL included) and DEL (U+007F). */
// eslint-disable-next-line no-control-regex
const PATH_CONTROL = /[\u0000-\u001f\u007f]/;

/** The first control character of a path, as « U+0000 », or null when there is none. */
export function pathControlChar(s: string): string | null {
  const m = PATH_CONTROL.exec(s);
  return m ? codePoint(m[0]) : null;
}

/** « U+001B » for a character. */
export function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * True when `s` is well-formed Unicode: no lone surrogate (U+D800–U+DFFF without its pair). SQLite stores such a
 * string as invalid UTF-8 and two different lone surrogates come back as one same string.
 */
export function isWellFormedText(s: string): boolean {
  const wf = (s as { isWellFormed?: () => boolean }).isWellFormed;
  if (typeof wf === 'function') return wf.call(s);
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** The one normal form of every text Trame stores: NFC (« é » as one code point, never « e » + accent). */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

export const ILL_FORMED_MESSAGE =
  'texte mal formé (caractère Unicode isolé, dit « surrogate ») : enregistrez le texte de nouveau en UTF-8';
