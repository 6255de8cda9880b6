// Identities that never change: the document id, a replica id per copy of the file, and journal groups that carry a
// UUID, the replica, the author's stable id and a clock that never goes backwards.
import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addNode, updateNode } from '../../core/features/tree/queries';
import { createTrameDatabase, safeClose } from '../../db/connection';
import { Store } from '../../db/store';
import { tmpDir } from '../helpers/tmp';
import { newStore } from './helpers';

afterEach(() => {
  vi.useRealTimers();
});

describe('document and replica ids', () => {
  it('a new file gets a document id (or the one it is given) and a replica id', () => {
    const dir = tmpDir();
    const given = randomUUID();
    const db = createTrameDatabase(path.join(dir, 'a.trame'), { documentId: given });
    const row = db.prepare('SELECT document_id, replica_id FROM document_identity').get() as { document_id: string; replica_id: string };
    expect(row.document_id).toBe(given);
    expect(row.replica_id).toMatch(/^[0-9a-f-]{36}$/);
    safeClose(db);
    expect(() => createTrameDatabase(path.join(dir, 'b.trame'), { documentId: 'pas-un-uuid' })).toThrow(/n'est pas un UUID valide/);
  });

  it('a file keeps its replica id where it was born; a copy elsewhere gets its own, same document', () => {
    const { store, file, dir } = newStore();
    const first = store.identity();
    store.close();
    const again = Store.open(file, 'x');
    expect(again.identity()).toEqual(first);
    const saved = path.join(dir, 'enregistre-sous.trame');
    again.copyTo(saved);
    again.close();
    const byHand = path.join(tmpDir(), 'cle-usb.trame');
    copyFileSync(file, byHand);
    const ids = [saved, byHand].map((f) => {
      const s = Store.open(f, 'x');
      const id = s.identity();
      s.close();
      return id;
    });
    for (const id of ids) {
      expect(id.documentId).toBe(first.documentId);
      expect(id.replicaId).not.toBe(first.replicaId);
    }
    expect(ids[0].replicaId).not.toBe(ids[1].replicaId);
    // Reopened where it now lives, the copy keeps the replica id it got there.
    const s = Store.open(byHand, 'x');
    expect(s.identity()).toEqual(ids[1]);
    s.close();
  });
});

describe('journal groups', () => {
  it('carry a UUID, the replica id, the author id and name, and a clock that never goes backwards', () => {
    const { store } = newStore();
    const author = { id: randomUUID(), name: 'Camille Martin' };
    store.author = author.name;
    store.authorId = author.id;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-01T12:00:00.000Z'));
    const id = addNode(store, { parentId: null, title: 'A' }).focusId!;
    vi.setSystemTime(new Date('2026-04-01T12:00:00.000Z')); // the wall clock goes back a month
    updateNode(store, id, { title: 'B' });
    updateNode(store, id, { title: 'C' });
    const [c, b, a] = store.journal(3);
    for (const g of [a, b, c]) {
      expect(g.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(g.replicaId).toBe(store.identity().replicaId);
      expect(g.authorId).toBe(author.id);
      expect(g.author).toBe('Camille Martin');
      expect(g.hlc.endsWith(store.identity().replicaId)).toBe(true);
    }
    expect(new Set([a.uuid, b.uuid, c.uuid]).size).toBe(3);
    expect(a.hlc < b.hlc && b.hlc < c.hlc).toBe(true);
    expect(b.at < a.at).toBe(true); // the wall-clock time says what the clock said, the HLC keeps the order
    expect(b.hlc.startsWith(String(Date.parse('2026-05-01T12:00:00.000Z')).padStart(15, '0'))).toBe(true);
    store.close();
  });

  it('the author given as { id, name } at open is recorded', () => {
    const { store, file } = newStore();
    store.close();
    const author = { id: randomUUID(), name: 'Dominique' };
    const s = Store.open(file, author);
    addNode(s, { parentId: null, title: 'X' });
    expect(s.journal(1)[0]).toMatchObject({ author: 'Dominique', authorId: author.id });
    s.close();
  });
});
