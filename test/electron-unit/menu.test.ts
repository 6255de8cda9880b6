import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../core/api/contract';
import { MENU_COMMANDS } from '../../electron/ipc-channels';
import { menuTemplate } from '../../electron/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu as MenuItemConstructorOptions[]) : [])]);
}

function byLabel(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = flatten(items).filter((i) => i.label === label && i.visible !== false);
  expect(found, `menu item « ${label} »`).toHaveLength(1);
  return found[0];
}

function click(item: MenuItemConstructorOptions) {
  (item.click as () => void)();
}

describe('menuTemplate (Windows / Linux)', () => {
  const send = vi.fn<(c: MenuCommand) => void>();
  const menu = menuTemplate(send, false);

  it('has the four French top-level menus', () => {
    expect(menu.map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);
  });

  it.each([
    ['Nouveau contrat…', 'new', 'CmdOrCtrl+N'],
    ['Ouvrir…', 'open', 'CmdOrCtrl+O'],
    ["Créer un contrat d'exemple", 'open-demo', undefined],
    ['Enregistrer sous…', 'save-as', 'CmdOrCtrl+Shift+S'],
    ['Exporter en JSON…', 'export-json', undefined],
    ['Importer un tableur…', 'import-sheet', undefined],
    ['Exporter en tableur…', 'export-sheet', undefined],
    ['Fusionner une autre copie…', 'merge-copy', undefined],
    ['Fermer', 'close', 'CmdOrCtrl+W'],
    ['Annuler', 'undo', 'CmdOrCtrl+Z'],
    ['Rétablir', 'redo', 'CmdOrCtrl+Shift+Z'],
    ['Renommer', 'rename', 'F2'],
    ['Ajouter un élément au même niveau', 'add-sibling', 'Enter'],
    ['Ajouter un sous-élément', 'add-child', undefined],
    ['Supprimer', 'delete', 'Delete'],
    ['Tout afficher', 'filter-all', undefined],
    ['Seulement « À ajouter »', 'filter-ajouter', undefined],
    ['Seulement « À garder, repenser, renouveler »', 'filter-garder', undefined],
    ['Seulement « À jeter, mettre en veille »', 'filter-jeter', undefined],
    ['À propos de Trame', 'about', undefined],
  ] as const)('« %s » sends %s (%s)', (label, command, accelerator) => {
    send.mockClear();
    const item = byLabel(menu, label);
    expect(item.accelerator).toBe(accelerator);
    click(item);
    expect(send).toHaveBeenCalledExactlyOnceWith(command);
  });

  it('also redoes with Ctrl+Y through a hidden item', () => {
    send.mockClear();
    const alt = flatten(menu).find((i) => i.accelerator === 'Ctrl+Y')!;
    expect(alt.visible).toBe(false);
    click(alt);
    expect(send).toHaveBeenCalledWith('redo');
  });

  it('does not take Suppr and Entrée away from text fields', () => {
    expect(byLabel(menu, 'Supprimer').registerAccelerator).toBe(false);
    expect(byLabel(menu, 'Ajouter un élément au même niveau').registerAccelerator).toBe(false);
  });

  it('uses Electron roles, labelled in French, for clipboard, zoom, full screen and quit', () => {
    const roles = Object.fromEntries(flatten(menu).filter((i) => i.role).map((i) => [i.role, i.label]));
    expect(roles).toMatchObject({
      cut: 'Couper',
      copy: 'Copier',
      paste: 'Coller',
      selectAll: 'Tout sélectionner',
      resetZoom: 'Taille réelle',
      zoomIn: 'Zoom avant',
      zoomOut: 'Zoom arrière',
      togglefullscreen: 'Plein écran',
      quit: 'Quitter',
      help: 'Aide',
    });
    expect(byLabel(menu, 'Quitter').accelerator).toBe('Ctrl+Q');
  });

  it('sends every menu command of the contract from some item, and only those', () => {
    const sent = new Set<MenuCommand>();
    const all = menuTemplate((c) => sent.add(c), false);
    for (const i of flatten(all)) if (i.click) click(i);
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('has no English label left', () => {
    const labels = flatten(menu).map((i) => i.label).filter(Boolean) as string[];
    for (const english of ['File', 'Edit', 'View', 'Help', 'Undo', 'Redo', 'Copy', 'Paste', 'Quit', 'Close', 'Open']) {
      expect(labels).not.toContain(english);
    }
  });

  it('offers developer tools only when asked', () => {
    expect(flatten(menu).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(flatten(menuTemplate(send, false, { devTools: true })).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

describe('menuTemplate (macOS)', () => {
  const send = vi.fn<(c: MenuCommand) => void>();
  const menu = menuTemplate(send, true);

  it('starts with the application menu holding À propos and Quitter', () => {
    expect(menu.map((m) => m.label)).toEqual(['Trame', 'Fichier', 'Édition', 'Affichage', 'Fenêtre']);
    const app = flatten([menu[0]]);
    expect(app.find((i) => i.role === 'quit')?.label).toBe('Quitter Trame');
    click(app.find((i) => i.label === 'À propos de Trame')!);
    expect(send).toHaveBeenCalledWith('about');
  });

  it('keeps Cmd shortcuts and does not register bare Suppr / Entrée', () => {
    expect(byLabel(menu, 'Nouveau contrat…').accelerator).toBe('CmdOrCtrl+N');
    expect(byLabel(menu, 'Supprimer').accelerator).toBeUndefined();
    expect(flatten(menu).some((i) => i.accelerator === 'Ctrl+Y')).toBe(false);
    expect(flatten(menu).filter((i) => i.role === 'quit')).toHaveLength(1);
  });
});
