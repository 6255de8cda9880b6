// The content checks of a contrat opened for editing run after the first screen (issue 22, item 1): until they pass
// the file is locked but not one byte of it changes; an edit that arrives first waits for them; a file that fails
// them refuses every write with their French message and is left as it was.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TrameError } from '../../core/api/result';
import { Store } from '../../db/store';
import { addNode, loadTree } from '../../core/features/tree/queries';
import { hashFile } from '../helpers/files';
import { newStore } from './helpers';

function reopened(): { file: string } {
  const { store, file } = newStore();
  addNode(store, { parentId: null, title: 'Emploi' });
  store.close();
  return { file };
}

describe('content checks after the first screen', () => {
  it('the first screen reads an unchanged, locked file; the first edit runs the checks, then writes', () => {
    const { file } = reopened();
    const before = hashFile(file);
    const s = Store.open(file, 'x', { deferContent: true });
    expect(s.contentPending).toBe(true);
    expect(loadTree(s).map((n) => n.title)).toEqual(['Emploi']);
    expect(hashFile(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    // Locked already: a second Trame is refused, in French.
    expect(() => Store.open(file, 'y', { deferContent: true })).toThrow(/déjà ouvert/);
    addNode(s, { parentId: null, title: 'Logement' });
    expect(s.contentPending).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(true);
    s.checkSettings();
    s.close();
    const again = Store.open(file, 'x');
    expect(loadTree(again).map((n) => n.title)).toEqual(['Emploi', 'Logement']);
    again.close();
  });

  it('a file that fails them: every write and copy refused with their message, the file byte for byte unchanged', () => {
    const { file } = reopened();
    const db = new Database(file);
    db.exec("PRAGMA foreign_keys = OFF; UPDATE node SET parent_id = 'absent';");
    db.close();
    const before = hashFile(file);
    const s = Store.open(file, 'x', { deferContent: true });
    expect(loadTree(s)).toEqual([]); // the orphan is not reached from the top level: nothing loops or fails
    let refusal: unknown = null;
    try {
      addNode(s, { parentId: null, title: 'Logement' });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(TrameError);
    expect((refusal as TrameError).message).toMatch(/ne respectent pas les règles de Trame/);
    expect((refusal as TrameError).details?.join('\n')).toMatch(/parent n'existe pas/);
    expect(() => s.checkContent()).toThrow((refusal as TrameError).message);
    expect(() => s.copyTo(`${file}.copie`)).toThrow((refusal as TrameError).message);
    expect(existsSync(`${file}.copie`)).toBe(false);
    s.close();
    expect(hashFile(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-journal`)).toBe(false);
  });
});
