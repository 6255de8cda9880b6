// The workshop feature on real .trame files through the real handlers: change events after edits, undo and redo
// (also seen by another page over the HTTP harness's stream), the minutes built from a scripted session, the
// contrat's identity edited and undone, and migration 5 on a file of schema 4.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ApiEvent, DocChange, DocInfo, TreeNode } from '../../../core/api/contract';
import { startServer } from '../../../core/server/http';
import { migrate } from '../../../db/migrations';
import { Store } from '../../../db/store';
import { harness } from '../../helpers/handlers';
import { waitFor } from '../../helpers/wait';

async function demo(h: ReturnType<typeof harness>, name = 'atelier.trame'): Promise<{ doc: DocInfo; nodes: TreeNode[] }> {
  const doc = await h.must('contrat.createDemo', { path: path.join(h.dir, name) });
  const { nodes } = await h.must('tree.get', { docId: doc.docId });
  return { doc, nodes };
}

function changes(h: ReturnType<typeof harness>): DocChange[] {
  const seen: DocChange[] = [];
  h.set.onEvent((e: ApiEvent) => {
    if (e.kind === 'doc-changed') seen.push(e.change);
  });
  return seen;
}

describe('change events', () => {
  it('are pushed after every committed edit, undo and redo, with the group, its label and the items touched', async () => {
    const h = harness();
    const { doc, nodes } = await demo(h);
    const seen = changes(h);
    const action = nodes.find((n) => n.kind === 'action')!;
    await h.must('tree.update', { docId: doc.docId, id: action.id, patch: { tag: 'garder', tagNote: 'Ça marche' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ docId: doc.docId, revision: 1, action: 'edit', itemIds: [action.id], contrat: false });
    expect(seen[0].label).toMatch(/Insertion|Marquer|garder/i);
    const group = seen[0].groupId;
    await h.must('journal.undo', { docId: doc.docId });
    await h.must('journal.redo', { docId: doc.docId });
    expect(seen.map((c) => [c.action, c.revision, c.groupId, c.itemIds])).toEqual([
      ['edit', 1, group, [action.id]],
      ['undo', 2, group, [action.id]],
      ['redo', 3, group, [action.id]],
    ]);
    // An edit that changes nothing makes no journal group and no event.
    await h.must('contrat.update', { docId: doc.docId, contrat: {} });
    expect(seen).toHaveLength(3);
    // A refused edit neither.
    expect((await h.call('tree.update', { docId: doc.docId, id: 'inconnu', patch: { tag: 'jeter' } })).ok).toBe(false);
    expect(seen).toHaveLength(3);
    // The contrat's own fields say so.
    await h.must('contrat.update', { docId: doc.docId, contrat: { epci: 'Autre EPCI' } });
    expect(seen[3]).toMatchObject({ action: 'edit', contrat: true, itemIds: [], revision: 4 });
  });

  it('reach another page through the HTTP harness’s event stream when one page edits', async () => {
    const h = harness();
    const { doc, nodes } = await demo(h);
    const server = await startServer({ handlers: h.set.handlers, staticDir: h.dir, onEvent: h.set.onEvent });
    const ctl = new AbortController();
    try {
      const res = await fetch(`${server.url}api/events`, { headers: { 'X-Trame-Secret': server.secret }, signal: ctl.signal });
      expect(res.status).toBe(200);
      const got: ApiEvent[] = [];
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      void (async () => {
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) return;
          buf += value;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const line = buf.slice(0, i).split('\n').find((l) => l.startsWith('data:'));
            buf = buf.slice(i + 2);
            if (line) got.push(JSON.parse(line.slice(5)) as ApiEvent);
          }
        }
      })();
      const post = (channel: string, body: unknown) =>
        fetch(`${server.url}api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Trame-Secret': server.secret, 'X-Trame-Page': 'page-animatrice' },
          body: JSON.stringify(body),
        });
      const item = nodes[0];
      expect((await post('tree.update', { docId: doc.docId, id: item.id, patch: { title: 'Renommé ailleurs' } })).status).toBe(200);
      await waitFor('l’événement de modification', () => got.some((e) => e.kind === 'doc-changed'));
      expect(got.find((e) => e.kind === 'doc-changed')).toMatchObject({ kind: 'doc-changed', change: { docId: doc.docId, itemIds: [item.id], action: 'edit', origin: 'page-animatrice' } });
      await post('journal.undo', { docId: doc.docId });
      await waitFor('l’événement d’annulation', () => got.some((e) => e.kind === 'doc-changed' && e.change.action === 'undo'));
    } finally {
      ctl.abort();
      await server.close();
    }
  });
});

describe('the workshop and its minutes', () => {
  it('records who is in the room, follows the item shown, and builds the minutes from the journal', async () => {
    const h = harness();
    await h.must('settings.setUserName', { name: 'Camille Animatrice' });
    const { doc, nodes } = await demo(h);
    const docId = doc.docId;
    const live: ApiEvent[] = [];
    h.set.onEvent((e) => {
      if (e.kind === 'workshop') live.push(e);
    });
    const state0 = await h.must('workshop.state', { docId });
    expect(state0.active).toBeNull();
    expect(state0.partners.length).toBeGreaterThan(1);
    const partner = state0.partners[0];

    // Before the workshop: a change that must not be in the minutes.
    const enjeux = nodes.filter((n) => n.kind === 'enjeu');
    const actions = nodes.filter((n) => n.kind === 'action');
    await h.must('tree.update', { docId, id: actions[3].id, patch: { tag: 'jeter' } });

    const refused = await h.call('workshop.start', { docId, title: '  ', attendees: [] });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/titre/);
    const started = await h.must('workshop.start', {
      docId, title: 'Atelier emploi du 27 novembre',
      attendees: [{ partnerId: partner.id }, { name: 'Mme Durand (habitante)' }, { name: 'mme durand (habitante)' }],
    });
    expect(started.active?.attendees).toEqual([{ name: partner.name, partnerId: partner.id }, { name: 'Mme Durand (habitante)', partnerId: null }]);
    expect((await h.call('workshop.start', { docId, title: 'Deuxième', attendees: [] })).ok).toBe(false);

    // The room follows the item shown and its timer.
    const shown = await h.must('workshop.show', { docId, itemId: actions[0].id, review: { label: 'Non décidés', position: 1, total: 5 } });
    expect(shown).toMatchObject({ currentId: actions[0].id, review: { position: 1, total: 5 }, timer: null });
    const timed = await h.must('workshop.timer', { docId, timer: { action: 'start', seconds: 120 } });
    expect(timed.timer).toMatchObject({ seconds: 120, remaining: 120 });
    expect(timed.timer!.endsAt).toBeGreaterThan(Date.now());
    expect((await h.must('workshop.timer', { docId, timer: { action: 'pause' } })).timer!.endsAt).toBeNull();
    expect(live.at(-1)).toMatchObject({ kind: 'workshop', workshop: { currentId: actions[0].id, timer: { endsAt: null } } });
    const item = await h.must('workshop.item', { docId, itemId: actions[0].id });
    expect(item?.parents.map((p) => p.kind)).toEqual(['enjeu', 'objectif']);

    // The scripted session: decisions with reasons, an item added then named, one removed, one moved, one renamed,
    // and a decision undone (not in the minutes).
    await h.must('tree.update', { docId, id: actions[0].id, patch: { tag: 'garder', tagNote: 'Résultats solides' } });
    // The room's view is pushed with the item's new tag and reason (the audience page makes no call).
    expect(live.at(-1)).toMatchObject({ kind: 'workshop', workshop: { currentId: actions[0].id, item: { id: actions[0].id, tag: 'garder', reason: 'Résultats solides' } } });
    const pushed = live.length;
    await h.must('tree.update', { docId, id: actions[1].id, patch: { title: actions[1].title + ' ' } });
    expect(live).toHaveLength(pushed); // a change elsewhere in the tree pushes nothing to the room
    await h.must('tree.update', { docId, id: actions[1].id, patch: { tag: 'repenser' } });
    await h.must('tree.update', { docId, id: actions[1].id, patch: { tagNote: 'Trop peu de places' } });
    await h.must('tree.update', { docId, id: actions[2].id, patch: { tag: 'jeter', tagNote: 'Annulé ensuite' } });
    await h.must('journal.undo', { docId });
    const objectif = nodes.find((n) => n.kind === 'objectif')!;
    const addedOut = await h.must('tree.add', { docId, parentId: objectif.id, title: 'Nouvel élément' });
    await h.must('tree.update', { docId, id: addedOut.focusId!, patch: { title: 'Auto-école sociale', tag: 'ajouter', tagNote: 'Demande des habitants' } });
    const removedItem = actions[4];
    await h.must('tree.remove', { docId, id: removedItem.id });
    const secondObjectif = nodes.filter((n) => n.kind === 'objectif')[1];
    await h.must('tree.move', { docId, id: actions[5].id, parentId: secondObjectif.id, index: 0 });
    await h.must('tree.update', { docId, id: enjeux[0].id, patch: { title: 'Lever les freins à l’emploi' } });

    const { minutes, text } = await h.must('workshop.end', { docId });
    expect(live.at(-1)).toMatchObject({ kind: 'workshop', workshop: { ended: true } });
    expect(minutes.title).toBe('Atelier emploi du 27 novembre');
    expect(minutes.startedBy).toBe('Camille Animatrice');
    expect(minutes.attendees.map((a) => a.name)).toEqual([partner.name, 'Mme Durand (habitante)']);
    expect(minutes.decisions.map((d) => [d.title, d.tag, d.reason, d.author])).toEqual([
      [actions[0].title, 'garder', 'Résultats solides', 'Camille Animatrice'],
      [actions[1].title, 'repenser', 'Trop peu de places', 'Camille Animatrice'],
      ['Auto-école sociale', 'ajouter', 'Demande des habitants', 'Camille Animatrice'],
    ]);
    const parentOf = (id: string | null) => nodes.find((n) => n.id === id)!;
    expect(minutes.decisions[0].path.at(-1)).toBe(parentOf(actions[0].parentId).title);
    expect(minutes.decisions[0].path).toHaveLength(2);
    expect(minutes.added.map((a) => [a.title, a.kind, a.path.at(-1)])).toEqual([['Auto-école sociale', 'action', objectif.title]]);
    expect(minutes.removed.map((r) => r.title)).toEqual([removedItem.title]);
    expect(minutes.moved.map((m) => [m.title, m.from, m.to])).toEqual([[actions[5].title, nodes.find((n) => n.id === actions[5].parentId)!.title, secondObjectif.title]]);
    expect(minutes.renamed.map((r) => [r.from, r.to])).toEqual([[enjeux[0].title, 'Lever les freins à l’emploi']]);
    expect(minutes.decisions.some((d) => d.itemId === actions[3].id || d.itemId === actions[2].id)).toBe(false);
    expect(text).toContain('Relevé de l’atelier « Atelier emploi du 27 novembre »');
    expect(text).toContain(`À garder : Action « ${actions[0].title} »`);
    expect(text).toContain('raison : Résultats solides');
    expect(text).toContain('Mme Durand (habitante)');

    // Kept in the file: read back after closing and reopening.
    const state1 = await h.must('workshop.state', { docId });
    expect(state1.active).toBeNull();
    expect(state1.past.map((w) => w.id)).toEqual([minutes.workshopId]);
    await h.must('doc.close', { docId });
    await h.set.settle();
    const again = await h.must('doc.open', { path: doc.path });
    const read = await h.must('workshop.minutes', { docId: again.docId, workshopId: minutes.workshopId });
    expect(read.minutes).toEqual(minutes);
    expect(read.text).toBe(text);
    const noEnd = await h.call('workshop.end', { docId: again.docId });
    expect(noEnd.ok === false && noEnd.error.message).toMatch(/Aucun atelier n’est en cours/);
  });
});

describe('the contrat’s identity', () => {
  it('name, EPCI, period and QPV list are changed in one undoable step, and refused in French when wrong', async () => {
    const h = harness();
    const { doc } = await demo(h);
    const docId = doc.docId;
    const before = doc.contrat;
    const after = await h.must('contrat.update', {
      docId,
      contrat: { name: 'Contrat de ville 2024-2030', epci: 'Grand Exemple', period: { start: 2025, end: 2031 }, qpv: [{ code: 'QN05901M', name: 'Les Hauts', commune: 'Exempleville' }] },
    });
    expect(after.contrat).toMatchObject({ name: 'Contrat de ville 2024-2030', epci: 'Grand Exemple', period: { start: 2025, end: 2031 }, qpv: [{ code: 'QN05901M', name: 'Les Hauts', commune: 'Exempleville' }] });
    const hist = await h.must('journal.state', { docId });
    expect(hist.undoLabel).toBe('Modifier le contrat');
    await h.must('journal.undo', { docId });
    expect((await h.must('doc.info', { docId })).contrat).toEqual(before);
    const bad = await h.call('contrat.update', { docId, contrat: { name: 'x'.repeat(301) } });
    expect(bad.ok).toBe(false);
    expect((await h.must('doc.info', { docId })).contrat).toEqual(before);
  });
});

describe('migration 005', () => {
  it('brings a schema-4 file to the workshop tables, every row kept, and a workshop can be held in it', () => {
    const h = harness();
    const file = path.join(h.dir, 'v4.trame');
    const db = new Database(file);
    migrate(db, 4);
    db.exec(`
      INSERT INTO contrat VALUES (1, 'Contrat', 'EPCI', 'emploi', 2024, 2030, '2025-01-02T03:04:05.006Z');
      INSERT INTO node VALUES ('e1', NULL, 'enjeu', 0, 'Enjeu', NULL, NULL, NULL);
      INSERT INTO partner VALUES ('p1', 0, 'France Travail', 'service-public-emploi');
    `);
    db.close();
    const store = Store.open(file, { id: '7f1d2c3b-0000-4000-8000-000000000001', name: 'Dominique' }, { migrationCopyDir: path.join(h.dir, 'copies') });
    try {
      expect(store.notice).toMatch(/schéma 4/);
      expect(store.db.prepare('SELECT title FROM node').all()).toEqual([{ title: 'Enjeu' }]);
      const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'workshop%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      expect(tables).toEqual(['workshop', 'workshop_attendee']);
      // Not journaled: starting a workshop is no undo step.
      expect(store.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'workshop%'").get()).toEqual({ n: 0 });
      store.db.prepare("INSERT INTO workshop (id, title, started_at, started_by, first_group_id) VALUES ('w1', 'A', '2026-01-01', 'X', 0)").run();
      // Only one workshop under way at a time.
      expect(() => store.db.prepare("INSERT INTO workshop (id, title, started_at, started_by, first_group_id) VALUES ('w2', 'B', '2026-01-01', 'X', 0)").run()).toThrow(/UNIQUE/);
    } finally {
      store.close();
    }
  });
});
