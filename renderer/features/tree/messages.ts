// What the tree's fields refuse, said in the user's words next to the field. The limits are the API's
// (core/features/tree/contract.ts): a text over them is refused whole, never cut without a word.

export const TITLE_MAX = 500;
export const DESCRIPTION_MAX = 20_000;
export const REASON_MAX = 5_000;

/** « Le titre est trop long : 500 caractères au plus (vous en avez 612). » */
export function tooLong(what: string, feminine: boolean, max: number, length: number): string {
  return `${what} est trop ${feminine ? 'longue' : 'long'} : ${max.toLocaleString('fr-FR')} caractères au plus (vous en avez ${length.toLocaleString('fr-FR')}).`;
}

/** Why a title is refused, or null. A new item may be left empty (it keeps the default title « Nouvel enjeu »…). */
export function titleProblem(title: string, emptyAllowed = false): string | null {
  const t = title.trim();
  if (t === '' && !emptyAllowed) return 'Le titre ne peut pas être vide.';
  if (t.length > TITLE_MAX) return tooLong('Le titre', false, TITLE_MAX, t.length);
  return null;
}

export function lengthProblem(what: string, feminine: boolean, max: number) {
  return (text: string): string | null => (text.trim().length > max ? tooLong(what, feminine, max, text.trim().length) : null);
}
