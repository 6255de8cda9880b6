// Every edit of partners, signatories and commitments: each user action is ONE journaled step (store.edit), checked
// before anything is written, refused with a French sentence that names what is wrong.
import { TrameError } from '../../api/result';
import type { Input } from '../../api/contract';
import type { EditOutcome } from '../../api/types';
import { COMMITMENT_STATUS_LABELS } from '../../domain/partners';
import type { CommitmentStatus } from '../../domain/format-types';
import { kysely } from '../../../db/query';
import type { Doc } from '../../session';
import { removeNode } from '../tree';


function quote(t: string): string {
  return t.length > 40 ? `« ${t.slice(0, 39)}… »` : `« ${t} »`;
}
const clean = (s: string | null | undefined): string | null => (s == null || s.trim() === '' ? null : s.trim());

function partnerOf(store: Doc, id: string) {
  const p = store.run.first(kysely.selectFrom('partner').selectAll().where('id', '=', id));
  if (!p) throw new TrameError('introuvable', "Ce partenaire n'existe pas dans le contrat (il a peut-être été supprimé) : choisissez-en un dans la liste.");
  return p;
}
function commitmentOf(store: Doc, id: string) {
  const c = store.run.first(kysely.selectFrom('commitment').selectAll().where('id', '=', id));
  if (!c) throw new TrameError('introuvable', "Cet engagement n'existe plus dans le contrat (il a peut-être été supprimé).");
  return c;
}
function nextPosition(store: Doc, table: 'partner' | 'commitment' | 'signatory'): number {
  const r = store.run.stmt(`SELECT coalesce(max(position), -1) + 1 AS p FROM ${table}`).get() as { p: number };
  return r.p;
}

/** Items a commitment serves: objectifs or actions that exist, each once. */
function checkNodes(store: Doc, ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new TrameError('entree-invalide', 'Un même élément est cité deux fois parmi les éléments servis.');
    seen.add(id);
    const n = store.run.first(kysely.selectFrom('node').select(['kind', 'title']).where('id', '=', id));
    if (!n) throw new TrameError('introuvable', "Un élément servi par l'engagement n'existe pas dans l'arbre (il a peut-être été supprimé).");
    if (n.kind !== 'objectif' && n.kind !== 'action') {
      throw new TrameError('entree-invalide', `${quote(n.title)} est un ${n.kind} : un engagement sert des objectifs ou des actions.`);
    }
  }
}
function checkIndicator(store: Doc, id: string | null | undefined): void {
  if (!id) return;
  const n = store.run.first(kysely.selectFrom('node').select(['kind', 'title']).where('id', '=', id));
  if (!n) throw new TrameError('introuvable', "L'indicateur choisi n'existe pas dans l'arbre (il a peut-être été supprimé).");
  if (n.kind !== 'indicateur') throw new TrameError('entree-invalide', `${quote(n.title)} n'est pas un indicateur de suivi.`);
}

type Contact = NonNullable<Input<'partners.add'>['contact']>;
function writeContact(store: Doc, partnerId: string, contact: Contact | null): void {
  const row = { name: clean(contact?.name), email: clean(contact?.email), phone: clean(contact?.phone) };
  if (row.name === null && row.email === null && row.phone === null) {
    store.run.run(kysely.deleteFrom('partner_contact').where('partner_id', '=', partnerId));
    return;
  }
  store.run.run(
    kysely.insertInto('partner_contact').values({ partner_id: partnerId, ...row }).onConflict((oc) => oc.column('partner_id').doUpdateSet(row)),
  );
}

type Funding = NonNullable<Input<'commitments.add'>['funding']>;
function writeFunding(store: Doc, commitmentId: string, f: Funding | null): void {
  if (!f || (f.amount === null && f.nature === null)) {
    store.run.run(kysely.deleteFrom('commitment_funding').where('commitment_id', '=', commitmentId));
    return;
  }
  const row = { amount: f.amount, nature: f.nature };
  store.run.run(
    kysely.insertInto('commitment_funding').values({ commitment_id: commitmentId, ...row }).onConflict((oc) => oc.column('commitment_id').doUpdateSet(row)),
  );
}

function writeLinks(store: Doc, commitmentId: string, nodeIds: readonly string[]): void {
  store.run.run(kysely.deleteFrom('commitment_node').where('commitment_id', '=', commitmentId));
  nodeIds.forEach((node_id, position) => store.run.run(kysely.insertInto('commitment_node').values({ commitment_id: commitmentId, node_id, position })));
}

function appendHistory(store: Doc, commitmentId: string, status: CommitmentStatus, note: string | null): void {
  const r = store.run.stmt('SELECT coalesce(max(position), -1) + 1 AS p FROM commitment_history WHERE commitment_id = ?').get(commitmentId) as { p: number };
  store.run.run(
    kysely.insertInto('commitment_history').values({
      id: store.newId(), commitment_id: commitmentId, position: r.p, status, at: store.now(), author: store.author, author_id: store.authorId, note,
    }),
  );
}

// ---------- partners ----------

export function addPartner(store: Doc, input: Omit<Input<'partners.add'>, 'docId'>): EditOutcome {
  const name = input.name.trim();
  return store.edit(`Ajouter le partenaire ${quote(name)}`, () => {
    const id = store.newId();
    store.run.run(kysely.insertInto('partner').values({ id, position: nextPosition(store, 'partner'), name, type: input.type ?? null }));
    if (input.contact) writeContact(store, id, input.contact);
    return { undo: null, redo: id };
  });
}

export function addPartners(store: Doc, list: Input<'partners.addMany'>['partners']): EditOutcome {
  const label = list.length === 1 ? `Ajouter le partenaire ${quote(list[0].name.trim())}` : `Ajouter ${list.length} partenaires`;
  return store.edit(label, () => {
    let pos = nextPosition(store, 'partner');
    let last: string | null = null;
    for (const p of list) {
      last = store.newId();
      store.run.run(kysely.insertInto('partner').values({ id: last, position: pos++, name: p.name.trim(), type: p.type }));
    }
    return { undo: null, redo: last };
  });
}

export function updatePartner(store: Doc, id: string, patch: Input<'partners.update'>['patch']): EditOutcome {
  const p = partnerOf(store, id);
  return store.edit(`Modifier le partenaire ${quote(p.name)}`, () => {
    const set: { name?: string; type?: string | null } = {};
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.type !== undefined) set.type = patch.type;
    if (Object.keys(set).length) store.run.run(kysely.updateTable('partner').set(set).where('id', '=', id));
    if (patch.contact !== undefined) writeContact(store, id, patch.contact);
    return { undo: id, redo: id };
  });
}

export function removePartner(store: Doc, input: Omit<Input<'partners.remove'>, 'docId'>): EditOutcome {
  const p = partnerOf(store, input.id);
  const own = store.run.all(kysely.selectFrom('commitment').select(['id', 'text']).where('partner_id', '=', p.id).orderBy('position'));
  const choice = input.commitments ?? 'refuser';
  if (own.length && choice === 'refuser') {
    throw new TrameError(
      'entree-invalide',
      `Impossible de supprimer ${quote(p.name)} : ${own.length === 1 ? "un engagement s'y rattache" : `${own.length} engagements s'y rattachent`}. ` +
        'Choisissez de les supprimer avec lui ou de les attribuer à un autre partenaire.',
      own.slice(0, 50).map((c) => c.text),
    );
  }
  if (choice === 'reattribuer' && own.length) {
    if (!input.reassignTo || input.reassignTo === p.id) {
      throw new TrameError('entree-invalide', 'Choisissez le partenaire à qui attribuer ses engagements.');
    }
    partnerOf(store, input.reassignTo);
  }
  return store.edit(`Supprimer le partenaire ${quote(p.name)}`, () => {
    if (choice === 'reattribuer') {
      store.run.run(kysely.updateTable('commitment').set({ partner_id: input.reassignTo! }).where('partner_id', '=', p.id));
    } else {
      for (const c of own) deleteCommitmentRows(store, c.id);
    }
    store.run.run(kysely.deleteFrom('signatory').where('partner_id', '=', p.id));
    store.run.run(kysely.deleteFrom('partner_contact').where('partner_id', '=', p.id));
    store.run.run(kysely.deleteFrom('partner').where('id', '=', p.id));
    return { undo: p.id, redo: null };
  });
}

// ---------- signatories ----------

export function addSignatory(store: Doc, input: Omit<Input<'signatories.add'>, 'docId'>): EditOutcome {
  const p = partnerOf(store, input.partnerId);
  const name = input.name.trim();
  return store.edit(`Ajouter le signataire ${quote(name)} (${p.name})`, () => {
    const id = store.newId();
    store.run.run(kysely.insertInto('signatory').values({ id, position: nextPosition(store, 'signatory'), partner_id: p.id, name, role: clean(input.role) }));
    return { undo: p.id, redo: id };
  });
}

export function updateSignatory(store: Doc, id: string, patch: Input<'signatories.update'>['patch']): EditOutcome {
  const s = store.run.first(kysely.selectFrom('signatory').selectAll().where('id', '=', id));
  if (!s) throw new TrameError('introuvable', "Ce signataire n'existe plus dans le contrat.");
  return store.edit(`Modifier le signataire ${quote(s.name)}`, () => {
    const set: { name?: string; role?: string | null } = {};
    if (patch.name !== undefined) set.name = patch.name.trim();
    if (patch.role !== undefined) set.role = clean(patch.role);
    if (Object.keys(set).length) store.run.run(kysely.updateTable('signatory').set(set).where('id', '=', id));
    return { undo: id, redo: id };
  });
}

export function removeSignatory(store: Doc, id: string): EditOutcome {
  const s = store.run.first(kysely.selectFrom('signatory').selectAll().where('id', '=', id));
  if (!s) throw new TrameError('introuvable', "Ce signataire n'existe plus dans le contrat.");
  return store.edit(`Retirer le signataire ${quote(s.name)}`, () => {
    store.run.run(kysely.deleteFrom('signatory').where('id', '=', id));
    return { undo: s.partner_id, redo: s.partner_id };
  });
}

// ---------- commitments ----------

export function addCommitment(store: Doc, input: Omit<Input<'commitments.add'>, 'docId'>): EditOutcome {
  partnerOf(store, input.partnerId);
  checkNodes(store, input.nodeIds);
  checkIndicator(store, input.indicatorId);
  const text = input.text.trim();
  const status = input.status ?? 'propose';
  return store.edit(`Ajouter l'engagement ${quote(text)}`, () => {
    const id = store.newId();
    store.run.run(
      kysely.insertInto('commitment').values({
        id, position: nextPosition(store, 'commitment'), partner_id: input.partnerId, text,
        target_value: input.target?.value ?? null, target_unit: clean(input.target?.unit), indicator_id: input.indicatorId ?? null,
        due: input.due ?? null, status,
      }),
    );
    writeLinks(store, id, input.nodeIds);
    if (input.funding) writeFunding(store, id, input.funding);
    appendHistory(store, id, status, clean(input.note));
    return { undo: null, redo: id };
  });
}

export function updateCommitment(store: Doc, id: string, patch: Input<'commitments.update'>['patch']): EditOutcome {
  const c = commitmentOf(store, id);
  if (patch.partnerId !== undefined) partnerOf(store, patch.partnerId);
  if (patch.nodeIds !== undefined) checkNodes(store, patch.nodeIds);
  checkIndicator(store, patch.indicatorId);
  return store.edit(`Modifier l'engagement ${quote(c.text)}`, () => {
    const set: Record<string, unknown> = {};
    if (patch.partnerId !== undefined) set.partner_id = patch.partnerId;
    if (patch.text !== undefined) set.text = patch.text.trim();
    if (patch.target !== undefined) {
      set.target_value = patch.target?.value ?? null;
      set.target_unit = clean(patch.target?.unit);
    }
    if (patch.indicatorId !== undefined) set.indicator_id = patch.indicatorId;
    if (patch.due !== undefined) set.due = patch.due;
    if (Object.keys(set).length) store.run.run(kysely.updateTable('commitment').set(set).where('id', '=', id));
    if (patch.nodeIds !== undefined) writeLinks(store, id, patch.nodeIds);
    if (patch.funding !== undefined) writeFunding(store, id, patch.funding);
    return { undo: id, redo: id };
  });
}

export function setStatus(store: Doc, id: string, status: CommitmentStatus, note: string | null | undefined): EditOutcome {
  const c = commitmentOf(store, id);
  return store.edit(`Engagement ${quote(c.text)} : ${COMMITMENT_STATUS_LABELS[status].toLowerCase()}`, () => {
    store.run.run(kysely.updateTable('commitment').set({ status }).where('id', '=', id));
    appendHistory(store, id, status, clean(note));
    return { undo: id, redo: id };
  });
}

export function detach(store: Doc, id: string, nodeId: string): EditOutcome {
  const c = commitmentOf(store, id);
  const link = store.run.first(kysely.selectFrom('commitment_node').selectAll().where('commitment_id', '=', id).where('node_id', '=', nodeId));
  const measures = c.indicator_id === nodeId;
  if (!link && !measures) throw new TrameError('introuvable', `L'engagement ${quote(c.text)} n'est pas rattaché à cet élément.`);
  const title = store.run.first(kysely.selectFrom('node').select('title').where('id', '=', nodeId))?.title ?? '';
  return store.edit(`Détacher l'engagement ${quote(c.text)} de ${quote(title)}`, () => {
    if (link) {
      store.run.run(kysely.deleteFrom('commitment_node').where('commitment_id', '=', id).where('node_id', '=', nodeId));
      const rest = store.run.all(kysely.selectFrom('commitment_node').selectAll().where('commitment_id', '=', id).orderBy('position'));
      rest.forEach((r, i) => {
        if (r.position !== i) store.run.run(kysely.updateTable('commitment_node').set({ position: i }).where('commitment_id', '=', id).where('node_id', '=', r.node_id));
      });
    }
    if (measures) store.run.run(kysely.updateTable('commitment').set({ indicator_id: null }).where('id', '=', id));
    return { undo: nodeId, redo: nodeId };
  });
}

function deleteCommitmentRows(store: Doc, id: string): void {
  store.run.run(kysely.deleteFrom('commitment_history').where('commitment_id', '=', id));
  store.run.run(kysely.deleteFrom('commitment_funding').where('commitment_id', '=', id));
  store.run.run(kysely.deleteFrom('commitment_node').where('commitment_id', '=', id));
  store.run.run(kysely.deleteFrom('commitment').where('id', '=', id));
}

export function removeCommitment(store: Doc, id: string): EditOutcome {
  const c = commitmentOf(store, id);
  return store.edit(`Supprimer l'engagement ${quote(c.text)}`, () => {
    deleteCommitmentRows(store, id);
    return { undo: id, redo: null };
  });
}

/** The tree's delete, with the commitments that serve or measure the subtree detached in the same step. */
export function removeNodeDetaching(store: Doc, nodeId: string): EditOutcome {
  return removeNode(store, nodeId, { detachCommitments: true });
}
