// A line the import cannot read, with where it is: the sheet, the line (as the spreadsheet numbers it), the column
// (its letter and header). Pure.
export interface SheetProblem {
  sheet: string;
  /** 1-based, as the spreadsheet shows it; null for the whole sheet. */
  line: number | null;
  /** « F (Montant) »; null for a whole line. */
  column: string | null;
  message: string;
}

/** « Feuille « Plan », ligne 12, colonne F (Montant) : … » */
export function problemText(p: SheetProblem): string {
  const where = [`Feuille « ${p.sheet} »`, p.line !== null ? `ligne ${p.line}` : null, p.column ? `colonne ${p.column}` : null].filter(Boolean).join(', ');
  return `${where} : ${p.message}`;
}
