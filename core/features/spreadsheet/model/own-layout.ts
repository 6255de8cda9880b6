// Trame's own linked sheets read back (the round trip): recognised by the « Arbre » sheet's headers, every table
// read by its ids into the interchange document, so that the contrat comes back with the same ids. Pure.
import type { CommitmentDoc, HistoryEntryDoc, IndicatorDoc, TrameDocument, TreeNodeDoc } from '../../../domain/format-types';
import { COMMITMENT_STATUS_LABELS, PARTNER_TYPE_LABELS } from '../../../domain/partners';
import { FUNDING_NATURE_LABELS } from '../../../domain/commitments';
import { KIND_LABELS, TAG_LABELS } from '../../../domain/tree';
import type { GridSheet } from './plan';
import type { SheetProblem } from './problems';
import { columnLetter } from './roles';
import { HEADERS, SHEETS } from './tables';
import { isDateCell, unneutralise, type Cell } from './values';

const reverse = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));
const KINDS = reverse(KIND_LABELS);
const TAGS = reverse(TAG_LABELS);
const STATUSES = reverse(COMMITMENT_STATUS_LABELS);
const TYPES = reverse(PARTNER_TYPE_LABELS);
const NATURES = reverse(FUNDING_NATURE_LABELS);

const raw = (c: Cell | undefined): string => (typeof c === 'string' ? unneutralise(c) : c === null || c === undefined ? '' : isDateCell(c) ? c.date : typeof c === 'number' ? String(c) : '');

export function isOwnLayout(sheets: GridSheet[]): boolean {
  const arbre = sheets.find((s) => s.name === SHEETS.arbre);
  return !!arbre && HEADERS.arbre.every((h, i) => raw(arbre.rows[0]?.[i]) === h);
}

/** The document the sheets describe, or the problems found (sheet, line, column). */
export function readOwnLayout(sheets: GridSheet[]): { document: TrameDocument | null; errors: SheetProblem[] } {
  const errors: SheetProblem[] = [];
  const table = (key: keyof typeof SHEETS) => {
    const sheet = sheets.find((s) => s.name === SHEETS[key]);
    const headers = HEADERS[key] as readonly string[];
    if (!sheet) return [];
    headers.forEach((h, i) => {
      if (raw(sheet.rows[0]?.[i]) !== h) errors.push({ sheet: sheet.name, line: 1, column: columnLetter(i), message: `l'en-tête attendu est « ${h} » (lu : « ${raw(sheet.rows[0]?.[i])} »).` });
    });
    return sheet.rows.slice(1).flatMap((row, k) => {
      if (!row || row.every((c) => c === null || c === undefined || raw(c) === '')) return [];
      const line = k + 2;
      const get = (name: string) => row[headers.indexOf(name)] ?? null;
      const text = (name: string) => raw(get(name)) || undefined;
      const num = (name: string): number | undefined => {
        const v = get(name);
        if (v === null || raw(v) === '') return undefined;
        if (typeof v === 'number') return v;
        const parsed = Number(raw(v).replace(',', '.').replace(/\s/g, ''));
        if (Number.isFinite(parsed)) return parsed;
        errors.push({ sheet: SHEETS[key], line, column: `${columnLetter(headers.indexOf(name))} (${name})`, message: `« ${raw(v)} » n'est pas un nombre.` });
        return undefined;
      };
      const label = <K extends string>(name: string, map: Map<string, K>): K | undefined => {
        const t = text(name);
        if (t === undefined) return undefined;
        const v = map.get(t);
        if (v === undefined) errors.push({ sheet: SHEETS[key], line, column: `${columnLetter(headers.indexOf(name))} (${name})`, message: `valeur inconnue « ${t} » (valeurs possibles : ${[...map.keys()].join(', ')}).` });
        return v;
      };
      return [{ line, text, num, label }];
    });
  };
  const [contrat] = table('contrat');
  const nodes = new Map<string, { node: TreeNodeDoc; parent: string | null; position: number; line: number }>();
  for (const r of table('arbre')) {
    const id = r.text('Identifiant');
    const kind = r.label('Niveau', KINDS);
    if (!id || !kind) {
      if (!id) errors.push({ sheet: SHEETS.arbre, line: r.line, column: 'A (Identifiant)', message: 'identifiant manquant.' });
      continue;
    }
    const node: TreeNodeDoc = { id, kind, title: r.text('Titre') ?? '' };
    const d = r.text('Description');
    if (d) node.description = d;
    const tag = r.label('Décision', TAGS);
    if (tag) node.tag = tag;
    const motif = r.text('Motif');
    if (motif) node.tagNote = motif;
    if (nodes.has(id)) errors.push({ sheet: SHEETS.arbre, line: r.line, column: 'A (Identifiant)', message: `l'identifiant « ${id} » est déjà sur une autre ligne.` });
    nodes.set(id, { node, parent: r.text('Identifiant du parent') ?? null, position: r.num('Position') ?? 0, line: r.line });
  }
  const indicators = new Map<string, IndicatorDoc>();
  for (const r of table('indicateurs')) {
    const id = r.text('Identifiant');
    const entry = id ? nodes.get(id) : undefined;
    if (!id || !entry) {
      errors.push({ sheet: SHEETS.indicateurs, line: r.line, column: 'A (Identifiant)', message: `l'indicateur « ${id ?? ''} » n'est pas dans la feuille Arbre.` });
      continue;
    }
    const i: IndicatorDoc = {};
    const set = <K extends keyof IndicatorDoc>(k: K, v: IndicatorDoc[K] | undefined) => v !== undefined && (i[k] = v);
    set('unit', r.text('Unité'));
    set('direction', r.text('Sens') as IndicatorDoc['direction']);
    set('kind', r.text('Type') as IndicatorDoc['kind']);
    set('frequency', r.text('Fréquence') as IndicatorDoc['frequency']);
    set('provider', r.text('Identifiant du fournisseur'));
    const qpv = r.text('QPV couverts');
    if (qpv) i.qpv = qpv.split(/\s*,\s*/);
    set('libraryRef', r.text('Référence bibliothèque'));
    const dated = (v: string, d: string) => {
      const value = r.num(v);
      const date = r.text(d);
      return value === undefined ? undefined : date ? { value, date } : { value };
    };
    set('baseline', dated('Valeur initiale', 'Date initiale'));
    set('target', dated('Cible', 'Date cible'));
    const ref = { label: r.text('Référence (libellé)'), value: r.num('Référence (valeur)'), date: r.text('Référence (date)') };
    if (ref.label !== undefined || ref.value !== undefined || ref.date !== undefined) i.reference = JSON.parse(JSON.stringify(ref));
    set('source', r.text('Source'));
    indicators.set(id, i);
    entry.node.indicator = i;
  }
  for (const r of table('mesures')) {
    const ind = r.text("Identifiant de l'indicateur");
    const i = ind ? indicators.get(ind) ?? (nodes.get(ind)?.node.kind === 'indicateur' ? (nodes.get(ind)!.node.indicator = {}) : undefined) : undefined;
    if (!i) {
      errors.push({ sheet: SHEETS.mesures, line: r.line, column: "B (Identifiant de l'indicateur)", message: `l'indicateur « ${ind ?? ''} » est introuvable.` });
      continue;
    }
    if (ind && !indicators.has(ind)) indicators.set(ind, i);
    const m = { id: r.text('Identifiant'), date: r.text('Date') ?? '', value: r.num('Valeur') ?? NaN, scope: (r.text('Périmètre') ?? 'qpv') as 'qpv' | 'reference', source: r.text('Source'), note: r.text('Note') };
    (i.measurements ??= []).push(JSON.parse(JSON.stringify(m)));
  }
  const tree: TreeNodeDoc[] = [];
  const ordered = [...nodes.values()].sort((a, b) => a.position - b.position);
  for (const e of ordered) {
    if (e.parent === null) tree.push(e.node);
    else {
      const p = nodes.get(e.parent);
      if (!p) errors.push({ sheet: SHEETS.arbre, line: e.line, column: 'B (Identifiant du parent)', message: `le parent « ${e.parent} » n'est pas dans la feuille.` });
      else (p.node.children ??= []).push(e.node);
    }
  }
  const history = new Map<string, { pos: number; h: HistoryEntryDoc }[]>();
  for (const r of table('historique')) {
    const k = r.text("Identifiant de l'engagement") ?? '';
    const status = r.label('Statut', STATUSES);
    if (!status) continue;
    const h: HistoryEntryDoc = { status, at: r.text('Horodatage (UTC)') ?? '' };
    const by = r.text('Par');
    if (by) h.by = by;
    const note = r.text('Note');
    if (note) h.note = note;
    const list = history.get(k) ?? [];
    list.push({ pos: r.num('Position') ?? 0, h });
    history.set(k, list);
  }
  const funding = new Map(table('financements').map((r) => [r.text("Identifiant de l'engagement") ?? '', r] as const));
  const commitments: CommitmentDoc[] = table('engagements').map((r) => {
    const c: CommitmentDoc = { id: r.text('Identifiant'), partner: r.text('Identifiant du partenaire') ?? '', text: r.text('Engagement') ?? '' };
    const nodeIds = r.text('Éléments servis');
    if (nodeIds) c.nodes = nodeIds.split(/\s*,\s*/);
    const tv = r.num('Cible');
    if (tv !== undefined) c.target = r.text('Unité') ? { value: tv, unit: r.text('Unité')! } : { value: tv };
    const ind = r.text("Identifiant de l'indicateur");
    if (ind) c.indicator = ind;
    const due = r.text('Échéance');
    if (due) c.due = due;
    const st = r.label('Statut', STATUSES);
    if (st) c.status = st;
    const f = funding.get(c.id ?? '');
    if (f) {
      const amount = f.num('Montant (€)');
      const nature = f.label('Nature', NATURES);
      c.funding = JSON.parse(JSON.stringify({ amount, nature }));
    }
    const h = history.get(c.id ?? '');
    if (h) c.history = h.sort((a, b) => a.pos - b.pos).map((x) => x.h);
    return c;
  });
  const doc: TrameDocument = {
    format: 'trame',
    version: 1,
    contrat: { name: contrat?.text('Nom') ?? '', epci: contrat?.text('EPCI') ?? '', pillar: 'emploi', period: { start: contrat?.num('Début') ?? 2024, end: contrat?.num('Fin') ?? 2030 } },
    tree,
  };
  const docId = contrat?.text('Identifiant du document');
  if (docId) doc.id = docId;
  const qpv = table('qpv').map((r) => JSON.parse(JSON.stringify({ code: r.text('Code') ?? '', name: r.text('Nom') ?? '', commune: r.text('Commune') })));
  if (qpv.length) doc.contrat.qpv = qpv;
  const partners = table('partenaires').map((r) => {
    const contact = JSON.parse(JSON.stringify({ name: r.text('Contact'), email: r.text('Courriel'), phone: r.text('Téléphone') }));
    return JSON.parse(JSON.stringify({ id: r.text('Identifiant'), name: r.text('Nom') ?? '', type: r.label('Type', TYPES), contact: Object.keys(contact).length ? contact : undefined }));
  });
  if (partners.length) doc.partners = partners;
  if (commitments.length) doc.commitments = commitments;
  const signatories = table('signataires').map((r) => JSON.parse(JSON.stringify({ id: r.text('Identifiant'), partner: r.text('Identifiant du partenaire') ?? '', name: r.text('Nom') ?? '', role: r.text('Fonction') })));
  if (signatories.length) doc.signatories = signatories;
  const copils = table('copil').map((r) => JSON.parse(JSON.stringify({ id: r.text('Identifiant'), date: r.text('Date') ?? '', title: r.text('Titre') ?? '', note: r.text('Note') })));
  if (copils.length) doc.copils = copils;
  return { document: errors.length ? null : doc, errors };
}
