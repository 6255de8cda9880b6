// Exporting a contrat in the interchange format (FORMAT.md).
import type { HistoryEntryDoc, IndicatorDoc, PartnerDoc, ProtocoleDoc, TrameDocument, TreeNodeDoc } from '../../domain/format-types';
import { kysely, type Runner } from '../../../db/query';
import type { Doc } from '../../session';
import { readContrat } from '../contrat';
import { loadTree } from '../tree';

// Convention (core/format/README.md): optional fields, lists and objects are absent when empty — `children` on a
// leaf, `indicator` with no value, `qpv`/`partners`/`commitments`/`signatories` with none; `pillar` is always written.

function dated(value: number | null, date: string | null): { value: number; date?: string } | undefined {
  if (value === null) return undefined;
  return date ? { value, date } : { value };
}

/** What the export reads from: an open store, or a snapshot of one in a worker. */
export interface ExportSource {
  run: Doc['run'];
  /** The document's UUID (FORMAT.md top-level `id`): the same contrat keeps it through save-as and export → import. */
  documentId: string | null;
}

export function exportDocument(store: ExportSource, progress?: (done: number, total: number) => void): TrameDocument {
  const contrat = readContrat(store);
  const flat = loadTree(store);
  // The card fields and measurement notes of migration 004 (issue 10), beside what the tree reads.
  const cards = new Map(store.run.all(kysely.selectFrom('indicator').select(['node_id', 'kind', 'frequency', 'provider_id', 'library_ref'])).map((c) => [c.node_id, c] as const));
  const covered = new Map<string, string[]>();
  // Only codes still in the contrat (a QPV removed from the list leaves its code behind, ignored).
  for (const r of store.run.all(kysely.selectFrom('indicator_qpv').innerJoin('qpv', 'qpv.code', 'indicator_qpv.qpv_code').select(['indicator_qpv.node_id', 'qpv.code']).orderBy('indicator_qpv.node_id').orderBy('indicator_qpv.position'))) {
    const l = covered.get(r.node_id);
    if (l) l.push(r.code);
    else covered.set(r.node_id, [r.code]);
  }
  const notes = new Map(store.run.all(kysely.selectFrom('measurement').select(['id', 'source', 'note']).where((eb) => eb.or([eb('source', 'is not', null), eb('note', 'is not', null)]))).map((m) => [m.id, m] as const));
  let done = 0;
  const docs = new Map<string, TreeNodeDoc>();
  const tree: TreeNodeDoc[] = [];
  for (const n of flat) {
    const d: TreeNodeDoc = { id: n.id, kind: n.kind, title: n.title };
    if (n.description) d.description = n.description;
    if (n.tag) d.tag = n.tag;
    if (n.tagNote) d.tagNote = n.tagNote;
    if (n.indicator) {
      const i = n.indicator;
      const ind: IndicatorDoc = {};
      if (i.unit) ind.unit = i.unit;
      if (i.direction) ind.direction = i.direction;
      const card = cards.get(n.id);
      if (card?.kind) ind.kind = card.kind;
      if (card?.frequency) ind.frequency = card.frequency;
      if (card?.provider_id) ind.provider = card.provider_id;
      const qpv = covered.get(n.id);
      if (qpv) ind.qpv = qpv;
      if (card?.library_ref) ind.libraryRef = card.library_ref;
      const b = dated(i.baselineValue, i.baselineDate);
      if (b) ind.baseline = b;
      const t = dated(i.targetValue, i.targetDate);
      if (t) ind.target = t;
      if (i.referenceLabel !== null || i.referenceValue !== null || i.referenceDate !== null) {
        ind.reference = {};
        if (i.referenceLabel !== null) ind.reference.label = i.referenceLabel;
        if (i.referenceValue !== null) ind.reference.value = i.referenceValue;
        if (i.referenceDate !== null) ind.reference.date = i.referenceDate;
      }
      if (i.source) ind.source = i.source;
      if (i.measurements.length) {
        ind.measurements = i.measurements.map((m) => {
          const extra = notes.get(m.id);
          return { id: m.id, date: m.date, value: m.value, scope: m.scope, ...(extra?.source ? { source: extra.source } : {}), ...(extra?.note ? { note: extra.note } : {}) };
        });
      }
      if (Object.keys(ind).length) d.indicator = ind;
    }
    docs.set(n.id, d);
    if (progress && ++done % 1000 === 0) progress(done, flat.length);
    if (n.parentId === null) tree.push(d);
    else {
      const p = docs.get(n.parentId)!;
      (p.children ??= []).push(d);
    }
  }
  const partners = store.run.all(kysely.selectFrom('partner').selectAll().orderBy('position'));
  const commitments = store.run.all(kysely.selectFrom('commitment').selectAll().orderBy('position'));
  const links = store.run.all(kysely.selectFrom('commitment_node').selectAll().orderBy('commitment_id').orderBy('position'));
  const signatories = store.run.all(kysely.selectFrom('signatory').selectAll().orderBy('position'));
  const contacts = new Map(store.run.all(kysely.selectFrom('partner_contact').selectAll()).map((c) => [c.partner_id, c]));
  const funding = new Map(store.run.all(kysely.selectFrom('commitment_funding').selectAll()).map((f) => [f.commitment_id, f]));
  const history = new Map<string, HistoryEntryDoc[]>();
  for (const h of store.run.all(kysely.selectFrom('commitment_history').selectAll().orderBy('commitment_id').orderBy('position'))) {
    const entry: HistoryEntryDoc = { status: h.status as HistoryEntryDoc['status'], at: h.at };
    if (h.author) entry.by = h.author;
    if (h.note) entry.note = h.note;
    const list = history.get(h.commitment_id);
    if (list) list.push(entry);
    else history.set(h.commitment_id, [entry]);
  }
  const copils = store.run.all(kysely.selectFrom('copil').selectAll().orderBy('date').orderBy('id'));
  const out: TrameDocument = {
    format: 'trame',
    version: 1,
    ...(store.documentId ? { id: store.documentId } : {}),
    contrat: { name: contrat.name, epci: contrat.epci, pillar: 'emploi', period: contrat.period },
    tree,
  };
  if (contrat.qpv.length) {
    out.contrat.qpv = contrat.qpv.map((q) => (q.commune ? { code: q.code, name: q.name, commune: q.commune } : { code: q.code, name: q.name }));
  }
  if (partners.length) {
    out.partners = partners.map((p) => {
      const item: PartnerDoc = p.type ? { id: p.id, name: p.name, type: p.type as never } : { id: p.id, name: p.name };
      const c = contacts.get(p.id);
      if (c && (c.name || c.email || c.phone)) {
        item.contact = {};
        if (c.name) item.contact.name = c.name;
        if (c.email) item.contact.email = c.email;
        if (c.phone) item.contact.phone = c.phone;
      }
      return item;
    });
  }
  if (commitments.length) {
    out.commitments = commitments.map((c) => {
      const item: NonNullable<TrameDocument['commitments']>[number] = { id: c.id, partner: c.partner_id, text: c.text };
      const nodes = links.filter((l) => l.commitment_id === c.id).map((l) => l.node_id);
      if (nodes.length) item.nodes = nodes;
      if (c.target_value !== null) item.target = c.target_unit ? { value: c.target_value, unit: c.target_unit } : { value: c.target_value };
      if (c.indicator_id) item.indicator = c.indicator_id;
      if (c.due) item.due = c.due;
      if (c.status) item.status = c.status as never;
      const f = funding.get(c.id);
      if (f && (f.amount !== null || f.nature !== null)) {
        item.funding = {};
        if (f.amount !== null) item.funding.amount = f.amount;
        if (f.nature !== null) item.funding.nature = f.nature as never;
      }
      const h = history.get(c.id);
      if (h) item.history = h;
      return item;
    });
  }
  if (signatories.length) {
    out.signatories = signatories.map((s) => (s.role ? { id: s.id, partner: s.partner_id, name: s.name, role: s.role } : { id: s.id, partner: s.partner_id, name: s.name }));
  }
  if (copils.length) out.copils = copils.map((k) => (k.note ? { id: k.id, date: k.date, title: k.title, note: k.note } : { id: k.id, date: k.date, title: k.title }));
  const protocole = protocoleDoc(store, new Set(partners.map((p) => p.id)));
  if (protocole) out.protocole = protocole;
  return out;
}

/** The protocole's own text (issue 16), absent fields being Trame's defaults; stale partner ids are left out. */
function protocoleDoc(store: { run: Runner }, partnerIds: Set<string>): ProtocoleDoc | undefined {
  const row = store.run.first(kysely.selectFrom('protocole').selectAll().where('id', '=', 1));
  if (!row) return undefined;
  const list = (s: string | null): unknown[] | undefined => {
    if (s === null) return undefined;
    try {
      const v = JSON.parse(s) as unknown;
      return Array.isArray(v) && v.length ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const strings = (s: string | null) => list(s)?.filter((x): x is string => typeof x === 'string');
  const out: ProtocoleDoc = {};
  if (row.doc_type) out.type = row.doc_type as ProtocoleDoc['type'];
  if (row.avenant_number !== null) out.avenantNumber = row.avenant_number;
  if (row.place) out.place = row.place;
  if (row.preamble) out.preamble = row.preamble;
  if (row.governance) out.governance = row.governance;
  const visas = strings(row.visas);
  if (visas?.length) out.visas = visas;
  const considerants = strings(row.considerants);
  if (considerants?.length) out.considerants = considerants;
  const articles = list(row.articles) as ProtocoleDoc['articles'];
  if (articles?.length) out.articles = articles.map((a) => ({ slot: a.slot, title: a.title, text: a.text }));
  const nonSigning = strings(row.non_signing)?.filter((id) => partnerIds.has(id));
  if (nonSigning?.length) out.nonSigning = nonSigning;
  return Object.keys(out).length ? out : undefined;
}
