// A contrat as linked sheets (what Grist imports as tables, Excel and LibreOffice open): one sheet per table, French
// headers, each row's stable id and its parent's or partner's id as columns. Pure: from the interchange document.
import type { TrameDocument, TreeNodeDoc } from '../../../domain/format-types';
import { COMMITMENT_STATUS_LABELS, PARTNER_TYPE_LABELS } from '../../../domain/partners';
import { FUNDING_NATURE_LABELS } from '../../../domain/commitments';
import { KIND_LABELS, TAG_LABELS } from '../../../domain/tree';
import type { DateCell } from './values';

export type OutCell = string | number | DateCell | null;
export interface Table { name: string; headers: string[]; rows: OutCell[][]; /** Column indexes that hold ids. */ ids: number[] }

/** Full dates as date cells; « 2026 » and « 2026-06 » stay text (a spreadsheet date has a day). */
export function dateOut(iso: string | undefined | null): OutCell {
  if (!iso) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? { date: iso } : iso;
}

export const SHEETS = {
  contrat: 'Contrat',
  qpv: 'QPV',
  arbre: 'Arbre',
  indicateurs: 'Indicateurs',
  mesures: 'Mesures',
  partenaires: 'Partenaires',
  signataires: 'Signataires',
  engagements: 'Engagements',
  financements: 'Financements',
  historique: 'Historique des statuts',
  copil: 'COPIL',
} as const;

export const HEADERS = {
  contrat: ['Identifiant du document', 'Nom', 'EPCI', 'Pilier', 'Début', 'Fin'],
  qpv: ['Code', 'Nom', 'Commune'],
  arbre: ['Identifiant', 'Identifiant du parent', 'Niveau', 'Position', 'Titre', 'Description', 'Décision', 'Motif'],
  indicateurs: [
    'Identifiant', 'Indicateur', 'Unité', 'Sens', 'Type', 'Fréquence', 'Identifiant du fournisseur', 'QPV couverts', 'Référence bibliothèque',
    'Valeur initiale', 'Date initiale', 'Cible', 'Date cible', 'Référence (libellé)', 'Référence (valeur)', 'Référence (date)', 'Source',
  ],
  mesures: ['Identifiant', "Identifiant de l'indicateur", 'Date', 'Valeur', 'Périmètre', 'Source', 'Note'],
  partenaires: ['Identifiant', 'Nom', 'Type', 'Contact', 'Courriel', 'Téléphone'],
  signataires: ['Identifiant', 'Identifiant du partenaire', 'Nom', 'Fonction'],
  engagements: ['Identifiant', 'Identifiant du partenaire', 'Partenaire', 'Engagement', 'Éléments servis', 'Cible', 'Unité', "Identifiant de l'indicateur", 'Échéance', 'Statut'],
  financements: ["Identifiant de l'engagement", 'Montant (€)', 'Nature'],
  historique: ['Identifiant', "Identifiant de l'engagement", 'Position', 'Statut', 'Date', 'Horodatage (UTC)', 'Par', 'Note'],
  copil: ['Identifiant', 'Date', 'Titre', 'Note'],
} as const;

const s = (v: string | undefined | null): OutCell => (v === undefined || v === null || v === '' ? null : v);
const n = (v: number | undefined | null): OutCell => (v === undefined || v === null ? null : v);

/** The document as tables, in the order of the sheets. */
export function documentTables(doc: TrameDocument): Table[] {
  const c = doc.contrat;
  const arbre: OutCell[][] = [];
  const indicateurs: OutCell[][] = [];
  const mesures: OutCell[][] = [];
  const walk = (list: TreeNodeDoc[], parent: string | null) => {
    list.forEach((node, position) => {
      arbre.push([node.id!, parent, KIND_LABELS[node.kind], position + 1, node.title, s(node.description), node.tag ? TAG_LABELS[node.tag] : null, s(node.tagNote)]);
      if (node.kind === 'indicateur') {
        const i = node.indicator ?? {};
        indicateurs.push([
          node.id!, node.title, s(i.unit), s(i.direction), s(i.kind), s(i.frequency), s(i.provider), i.qpv?.length ? i.qpv.join(', ') : null, s(i.libraryRef),
          n(i.baseline?.value), dateOut(i.baseline?.date), n(i.target?.value), dateOut(i.target?.date), s(i.reference?.label), n(i.reference?.value),
          dateOut(i.reference?.date), s(i.source),
        ]);
        for (const m of i.measurements ?? []) mesures.push([m.id!, node.id!, dateOut(m.date), m.value, m.scope ?? 'qpv', s(m.source), s(m.note)]);
      }
      walk(node.children ?? [], node.id!);
    });
  };
  walk(doc.tree, null);
  const partnerName = new Map((doc.partners ?? []).map((p) => [p.id!, p.name]));
  const commitments = doc.commitments ?? [];
  const historique: OutCell[][] = [];
  for (const k of commitments) {
    (k.history ?? []).forEach((h, i) =>
      historique.push([`${k.id}:${i + 1}`, k.id!, i + 1, COMMITMENT_STATUS_LABELS[h.status], dateOut(h.at.slice(0, 10)), h.at, s(h.by), s(h.note)]),
    );
  }
  return [
    { name: SHEETS.contrat, headers: [...HEADERS.contrat], ids: [0], rows: [[s(doc.id), c.name, c.epci, 'emploi', n(c.period?.start), n(c.period?.end)]] },
    { name: SHEETS.qpv, headers: [...HEADERS.qpv], ids: [0], rows: (c.qpv ?? []).map((q) => [q.code, q.name, s(q.commune)]) },
    { name: SHEETS.arbre, headers: [...HEADERS.arbre], ids: [0, 1], rows: arbre },
    { name: SHEETS.indicateurs, headers: [...HEADERS.indicateurs], ids: [0, 6], rows: indicateurs },
    { name: SHEETS.mesures, headers: [...HEADERS.mesures], ids: [0, 1], rows: mesures },
    {
      name: SHEETS.partenaires, headers: [...HEADERS.partenaires], ids: [0],
      rows: (doc.partners ?? []).map((p) => [p.id!, p.name, p.type ? PARTNER_TYPE_LABELS[p.type] : null, s(p.contact?.name), s(p.contact?.email), s(p.contact?.phone)]),
    },
    { name: SHEETS.signataires, headers: [...HEADERS.signataires], ids: [0, 1], rows: (doc.signatories ?? []).map((g) => [g.id!, g.partner, g.name, s(g.role)]) },
    {
      name: SHEETS.engagements, headers: [...HEADERS.engagements], ids: [0, 1, 7],
      rows: commitments.map((k) => [
        k.id!, k.partner, partnerName.get(k.partner) ?? null, k.text, k.nodes?.length ? k.nodes.join(', ') : null, n(k.target?.value), s(k.target?.unit),
        s(k.indicator), dateOut(k.due), k.status ? COMMITMENT_STATUS_LABELS[k.status] : null,
      ]),
    },
    {
      name: SHEETS.financements, headers: [...HEADERS.financements], ids: [0],
      rows: commitments.filter((k) => k.funding).map((k) => [k.id!, n(k.funding!.amount), k.funding!.nature ? FUNDING_NATURE_LABELS[k.funding!.nature] : null]),
    },
    { name: SHEETS.historique, headers: [...HEADERS.historique], ids: [0, 1], rows: historique },
    { name: SHEETS.copil, headers: [...HEADERS.copil], ids: [0], rows: (doc.copils ?? []).map((k) => [k.id!, dateOut(k.date), k.title, s(k.note)]) },
  ];
}
