// « Copie sans historique » (issue 21 item 3): secrets planted in every text a user can write that is history rather
// than content — a renamed item's former title, a deleted item, a reason replaced, a workshop's title and attendees,
// its minutes, the author's name, a frozen version — are nowhere in the copy's bytes, nor beside it; what the contrat
// says now is there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness } from '../../helpers/handlers';
import { makeReady } from './ready';
import { SAMPLE_CONTRAT } from '../../helpers/store';

describe('copie sans historique', () => {
  it('keeps no former text and no name of who worked on it, in any table nor in a free page', async () => {
    const h = harness();
    await h.must('settings.setUserName', { name: 'Auteur-SECRET-7' });
    const info = await h.must('contrat.create', { path: path.join(h.dir, 'source.trame'), contrat: SAMPLE_CONTRAT });
    const docId = info.docId;
    const enjeu = (await h.must('tree.add', { docId, parentId: null, title: 'Ancien-titre-SECRET-1' })).focusId!;
    const gone = (await h.must('tree.add', { docId, parentId: enjeu, title: 'Supprime-SECRET-2' })).focusId!;
    const kept = (await h.must('tree.add', { docId, parentId: enjeu, title: 'Objectif actuel' })).focusId!;
    const partner = await h.must('partners.add', { docId, name: 'France Travail', type: 'etat' });
    await h.must('workshop.start', {
      docId, title: 'Atelier-SECRET-3', attendees: [{ partnerId: partner.focusId! }, { name: 'Participant-SECRET-4' }],
    });
    await h.must('tree.update', { docId, id: kept, patch: { tag: 'garder', tagNote: 'Raison-ancienne-SECRET-5' } });
    await h.must('tree.update', { docId, id: kept, patch: { tagNote: 'Raison actuelle' } });
    await h.must('tree.remove', { docId, id: gone });
    await h.must('workshop.end', { docId });
    await h.must('tree.update', { docId, id: enjeu, patch: { title: 'Enjeu actuel' } });
    await makeReady(h, docId, partner.focusId!);
    await h.mustJob('versions.freeze', { docId });
    const secrets = ['SECRET-1', 'SECRET-2', 'SECRET-3', 'SECRET-4', 'SECRET-5', 'SECRET-7'];

    // The original holds them all (that is its history): the test's secrets are really planted.
    await h.set.settle();
    const target = path.join(h.dir, 'copie.trame');
    await h.must('versions.cleanCopy', { docId, path: target });
    await h.must('doc.close', { docId });
    const original = readFileSync(info.path).toString('latin1') + readFileSync(info.path).toString('utf8');
    for (const s of secrets) expect(original, s).toContain(s);

    const bytes = readFileSync(target);
    for (const s of secrets) {
      expect(bytes.includes(Buffer.from(s, 'utf8')), s).toBe(false);
      expect(bytes.includes(Buffer.from(s, 'utf16le')), s).toBe(false);
    }
    for (const now of ['Enjeu actuel', 'Objectif actuel', 'Raison actuelle', 'France Travail']) expect(bytes.includes(Buffer.from(now)), now).toBe(true);
    // Nothing beside it: no -wal, -journal or temporary file.
    expect(readdirSync(h.dir).filter((f) => f.startsWith('copie') && f !== 'copie.trame')).toEqual([]);
    expect(existsSync(`${target}-wal`) || existsSync(`${target}-journal`)).toBe(false);

    // It is a contrat: it opens, with the tree as it is, and no workshop.
    const copy = await h.must('doc.open', { path: target });
    expect((await h.must('workshop.state', { docId: copy.docId })).past).toEqual([]);
    expect((await h.must('tree.get', { docId: copy.docId })).nodes.map((n) => n.title)).toEqual(['Enjeu actuel', 'Objectif actuel']);
  });
});
