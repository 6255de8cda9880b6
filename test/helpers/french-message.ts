// What a refusal's message must look like: one French sentence for a user, no English from SQLite, Node or zod,
// no JavaScript words leaking (« undefined », « NaN »), no stack trace. Used by the fuzz on every refusal.

/** English or technical phrases that must never reach a user (the original belongs in `details`). */
const FORBIDDEN: [RegExp, string][] = [
  [/\bmust\b|\bshould\b/i, 'anglais (must/should)'],
  [/\bcannot\b|\bcan't\b|\bunable\b/i, 'anglais (cannot/unable)'],
  [/\b(?:[A-Z][a-zA-Z]*)?Error\b\s*:?/, 'nom d\'erreur JavaScript (…Error)'],
  [/\bundefined\b|\bNaN\b|\[object \w+\]/, 'mot JavaScript (undefined, NaN, [object …])'],
  [/\bSQLITE_[A-Z_]+\b|\bsqlite3?_\w+/i, 'code SQLite'],
  [/\bE(?:NOENT|ACCES|PERM|EXIST|ISDIR|NOTDIR|NOSPC|ROFS|IO|BUSY|MFILE|NAMETOOLONG|INVAL|LOOP|XDEV)\b/, 'code d\'erreur Node'],
  [/\b(?:no such|not found|not a |is not|does not|failed|invalid|expected|unexpected|unknown|required|too (?:big|small|long)|malformed|disk image|database|constraint|permission denied|file exists|is a directory|directory not empty|read-only|readonly)\b/i, 'phrase anglaise'],
  [/\n\s+at |\bat \S+:\d+:\d+/, 'trace de pile'],
];

const CAPITAL = /^[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«"]/;
const END = /[.!?»)]$/;

/** Why `message` is not a French sentence for a user, or null if it is. */
export function frenchSentenceProblem(message: unknown): string | null {
  if (typeof message !== 'string') return `pas un texte (${typeof message})`;
  const m = message.trim();
  if (m !== message) return 'espaces en début ou en fin';
  if (m.length <= 3) return 'trop court';
  if (!CAPITAL.test(m)) return 'ne commence pas par une majuscule';
  if (!END.test(m)) return 'ne finit pas par . ! ? » ou )';
  for (const [re, why] of FORBIDDEN) if (re.test(m)) return why;
  // A French sentence has French words: at least one of the commonest, or an accented letter.
  if (!/[àâäçéèêëîïôöùûüÿœæ]|\b(?:le|la|les|de|du|des|un|une|est|pas|ne|et|ou|au|aux|en|pour|sur|par|dans|commande|fichier|contrat|inconnue?|impossible|introuvable|refusée?s?|tâche|sauvegarde|chemin|valeur|nom|date)\b/i.test(m)) {
    return 'aucun mot français';
  }
  return null;
}
