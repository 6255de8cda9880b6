import { describe, expect, it } from 'vitest';
import { fileBaseName, windowTitle } from '../../core/domain/title';
import { OpenDocuments, pathKey } from '../../electron/open-documents';

describe('windowTitle', () => {
  it('reads « Nom du contrat — fichier.trame — Trame »', () => {
    expect(windowTitle({ name: 'Contrat de ville de Lens-Liévin', path: '/home/a/Documents/lens.trame' })).toBe(
      'Contrat de ville de Lens-Liévin — lens.trame — Trame',
    );
    expect(windowTitle({ name: 'Agglo', path: 'C:\\Users\\a\\Documents\\agglo.trame' })).toBe('Agglo — agglo.trame — Trame');
  });
  it('is « Trame » on the start window, and copes with an empty name', () => {
    expect(windowTitle(null)).toBe('Trame');
    expect(windowTitle({ name: '  ', path: '/x/a.trame' })).toBe('a.trame — Trame');
    expect(windowTitle({ name: 'Deux\nlignes', path: '/x/a.trame' })).toBe('Deux lignes — a.trame — Trame');
  });
  it('fileBaseName handles both separators', () => {
    expect(fileBaseName('/a/b/c.trame')).toBe('c.trame');
    expect(fileBaseName('D:\\x\\y.trame')).toBe('y.trame');
  });
});

describe('pathKey', () => {
  it('normalises, and folds case where the file system usually does', () => {
    expect(pathKey('/a/b/../c.trame', 'linux')).toBe('/a/c.trame');
    expect(pathKey('/A/c.trame', 'linux')).not.toBe(pathKey('/a/c.trame', 'linux'));
    expect(pathKey('/A/c.trame', 'darwin')).toBe(pathKey('/a/C.TRAME', 'darwin'));
    expect(pathKey('C:\\Docs\\A.trame', 'win32')).toBe(pathKey('c:\\docs\\.\\a.trame', 'win32'));
  });
});

describe('OpenDocuments', () => {
  it('focuses the window that already shows a file instead of opening it twice', () => {
    const docs = new OpenDocuments((p) => pathKey(p, 'linux'));
    docs.track(1);
    docs.track(2, '/d/a.trame'); // still opening
    docs.track(3);
    docs.setDocument(3, { docId: 'x', path: '/d/b.trame', name: 'B' });
    expect(docs.planOpen('/d/a.trame', null)).toEqual({ action: 'focus', windowId: 2 });
    expect(docs.planOpen('/d/./b.trame', 1)).toEqual({ action: 'focus', windowId: 3 });
  });

  it('reuses an empty start window, else creates one', () => {
    const docs = new OpenDocuments((p) => pathKey(p, 'linux'));
    docs.track(1);
    docs.track(2);
    docs.setDocument(2, { docId: 'x', path: '/d/b.trame', name: 'B' });
    expect(docs.planOpen('/d/c.trame', 1)).toEqual({ action: 'reuse', windowId: 1 });
    expect(docs.planOpen('/d/c.trame', 2)).toEqual({ action: 'create' });
    expect(docs.planOpen('/d/c.trame', null)).toEqual({ action: 'create' });
    docs.expect(1, '/d/c.trame');
    expect(docs.planOpen('/d/c.trame', 2)).toEqual({ action: 'focus', windowId: 1 });
  });

  it('tells what a closed window showed, and whether another window still has the document', () => {
    const docs = new OpenDocuments((p) => pathKey(p, 'linux'));
    docs.track(1);
    docs.track(2);
    docs.setDocument(1, { docId: 'x', path: '/d/b.trame', name: 'B' });
    docs.setDocument(2, { docId: 'x', path: '/d/b.trame', name: 'B' });
    expect(docs.untrack(1)).toEqual({ path: '/d/b.trame', docId: 'x' });
    expect(docs.windowWithDoc('x')).toBe(2);
    expect(docs.untrack(2)).toEqual({ path: '/d/b.trame', docId: 'x' });
    expect(docs.windowWithDoc('x')).toBeUndefined();
    expect(docs.untrack(2)).toBeUndefined();
  });

  it('goes back to an empty window when the page closes its contrat', () => {
    const docs = new OpenDocuments((p) => pathKey(p, 'linux'));
    docs.track(1);
    docs.setDocument(1, { docId: 'x', path: '/d/b.trame', name: 'B' });
    expect(docs.isEmpty(1)).toBe(false);
    docs.setDocument(1, null);
    expect(docs.isEmpty(1)).toBe(true);
    expect(docs.windowShowing('/d/b.trame')).toBeUndefined();
    docs.setDocument(99, { docId: 'y', path: '/d/c.trame', name: 'C' }); // unknown window: ignored
    expect(docs.windowIds()).toEqual([1]);
  });
});
