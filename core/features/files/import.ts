// Importing an interchange document: a new .trame file filled from a validated document (ids kept; UUIDs where
// none were given), created atomically (never a partial file, never over an existing one).
import { randomUUID } from 'node:crypto';
import type { IndicatorDoc, TrameDocument, TreeNodeDoc } from '../../domain/format-types';
import { createFile } from '../../../db/create-file';
import { kysely } from '../../../db/query';
import { countNodes } from '../../format/schema';
import { keyOfPosition } from '../../domain/order-keys';
import { writeContrat } from '../contrat';

/** Reports how many items of the tree are written, out of how many; may throw to stop (the file is then not created). */
export type ImportProgress = (done: number, total: number) => void;

/**
 * Fills a new file from a validated interchange document: every id kept (the document's own, the items',
 * the measurements', the signatories'), a UUID drawn where none was given.
 */
export function createFromDocument(file: string, doc: TrameDocument, progress?: ImportProgress): void {
  const total = countNodes(doc.tree);
  let done = 0;
  createFile(file, (run) => {
    writeContrat(run, {
      name: doc.contrat.name,
      epci: doc.contrat.epci,
      period: doc.contrat.period ?? { start: 2024, end: 2030 },
      qpv: (doc.contrat.qpv ?? []).map((q) => ({ code: q.code, name: q.name, commune: q.commune })),
    });
    const insNode = run.stmt(
      'INSERT INTO node (id, parent_id, kind, order_key, title, description, tag, tag_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insInd = run.stmt(
      `INSERT INTO indicator (node_id, unit, direction, baseline_value, baseline_date, target_value, target_date,
        reference_label, reference_value, reference_date, source, kind, frequency, provider_id, library_ref)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insMeas = run.stmt('INSERT INTO measurement (id, node_id, position, date, value, scope, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    // Partners first: an indicator names its data provider (foreign key).
    (doc.partners ?? []).forEach((p, i) => {
      const id = p.id ?? randomUUID();
      run.run(kysely.insertInto('partner').values({ id, position: i, name: p.name, type: p.type ?? null }));
      if (p.contact) {
        run.run(kysely.insertInto('partner_contact').values({ partner_id: id, name: p.contact.name ?? null, email: p.contact.email ?? null, phone: p.contact.phone ?? null }));
      }
    });
    const insQpv = run.stmt('INSERT INTO indicator_qpv (node_id, qpv_code, position) VALUES (?, ?, ?)');
    const stack: { n: TreeNodeDoc; parent: string | null; pos: number }[] = doc.tree.map((n, i) => ({ n, parent: null, pos: i })).reverse();
    while (stack.length) {
      const { n, parent, pos } = stack.pop()!;
      const id = n.id ?? randomUUID();
      insNode.run(id, parent, n.kind, keyOfPosition(pos), n.title, n.description ?? null, n.tag ?? null, n.tagNote ?? null);
      if (progress && ++done % 500 === 0) progress(done, total);
      if (n.kind === 'indicateur') {
        const i: IndicatorDoc = n.indicator ?? {};
        insInd.run(
          id, i.unit ?? null, i.direction ?? null, i.baseline?.value ?? null, i.baseline?.date ?? null,
          i.target?.value ?? null, i.target?.date ?? null, i.reference?.label ?? null, i.reference?.value ?? null,
          i.reference?.date ?? null, i.source ?? null, i.kind ?? null, i.frequency ?? null, i.provider ?? null, i.libraryRef ?? null,
        );
        (i.measurements ?? []).forEach((m, k) => insMeas.run(m.id ?? randomUUID(), id, k, m.date, m.value, m.scope ?? 'qpv', m.source ?? null, m.note ?? null));
        (i.qpv ?? []).forEach((code, k) => insQpv.run(id, code, k));
      }
      const kids = n.children ?? [];
      for (let k = kids.length - 1; k >= 0; k--) stack.push({ n: kids[k], parent: id, pos: k });
    }
    (doc.commitments ?? []).forEach((c, i) => {
      const id = c.id ?? randomUUID();
      run.run(
        kysely.insertInto('commitment').values({
          id, position: i, partner_id: c.partner, text: c.text, target_value: c.target?.value ?? null,
          target_unit: c.target?.unit ?? null, indicator_id: c.indicator ?? null, due: c.due ?? null, status: c.status ?? null,
        }),
      );
      if (c.funding) {
        run.run(kysely.insertInto('commitment_funding').values({ commitment_id: id, amount: c.funding.amount ?? null, nature: c.funding.nature ?? null }));
      }
      (c.history ?? []).forEach((h, k) =>
        run.run(
          kysely.insertInto('commitment_history').values({
            id: randomUUID(), commitment_id: id, position: k, status: h.status, at: h.at, author: h.by ?? '', author_id: null, note: h.note ?? null,
          }),
        ),
      );
      (c.nodes ?? []).forEach((nid, k) =>
        run.run(kysely.insertInto('commitment_node').values({ commitment_id: id, node_id: nid, position: k })),
      );
    });
    (doc.signatories ?? []).forEach((s, i) =>
      run.run(kysely.insertInto('signatory').values({ id: s.id ?? randomUUID(), position: i, partner_id: s.partner, name: s.name, role: s.role ?? null })),
    );
    (doc.copils ?? []).forEach((k) =>
      run.run(kysely.insertInto('copil').values({ id: k.id ?? randomUUID(), date: k.date, title: k.title, note: k.note ?? null })),
    );
    const pr = doc.protocole;
    if (pr) {
      run.run(
        kysely.updateTable('protocole').set({
          doc_type: pr.type ?? null, avenant_number: pr.avenantNumber ?? null, place: pr.place ?? '', preamble: pr.preamble ?? '',
          governance: pr.governance ?? '', visas: pr.visas ? JSON.stringify(pr.visas) : null,
          considerants: pr.considerants ? JSON.stringify(pr.considerants) : null, articles: pr.articles ? JSON.stringify(pr.articles) : null,
          non_signing: JSON.stringify(pr.nonSigning ?? []),
        }).where('id', '=', 1),
      );
    }
  }, { documentId: doc.id });
  progress?.(total, total);
}
