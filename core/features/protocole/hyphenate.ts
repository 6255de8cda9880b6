// French hyphenation for narrow table cells (issue 16): a cell's text is broken into lines here, before pdfkit draws
// it, at the hyphenation points of the `hyphen` library's French patterns (Liang's algorithm, TeX's hyph-fr), with
// a visible « - » at each break. pdfkit's own soft-hyphen handling was not used: once a U+00AD had been measured,
// the font's hyphen glyph lost its text mapping (pdftotext and the rendering dropped it). Words are only broken
// when they do not fit; a word with no break point that fits no line is left to pdfkit.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { hyphenateSync } = require('hyphen/fr') as { hyphenateSync(text: string, options?: { minWordLength?: number }): string };

const SHY = '\u00ad';
const cache = new Map<string, string[]>();

/** The syllables of a word at its French hyphenation points (cached: a document repeats its words). */
export function syllables(word: string): string[] {
  let parts = cache.get(word);
  if (!parts) {
    parts = /^\p{L}{6,}$/u.test(word) ? hyphenateSync(word, { minWordLength: 6 }).split(SHY) : [word];
    if (cache.size > 50_000) cache.clear();
    cache.set(word, parts);
  }
  return parts;
}

/**
 * `text` with line breaks where it must wrap within `width`, hyphenating a word that does not fit on the current
 * line when one of its syllable breaks does. `measure` gives a string's width at the cell's font.
 */
export function hyphenateToWidth(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width || !/\p{L}{6,}/u.test(text)) return text;
  // pdfkit fits a word with its trailing space: a line of ours must leave room for one, or pdfkit wraps it again.
  const room = width * 0.96 - measure(' ') - 1;
  return text.split('\n').map((para) => wrapParagraph(para, room, measure)).join('\n');
}

function wrapParagraph(para: string, width: number, measure: (s: string) => number): string {
  const lines: string[] = [];
  let line = '';
  const words = para.split(' ');
  for (let i = 0; i < words.length; i++) {
    let word = words[i];
    const sep = line ? ' ' : '';
    if (measure(line + sep + word) <= width) {
      line += sep + word;
      continue;
    }
    // The word (or its letters after a leading mark: « (formation », « l’insertion ») broken at a syllable.
    const m = /^(.*?)(\p{L}{6,})(.*)$/u.exec(word);
    let placed = false;
    if (m) {
      const parts = syllables(m[2]);
      for (let k = parts.length - 1; k >= 1; k--) {
        const head = m[1] + parts.slice(0, k).join('');
        if (measure(line + sep + head + '-') <= width) {
          lines.push(line + sep + head + '-');
          word = parts.slice(k).join('') + m[3];
          line = '';
          placed = true;
          break;
        }
      }
    }
    if (!placed && line) {
      lines.push(line);
      line = '';
    }
    // On a line of its own: break again while it is wider than the cell.
    while (measure(word) > width) {
      const mm = /^(.*?)(\p{L}{6,})(.*)$/u.exec(word);
      if (!mm) break;
      const parts = syllables(mm[2]);
      let cut = -1;
      for (let k = parts.length - 1; k >= 1; k--) {
        if (measure(mm[1] + parts.slice(0, k).join('') + '-') <= width) {
          cut = k;
          break;
        }
      }
      if (cut < 0) break;
      lines.push(mm[1] + parts.slice(0, cut).join('') + '-');
      word = parts.slice(cut).join('') + mm[3];
    }
    line = word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines.join('\n');
}
