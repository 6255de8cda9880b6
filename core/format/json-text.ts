// Reading the JSON text of an interchange document: JSON.parse, with French errors a user can act on
// (line and column, truncated file, size limit). Pure: no Node import, so any side may use it.
import { TrameError } from '../api/result';

/** Largest JSON text accepted (200 Mo). Counted in UTF-16 code units, which never exceed the UTF-8 byte count. */
export const MAX_JSON_BYTES = 200 * 1024 * 1024;

export interface JsonErrorLocation {
  /** Offset in the text (UTF-16 code units), `text.length` when the text ends too early. */
  pos: number;
  line: number;
  column: number;
  /** French reason, lower case, no final period. */
  reason: string;
  /** True when the text stops before the JSON value is complete. */
  truncated: boolean;
}

/** Parses the text of a Trame JSON document. Returns the raw value (validate it with `parseTrameDocument`). */
export function parseTrameJsonText(text: string): unknown {
  if (typeof text !== 'string') {
    throw new TrameError('format-invalide', 'Le contenu à importer doit être du texte JSON.');
  }
  if (text.length > MAX_JSON_BYTES) {
    throw new TrameError(
      'format-invalide',
      `Le fichier JSON est trop volumineux (${formatMegabytes(text.length)}) : Trame accepte au plus 200 Mo. ` +
        "Vérifiez qu'il s'agit bien d'un document d'échange Trame.",
    );
  }
  // A BOM is legal in a UTF-8 file written by Windows tools but not in JSON.parse.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new TrameError('format-invalide', 'Le fichier est vide : un document JSON Trame est attendu.');
  }
  try {
    return JSON.parse(body);
  } catch (err) {
    if (err instanceof RangeError) {
      throw new TrameError(
        'format-invalide',
        'Le JSON est imbriqué trop profondément pour être lu. Un contrat Trame compte au plus quatre niveaux ' +
          "(enjeu → objectif → action → indicateur) : ce fichier n'est pas un document Trame valide.",
      );
    }
    const loc = locateJsonError(body);
    if (!loc) {
      // The scanner and V8 disagree: keep V8's (English) words as a last resort.
      const raw = err instanceof Error ? err.message : String(err);
      throw new TrameError('format-invalide', `Le fichier n'est pas un JSON valide (${raw}).`);
    }
    const where = `ligne ${loc.line}, colonne ${loc.column}`;
    const message = loc.truncated
      ? `Le JSON est incomplet : le texte s'arrête avant la fin du document (${where}). ` +
        'Le fichier est probablement tronqué (copie interrompue ?) : exportez-le de nouveau.'
      : `Le fichier n'est pas un JSON valide : ${loc.reason} (${where}).`;
    throw new TrameError('format-invalide', message, [`${where} : ${loc.reason}`, ...excerpt(body, loc)]);
  }
}

function formatMegabytes(chars: number): string {
  return `${Math.round(chars / (1024 * 1024))} Mo`;
}

/** The offending line, cut around the column, with a caret under the error. */
function excerpt(text: string, loc: JsonErrorLocation): string[] {
  const start = text.lastIndexOf('\n', loc.pos - 1) + 1;
  let end = text.indexOf('\n', loc.pos);
  if (end === -1) end = text.length;
  const from = Math.max(start, loc.pos - 60);
  const to = Math.min(end, loc.pos + 20);
  const line = text.slice(from, to).replace(/\r/g, '').replace(/\t/g, ' ');
  if (line.trim() === '') return [];
  const prefix = from > start ? '…' : '';
  const suffix = to < end ? '…' : '';
  return [`  ${prefix}${line}${suffix}`, `  ${' '.repeat(prefix.length + (loc.pos - from))}^`];
}

function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: pos - lineStart + 1 };
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Finds the first syntax error of a JSON text, iteratively (no recursion, whatever the nesting).
 * Returns null when the text is valid JSON. Only called after JSON.parse failed, for the message.
 */
export function locateJsonError(text: string): JsonErrorLocation | null {
  const n = text.length;
  const stack: number[] = []; // char codes of the open containers: 0x7b '{' or 0x5b '['
  type State = 'value' | 'key' | 'colon' | 'after';
  let state: State = 'value';
  let justOpened = false; // the container was just opened: its closer is allowed here
  let afterComma = false;
  let i = 0;

  const fail = (pos: number, reason: string): JsonErrorLocation => ({
    pos,
    ...lineColumn(text, pos),
    reason,
    truncated: pos >= n,
  });
  const show = (pos: number) => `« ${text.slice(pos, pos + 1)} »`;

  /** Returns the offset after the closing quote, or an error. */
  const scanString = (start: number): number | JsonErrorLocation => {
    let j = start + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === undefined) return fail(n, 'texte non terminé');
        if (e === 'u') {
          const hex = text.slice(j + 2, j + 6);
          if (hex.length < 4) return fail(n, 'texte non terminé');
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) return fail(j, `séquence d'échappement invalide « \\u${hex} »`);
          j += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) return fail(j, `séquence d'échappement invalide « \\${e} »`);
        j += 2;
        continue;
      }
      if (c < 0x20) {
        return fail(j, 'caractère de contrôle non échappé dans un texte (retour à la ligne ou tabulation à écrire \\n ou \\t)');
      }
      j++;
    }
    return fail(n, 'texte non terminé : guillemet fermant manquant');
  };

  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    if (i >= n) {
      if (state === 'after' && stack.length === 0) return null;
      return fail(n, 'fin du texte inattendue');
    }
    const ch = text[i];
    const top = stack[stack.length - 1];

    if (state === 'after') {
      if (top === undefined) return fail(i, `texte en trop après la fin du document JSON (${show(i)})`);
      if (ch === ',') {
        state = top === 0x7b ? 'key' : 'value';
        justOpened = false;
        afterComma = true;
        i++;
        continue;
      }
      if ((ch === '}' && top === 0x7b) || (ch === ']' && top === 0x5b)) {
        stack.pop();
        i++;
        continue;
      }
      return fail(i, top === 0x7b ? `« , » ou « } » attendu, pas ${show(i)}` : `« , » ou « ] » attendu, pas ${show(i)}`);
    }

    if (state === 'colon') {
      if (ch !== ':') return fail(i, `« : » attendu après le nom de clé, pas ${show(i)}`);
      state = 'value';
      justOpened = false;
      afterComma = false;
      i++;
      continue;
    }

    if (state === 'key') {
      if (ch === '"') {
        const r = scanString(i);
        if (typeof r !== 'number') return r;
        i = r;
        state = 'colon';
        continue;
      }
      if (ch === '}' && justOpened) {
        stack.pop();
        state = 'after';
        i++;
        continue;
      }
      if (ch === '}' && afterComma) return fail(i, 'virgule en trop avant « } »');
      if (ch === "'") return fail(i, `les noms de clés s'écrivent entre guillemets doubles " ", pas entre apostrophes`);
      return fail(i, `nom de clé entre guillemets doubles attendu, pas ${show(i)}`);
    }

    // state === 'value'
    if (ch === '{' || ch === '[') {
      stack.push(text.charCodeAt(i));
      state = ch === '{' ? 'key' : 'value';
      justOpened = true;
      afterComma = false;
      i++;
      continue;
    }
    if (ch === ']' && justOpened && top === 0x5b) {
      stack.pop();
      state = 'after';
      i++;
      continue;
    }
    if ((ch === ']' || ch === '}') && afterComma) return fail(i, `virgule en trop avant « ${ch} »`);
    if (ch === '"') {
      const r = scanString(i);
      if (typeof r !== 'number') return r;
      i = r;
      state = 'after';
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(text);
      if (!m) return fail(i, i + 1 >= n ? 'fin du texte inattendue' : 'nombre mal écrit');
      const next = text[i + m[0].length];
      if (next !== undefined && /[0-9.eE+-]/.test(next)) return fail(i, 'nombre mal écrit (décimales avec un point, sans zéro initial)');
      i += m[0].length;
      state = 'after';
      continue;
    }
    let literal = false;
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        literal = true;
        break;
      }
      if (word.startsWith(text.slice(i, n)) && n - i < word.length) return fail(n, 'fin du texte inattendue');
    }
    if (literal) {
      state = 'after';
      continue;
    }
    if (ch === "'") return fail(i, `les textes s'écrivent entre guillemets doubles " ", pas entre apostrophes`);
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40));
    if (word) return fail(i, `valeur inattendue « ${word[0]} » (attendu : texte entre guillemets, nombre, true, false, null, objet ou liste)`);
    return fail(i, `valeur attendue, pas ${show(i)}`);
  }
}
