// The canonical form of an interchange document: every value has exactly one spelling, so that
// export → import → export gives the same document (the conventions are listed in schema.ts and README.md).
// Ids are kept as given (tree items, partners, commitments, the document's own `id`, measurements,
// signatories); an item without id is given one by the importer, not here.
import type {
  CommitmentDoc,
  CopilDoc,
  ContratDoc,
  DatedValue,
  IndicatorDoc,
  MeasurementDoc,
  PartnerDoc,
  ProtocoleDoc,
  QpvDoc,
  SignatoryDoc,
  TrameDocument,
  TreeNodeDoc,
} from '../domain/format-types';
import type { ParsedDocument } from './document';
import type { ParsedIndicator, ParsedNode } from './tree';

/** "" → absent. */
function text(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

/**
 * Builds an object without its undefined fields, in the order given. A for…in over the literal's own keys, not
 * Object.entries with destructuring: called for every item and measurement of an import, before V8 has compiled
 * it, the destructuring ran through the iterator protocol (a tenth of `trame import`'s profile).
 */
function compact<T extends object>(o: T): T {
  const src = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in src) {
    const v = src[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function canonicalDated(d: { value: number; date?: string } | undefined): DatedValue | undefined {
  return d && compact({ value: d.value, date: d.date });
}

function canonicalIndicator(ind: ParsedIndicator | undefined): IndicatorDoc | undefined {
  if (!ind) return undefined;
  const ref = ind.reference && compact({ label: text(ind.reference.label), value: ind.reference.value, date: ind.reference.date });
  const out: IndicatorDoc = compact({
    unit: text(ind.unit),
    direction: ind.direction,
    kind: ind.kind,
    frequency: ind.frequency,
    provider: ind.provider,
    qpv: nonEmpty(ind.qpv ? [...ind.qpv] : undefined),
    libraryRef: text(ind.libraryRef),
    baseline: canonicalDated(ind.baseline),
    target: canonicalDated(ind.target),
    reference: ref && Object.keys(ref).length > 0 ? ref : undefined,
    source: text(ind.source),
    measurements: nonEmpty(
      ind.measurements?.map((m): MeasurementDoc => compact({ id: m.id, date: m.date, value: m.value, scope: m.scope ?? 'qpv', source: text(m.source), note: text(m.note) })),
    ),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

function canonicalNode(n: ParsedNode): TreeNodeDoc {
  // The tree is at most four levels deep once checked, so recursion is safe here.
  return compact({
    id: n.id,
    kind: n.kind,
    title: n.title,
    description: text(n.description),
    tag: n.tag,
    tagNote: text(n.tagNote),
    children: nonEmpty(n.children?.map(canonicalNode)),
    indicator: canonicalIndicator(n.indicator),
  });
}

/** A document zod accepted and the semantic pass found sound → its canonical form. */
export function canonicalDocument(d: ParsedDocument): TrameDocument {
  const c = d.contrat;
  const contrat: ContratDoc = compact({
    name: c.name,
    epci: c.epci,
    pillar: 'emploi' as const,
    period: c.period && { start: c.period.start, end: c.period.end },
    qpv: nonEmpty(c.qpv?.map((q): QpvDoc => compact({ code: q.code, name: q.name, commune: text(q.commune) }))),
  });
  return compact({
    format: 'trame' as const,
    version: 1 as const,
    id: d.id,
    contrat,
    tree: d.tree.map(canonicalNode),
    partners: nonEmpty(
      d.partners?.map((p): PartnerDoc => {
        const contact = p.contact && compact({ name: text(p.contact.name), email: text(p.contact.email), phone: text(p.contact.phone) });
        return compact({ id: p.id, name: p.name, type: p.type, contact: contact && Object.keys(contact).length > 0 ? contact : undefined });
      }),
    ),
    commitments: nonEmpty(
      d.commitments?.map(
        (cm): CommitmentDoc =>
          compact({
            id: cm.id,
            partner: cm.partner,
            nodes: nonEmpty(cm.nodes ? [...cm.nodes] : undefined),
            text: cm.text,
            target: cm.target && compact({ value: cm.target.value, unit: text(cm.target.unit) }),
            indicator: cm.indicator,
            due: cm.due,
            status: cm.status,
            funding: cm.funding && (cm.funding.amount !== undefined || cm.funding.nature !== undefined)
              ? compact({ amount: cm.funding.amount, nature: cm.funding.nature })
              : undefined,
            history: nonEmpty(cm.history?.map((h) => compact({ status: h.status, at: h.at, by: text(h.by), note: text(h.note) }))),
          }),
      ),
    ),
    signatories: nonEmpty(
      d.signatories?.map((s): SignatoryDoc => compact({ id: s.id, partner: s.partner, name: s.name, role: text(s.role) })),
    ),
    copils: nonEmpty(d.copils?.map((k): CopilDoc => compact({ id: k.id, date: k.date, title: k.title, note: text(k.note) }))),
    protocole: canonicalProtocole(d.protocole),
  });
}

function canonicalProtocole(pr: ParsedDocument['protocole']): ProtocoleDoc | undefined {
  if (!pr) return undefined;
  const out: ProtocoleDoc = compact({
    type: pr.type,
    avenantNumber: pr.avenantNumber,
    place: text(pr.place),
    preamble: text(pr.preamble),
    governance: text(pr.governance),
    visas: nonEmpty(pr.visas ? [...pr.visas] : undefined),
    considerants: nonEmpty(pr.considerants ? [...pr.considerants] : undefined),
    articles: nonEmpty(pr.articles?.map((a) => ({ slot: a.slot, title: a.title, text: a.text }))),
    nonSigning: nonEmpty(pr.nonSigning ? [...pr.nonSigning] : undefined),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}
