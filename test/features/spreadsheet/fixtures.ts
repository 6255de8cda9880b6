// A realistic plan d'actions, written at test time with SheetJS (the reader Trame uses is not the writer here:
// XLSX and ODS are produced by SheetJS's writer, and read back by Trame's bounded reader). Title rows, merged cells,
// a parent written once and left blank below it, two partners in a cell, amounts and dates written every way.
import * as XLSX from '@e965/xlsx';

export type Aoa = (string | number | Date | null)[][];

export const PLAN_TITLE = "Plan d'actions — Contrat de ville de Vaudrecourt 2024-2030";

export const PLAN: Aoa = [
  [PLAN_TITLE, null, null, null, null, null, null, null, null],
  ['Mis à jour le 12/03/2026', null, null, null, null, null, null, null, null],
  [null, null, null, null, null, null, null, null, null],
  ['Axe', 'Objectif opérationnel', 'Fiche action', 'Pilote', 'Partenaires', 'Financeur', 'Montant', 'Échéance', 'Statut'],
  // Merged « Axe » over rows 5–8 (A5:A8).
  ['Accès à l’emploi', 'Lever les freins', 'Permanences emploi en pied d’immeuble', 'France Travail', 'Mission locale, PLIE', 'État', '12 000 €', '30/06/2026', 'En cours'],
  [null, null, 'Garde d’enfants pour la reprise d’emploi', 'CAF', null, 'Ville', '12 000,50', 'juin 2026', 'Proposé'],
  [null, 'Former', 'Chantier d’insertion bâtiment', 'PLIE', 'France Travail ; Mission Locale', 'Département', '12k€', '2026', null],
  [null, 'Former', 'Préparation opérationnelle à l’emploi', 'France Travail', null, 'Région', 8500, 'S1 2026', 'Acté'],
  ['Développement économique', 'Soutenir la création', 'Couveuse d’activités', 'BGE', null, 'Ville', '1,5 M€', 'T3 2026', 'en cours'],
  [null, null, 'Marché de l’emploi local', 'Ville', 'france travail', null, null, new Date(Date.UTC(2026, 11, 15)), null],
];

/** Where each merge goes: A5:A8 (the first axe over its four lines). */
export const PLAN_MERGES = [{ s: { r: 4, c: 0 }, e: { r: 7, c: 0 } }];

export function workbookBytes(aoa: Aoa, format: 'xlsx' | 'ods', options: { merges?: XLSX.Range[]; sheet?: string; extraSheets?: [string, Aoa][] } = {}): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of options.extraSheets ?? []) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), name);
  const ws = XLSX.utils.aoa_to_sheet(aoa, { cellDates: true });
  if (options.merges) ws['!merges'] = options.merges;
  XLSX.utils.book_append_sheet(wb, ws, options.sheet ?? 'Plan');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: format }) as Buffer);
}

/** The plan with the merged axe written only in the merge's first cell (as a spreadsheet stores it). */
export function planBytes(format: 'xlsx' | 'ods'): Uint8Array {
  return workbookBytes(PLAN, format, { merges: PLAN_MERGES, extraSheets: [['Lisez-moi', [['Ce classeur présente le plan.']]]] });
}
