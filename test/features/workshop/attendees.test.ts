// A workshop that forgives, through the real handlers on a real .trame file: its attendees corrected while it runs
// (the new list in its record and in its minutes), and a workshop started by mistake abandoned without minutes, its
// decisions kept in the contrat. The rows are read back from the file after it is closed.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { harness } from '../../helpers/handlers';

describe('attendees corrected while a workshop runs, a workshop abandoned', () => {
  it('the corrected list replaces the old one in the file and in the minutes', async () => {
    const h = harness();
    const file = path.join(h.dir, 'presents.trame');
    const doc = await h.must('contrat.createDemo', { path: file });
    const { partners } = await h.must('workshop.state', { docId: doc.docId });
    const [a, b, c] = partners;
    await h.must('workshop.start', { docId: doc.docId, title: 'Atelier emploi', attendees: [{ partnerId: a.id }, { name: 'Mme Durand' }] });
    const fixed = await h.must('workshop.attendees', {
      docId: doc.docId, attendees: [{ partnerId: b.id }, { partnerId: c.id }, { name: 'M. Leroy, habitant' }, { name: 'm. leroy, HABITANT' }],
    });
    expect(fixed.active?.attendees).toEqual([
      { name: b.name, partnerId: b.id }, { name: c.name, partnerId: c.id }, { name: 'M. Leroy, habitant', partnerId: null },
    ]);
    // A partner that does not exist is refused in French, and the list stays as it was.
    const refused = await h.call('workshop.attendees', { docId: doc.docId, attendees: [{ partnerId: 'inconnu' }] });
    expect(refused.ok || refused.error.message).toBe('Un partenaire coché n’existe plus dans ce contrat : rouvrez « Corriger les présents ».');
    expect((await h.must('workshop.state', { docId: doc.docId })).active?.attendees).toHaveLength(3);

    const { minutes, text } = await h.must('workshop.end', { docId: doc.docId });
    expect(minutes.attendees.map((x) => x.name)).toEqual([b.name, c.name, 'M. Leroy, habitant']);
    expect(text).toContain('M. Leroy, habitant');
    expect(text).not.toContain('Mme Durand');
    // Empty sections say so as a person writes it, and counts agree (Intl.PluralRules).
    expect(text).toContain('Décisions : Aucune décision.');
    expect(text).toContain('Éléments ajoutés : Aucun élément ajouté.');
    expect(text).toContain('0 modification pendant l’atelier.');
    await h.must('doc.close', { docId: doc.docId });
    await h.set.settle();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT name FROM workshop_attendee ORDER BY position').pluck().all()).toEqual([b.name, c.name, 'M. Leroy, habitant']);
    } finally {
      db.close();
    }
  });

  it('abandoned: no workshop, no attendees, no minutes left; the decisions taken meanwhile are kept', async () => {
    const h = harness();
    const file = path.join(h.dir, 'abandon.trame');
    const doc = await h.must('contrat.createDemo', { path: file });
    const events: unknown[] = [];
    h.set.onEvent((e) => {
      if (e.kind === 'workshop') events.push(e.workshop);
    });
    expect((await h.call('workshop.abandon', { docId: doc.docId })).ok).toBe(false);
    const refused = await h.call('workshop.attendees', { docId: doc.docId, attendees: [] });
    expect(refused.ok || refused.error.message).toBe('Aucun atelier n’est en cours sur ce contrat.');

    await h.must('workshop.start', { docId: doc.docId, title: 'Par erreur', attendees: [{ name: 'Mme Durand' }] });
    const { nodes } = await h.must('tree.get', { docId: doc.docId });
    const item = nodes.find((n) => n.tag === null)!;
    await h.must('workshop.show', { docId: doc.docId, itemId: item.id });
    await h.must('tree.update', { docId: doc.docId, id: item.id, patch: { tag: 'jeter' } });
    const after = await h.must('workshop.abandon', { docId: doc.docId });
    expect(after.active).toBeNull();
    expect(after.live).toBeNull();
    expect(after.past).toEqual([]);
    // The audience view is told that the workshop is over.
    expect(events.at(-1)).toMatchObject({ ended: true, title: 'Par erreur' });
    // A new workshop can start at once.
    expect((await h.call('workshop.start', { docId: doc.docId, title: 'Le vrai', attendees: [] })).ok).toBe(true);
    await h.must('workshop.abandon', { docId: doc.docId });
    await h.must('doc.close', { docId: doc.docId });
    await h.set.settle();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM workshop').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM workshop_attendee').pluck().get()).toBe(0);
      expect(db.prepare('SELECT tag FROM node WHERE id = ?').pluck().get(item.id)).toBe('jeter');
    } finally {
      db.close();
    }
  });
});
