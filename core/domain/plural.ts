// French plurals by the CLDR's rules (Intl.PluralRules): « 0 élément », « 1 élément », « 1,5 kilomètre », « 2 éléments »,
// « 1 000 000 d’éléments » aside. One rule for the screens, the minutes' text and the documents. Pure.

const RULES = new Intl.PluralRules('fr-FR');
const NBSP = '\u00a0';

/** Only the noun, agreed with `n`: the singular where French uses it (0, 1, 1,5), else `pluralForm` or singular + s. */
export function nounFor(n: number, singular: string, pluralForm?: string): string {
  return RULES.select(n) === 'one' ? singular : pluralForm ?? `${singular}s`;
}

/**
 * A count with its noun: « 0 élément », « 2 éléments », « 1 234 éléments ». `pluralForm` for the nouns whose plural is
 * not singular + s (« 2 journaux »). The number has French digit grouping, held to its noun by a non-breaking space;
 * `grouping: false` keeps the bare digits (« 10110 éléments »).
 */
export function countOf(n: number, singular: string, pluralForm?: string, opts: { grouping?: boolean } = {}): string {
  const digits = opts.grouping === false ? String(n) : n.toLocaleString('fr-FR');
  return `${digits}${NBSP}${nounFor(n, singular, pluralForm)}`;
}
