import { describe, expect, it, vi } from 'vitest';
import { chooseOpenPath, chooseSavePath, dialogFilters, ensureExtension, safeFileName } from '../../electron/dialogs';

describe('file dialogs', () => {
  it('filters .trame or .json', () => {
    expect(dialogFilters('trame')).toEqual([{ name: 'Contrat Trame (.trame)', extensions: ['trame'] }]);
    expect(dialogFilters('json')).toEqual([{ name: 'Fichier JSON (.json)', extensions: ['json'] }]);
  });

  it('adds the extension the user left out', () => {
    expect(ensureExtension('/d/contrat', 'trame')).toBe('/d/contrat.trame');
    expect(ensureExtension('/d/contrat.TRAME', 'trame')).toBe('/d/contrat.TRAME');
    expect(ensureExtension('/d/export', 'json')).toBe('/d/export.json');
    expect(ensureExtension('/d/export.trame', 'json')).toBe('/d/export.trame.json');
  });

  it.each([
    ['Contrat de ville 2024-2030', 'Contrat de ville 2024-2030.trame'],
    ['contrat-exemple.trame', 'contrat-exemple.trame'],
    ['Agglo: Lens/Liévin <QPV>', 'Agglo Lens Liévin QPV.trame'],
    ['../../etc/passwd', 'etc passwd.trame'],
    ['..', 'contrat.trame'],
    ['   ', 'contrat.trame'],
    ['CON', 'CON-contrat.trame'],
    ['fin. ', 'fin.trame'],
    ['a\u0000b\nc', 'a b c.trame'],
  ])('proposes a safe file name for %j', (name, expected) => {
    expect(safeFileName(name, 'trame')).toBe(expected);
  });

  it('bounds the length', () => {
    expect(safeFileName('x'.repeat(500), 'json').length).toBe(120 + '.json'.length);
  });

  it('calls the dialogs without a parent window too', async () => {
    const dialog = {
      showSaveDialog: vi.fn(async (..._a: unknown[]) => ({ canceled: true, filePath: '' })),
      showOpenDialog: vi.fn(async (..._a: unknown[]) => ({ canceled: false, filePaths: ['/d/x.json'] })),
    };
    expect(await chooseSavePath(dialog as never, null, { title: 'T', defaultName: 'x', filters: 'json' }, '/d')).toBeNull();
    expect(dialog.showSaveDialog.mock.calls[0]).toHaveLength(1);
    expect(await chooseOpenPath(dialog as never, null, { title: 'T', filters: 'json' }, '/d')).toBe('/d/x.json');
  });
});
