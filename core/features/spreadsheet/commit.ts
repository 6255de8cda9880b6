// Adding a plan d'actions to the open contrat: every item, partner and commitment in ONE journal group (one undo),
// through the one edit door; all or nothing. New items go after the contrat's own; partners already in the contrat
// were matched by name when the plan was made (never duplicated).
import { TrameError } from '../../api/result';
import type { TreeNodeDoc } from '../../domain/format-types';
import { nounFor } from '../../domain/plural';
import { firstKeys, keysAfter } from '../../domain/order-keys';
import type { Doc } from '../../session';
import { kysely } from '../../../db/query';
import type { SheetImportResult } from './contract';
import type { Kept } from './work';

const nextPosition = (doc: Doc, sql: string): number => ((doc.run.stmt(sql).get() as { p: number | null }).p ?? -1) + 1;

export function commitIntoOpen(doc: Doc, kept: Kept): SheetImportResult {
  if (kept.target !== 'open' || !kept.plan) throw new TrameError('entree-invalide', "Cet aperçu prépare un nouveau contrat, pas un ajout au contrat ouvert : relancez l'import.");
  if (kept.errorCount > 0) {
    throw new TrameError('entree-invalide', `Import refusé : ${kept.errorCount} ${nounFor(kept.errorCount, 'erreur')} dans « ${kept.fileName} ». Corrigez le tableur puis recommencez ; rien n'a été ajouté.`);
  }
  const { tree, partners, commitments } = kept.plan;
  if (tree.length === 0) throw new TrameError('entree-invalide', `Aucun élément à importer dans « ${kept.fileName} ».`);
  const existing = new Set((doc.run.stmt('SELECT id FROM partner').all() as { id: string }[]).map((r) => r.id));
  for (const p of partners) {
    if (p.existing && !existing.has(p.id)) throw new TrameError('introuvable', `Le partenaire « ${p.name} » n'est plus dans le contrat : relancez l'import.`);
  }
  let nodes = 0;
  const label = `Importer le tableur « ${kept.fileName} »`;
  const outcome = doc.edit(label, () => {
    const ids = new Map<string, string>();
    const insNode = doc.run.stmt('INSERT INTO node (id, parent_id, kind, order_key, title, description, tag, tag_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const insInd = doc.run.stmt('INSERT INTO indicator (node_id, unit, target_value, baseline_value) VALUES (?, ?, ?, ?)');
    // The new enjeux come after the contrat's last one; each new item's children get keys of their own (order-keys).
    const lastRoot = (doc.run.stmt('SELECT max(order_key) AS k FROM node WHERE parent_id IS NULL').get() as { k: string | null }).k;
    const walk = (list: TreeNodeDoc[], parent: string | null) => {
      const keys = parent === null ? keysAfter(lastRoot, list.length) : firstKeys(list.length);
      list.forEach((n, i) => {
        const id = doc.newId();
        ids.set(n.id!, id);
        insNode.run(id, parent, n.kind, keys[i], n.title, n.description ?? null, n.tag ?? null, n.tagNote ?? null);
        nodes++;
        if (n.kind === 'indicateur') insInd.run(id, n.indicator?.unit ?? null, n.indicator?.target?.value ?? null, n.indicator?.baseline?.value ?? null);
        walk(n.children ?? [], id);
      });
    };
    walk(tree, null);
    let pp = nextPosition(doc, 'SELECT max(position) AS p FROM partner');
    for (const p of partners) {
      if (p.existing) {
        ids.set(p.id, p.id);
        continue;
      }
      const id = doc.newId();
      ids.set(p.id, id);
      doc.run.run(kysely.insertInto('partner').values({ id, position: pp++, name: p.name, type: null }));
    }
    let cp = nextPosition(doc, 'SELECT max(position) AS p FROM commitment');
    for (const c of commitments) {
      const id = doc.newId();
      doc.run.run(
        kysely.insertInto('commitment').values({
          id, position: cp++, partner_id: ids.get(c.partner)!, text: c.text, target_value: null, target_unit: null, indicator_id: null, due: c.due ?? null, status: c.status ?? null,
        }),
      );
      if (c.funding) doc.run.run(kysely.insertInto('commitment_funding').values({ commitment_id: id, amount: c.funding.amount ?? null, nature: c.funding.nature ?? null }));
      (c.nodes ?? []).forEach((n, k) => doc.run.run(kysely.insertInto('commitment_node').values({ commitment_id: id, node_id: ids.get(n)!, position: k })));
    }
    const first = ids.get(tree[0].id!)!;
    return { undo: null, redo: first };
  });
  return { outcome, nodes, partners: partners.filter((p) => !p.existing).length, commitments: commitments.length };
}
