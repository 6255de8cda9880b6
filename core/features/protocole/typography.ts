// French typography for printed documents: a narrow no-break space (U+202F) before « ; : ! ? » and inside « »;
// since that space does not break, none of those marks can start a line. Pure.

export const NNBSP = '\u202f';
const SPACE = '[ \\u00a0\\u2009\\u202f]';

/**
 * Applies the French spacing rules to `text`. A space typed before the mark becomes a narrow no-break space; a mark
 * glued to the word before gets one only when it ends a word (followed by a space, a closing mark or the end), so
 * « 10:30 », « https://… » and « ?q=1 » are left alone. Marks in a row (« ?! ») take one space before the first.
 */
export function frenchTypography(text: string): string {
  const high = new RegExp(`(${SPACE}*)([;:!?]+)(?=(\\s|$|[)\\]»"'’.,…]))|(${SPACE}+)([;:!?]+)`, 'gu');
  let out = text.replace(high, (m: string, sp1: string | undefined, marks1: string | undefined, _after, sp2: string | undefined, marks2: string | undefined, offset: number) => {
    const marks = marks1 ?? marks2 ?? m;
    const spaced = (sp1 ?? sp2 ?? '') !== '';
    // At the very start of the text or of a line there is no word to glue the mark to.
    if (offset === 0 || text[offset - 1] === '\n') return m;
    return spaced || !/\s/u.test(text[offset - 1]) ? NNBSP + marks : m;
  });
  out = out.replace(new RegExp(`«${SPACE}*`, 'gu'), `«${NNBSP}`).replace(new RegExp(`${SPACE}*»`, 'gu'), `${NNBSP}»`);
  return curlyApostrophes(out);
}

/** Typewriter apostrophes between letters (« l'État ») printed as ’, so that a document never mixes both. */
export function curlyApostrophes(text: string): string {
  return text.indexOf("'") < 0 ? text : text.replace(/(\p{L})'(?=\p{L})/gu, '$1’');
}
