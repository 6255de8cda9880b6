// The shadow image (what the in-memory fallback is rebuilt from when a USB key is pulled out) is no longer taken at
// open but just before the first write: the pulled-key promise — every acknowledged write survives — must still hold.
import { describe, expect, it } from 'vitest';
import { Store } from '../../db/store';
import { addNode, loadTree, updateNode } from '../../core/features/tree/queries';
import { newStore } from './helpers';

/** After an I/O error SQLite drops its page cache and can no longer read the file: serialize() fails. */
function pullKey(store: Store): void {
  store.db.serialize = () => {
    throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_READ' });
  };
  store.simulateWriteFailure = true;
}

describe('shadow image taken lazily', () => {
  it('a write acknowledged right after open survives a key pulled out at the next write', () => {
    const { store, file } = newStore();
    const e = addNode(store, { parentId: null, title: 'Enjeu avant fermeture' }).focusId!;
    store.close();
    const again = Store.open(file, 'x'); // no image taken at open
    updateNode(again, e, { title: 'Renommé juste après l’ouverture' }); // the first write: image first, then the write
    pullKey(again);
    const out = addNode(again, { parentId: null, title: 'Après la panne' });
    expect(out.offline).toMatch(/gardées en mémoire/);
    expect(loadTree(again).map((n) => n.title)).toEqual(['Renommé juste après l’ouverture', 'Après la panne']);
    again.close();
  });

  it('opening and closing without a write takes no image (and a key pulled before any write loses nothing acknowledged)', () => {
    const { store, file } = newStore();
    addNode(store, { parentId: null, title: 'Enjeu' });
    store.close();
    const again = Store.open(file, 'x');
    let serialized = 0;
    const original = again.db.serialize.bind(again.db);
    again.db.serialize = ((...args: Parameters<typeof original>) => {
      serialized++;
      return original(...args);
    }) as typeof original;
    expect(loadTree(again).map((n) => n.title)).toEqual(['Enjeu']);
    expect(serialized).toBe(0);
    pullKey(again);
    // The first write fails with the volume gone: it is refused in French, the file keeps its committed state.
    expect(() => addNode(again, { parentId: null, title: 'Jamais écrit' })).toThrow(/n'est plus accessible/);
    again.close();
    const reopened = Store.open(file, 'x');
    expect(loadTree(reopened).map((n) => n.title)).toEqual(['Enjeu']);
    reopened.close();
  });
});
