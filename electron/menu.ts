// The native menus, in French. Commands that act on the contrat are sent to the page as a MenuCommand
// (the page knows the selection and the document); the rest are Electron roles. Pure: main.ts builds
// the Menu from this template.
//
// Note for the page: while the menu holds Ctrl+Z / Ctrl+Shift+Z, the page receives « undo » / « redo »
// even when a text field has focus; it should then undo the text edit (document.execCommand('undo'))
// rather than the last tree change, and bind these keys itself only when there is no shell (browser).
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/api/contract';
import { FAMILY_LABELS } from '../core/domain/tree';

export interface MenuOptions {
  /** Adds « Outils de développement » (unpackaged runs only). */
  devTools?: boolean;
}

export function menuTemplate(
  send: (command: MenuCommand) => void,
  isMac: boolean,
  options: MenuOptions = {},
): MenuItemConstructorOptions[] {
  const item = (
    label: string,
    command: MenuCommand,
    extra: Omit<MenuItemConstructorOptions, 'label' | 'click'> = {},
  ): MenuItemConstructorOptions => ({ id: command, label, click: () => send(command), ...extra });
  // Keys the page handles itself in the tree (Suppr, Entrée): shown in the menu as a reminder but not
  // registered, so they keep working in text fields. macOS cannot show an unregistered accelerator.
  const hint = (accelerator: string): Partial<MenuItemConstructorOptions> =>
    isMac ? {} : { accelerator, registerAccelerator: false };
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: 'Trame',
    submenu: [
      item('À propos de Trame', 'about'),
      separator,
      { role: 'services', label: 'Services' },
      separator,
      { role: 'hide', label: 'Masquer Trame' },
      { role: 'hideOthers', label: 'Masquer les autres' },
      { role: 'unhide', label: 'Tout afficher' },
      separator,
      { role: 'quit', label: 'Quitter Trame', accelerator: 'Cmd+Q' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: 'Fichier',
    submenu: [
      item('Nouveau contrat…', 'new', { accelerator: 'CmdOrCtrl+N' }),
      item('Ouvrir…', 'open', { accelerator: 'CmdOrCtrl+O' }),
      item("Créer un contrat d'exemple", 'open-demo'),
      item('Importer un fichier JSON…', 'import-json'),
      separator,
      item('Enregistrer sous…', 'save-as', { accelerator: 'CmdOrCtrl+Shift+S' }),
      item('Exporter en JSON…', 'export-json'),
      item('Importer un tableur…', 'import-sheet'),
      item('Exporter en tableur…', 'export-sheet'),
      item('Fusionner une autre copie…', 'merge-copy'),
      item('Restaurer une sauvegarde…', 'restore-backup'),
      separator,
      item('Fermer', 'close', { accelerator: 'CmdOrCtrl+W' }),
      ...(isMac ? [] : [separator, { role: 'quit', label: 'Quitter', accelerator: 'Ctrl+Q' } as MenuItemConstructorOptions]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: 'Édition',
    submenu: [
      item('Annuler', 'undo', { accelerator: 'CmdOrCtrl+Z' }),
      item('Rétablir', 'redo', { accelerator: 'CmdOrCtrl+Shift+Z' }),
      // Ctrl+Y is the other usual « Rétablir » on Windows and Linux; a menu item has one accelerator.
      ...(isMac ? [] : [{ ...item('Rétablir', 'redo', { accelerator: 'Ctrl+Y', visible: false }), id: 'redo-alt' }]),
      separator,
      { role: 'cut', label: 'Couper' },
      { role: 'copy', label: 'Copier' },
      { role: 'paste', label: 'Coller' },
      { role: 'selectAll', label: 'Tout sélectionner' },
      separator,
      item('Renommer', 'rename', { accelerator: 'F2' }),
      item('Ajouter un élément au même niveau', 'add-sibling', hint('Enter')),
      item('Ajouter un sous-élément', 'add-child'),
      item('Supprimer', 'delete', hint('Delete')),
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'Affichage',
    submenu: [
      item('Tout afficher', 'filter-all'),
      item(`Seulement « ${FAMILY_LABELS.ajouter} »`, 'filter-ajouter'),
      item(`Seulement « ${FAMILY_LABELS.garder} »`, 'filter-garder'),
      item(`Seulement « ${FAMILY_LABELS.jeter} »`, 'filter-jeter'),
      separator,
      { role: 'resetZoom', label: 'Taille réelle' },
      { role: 'zoomIn', label: 'Zoom avant' },
      { role: 'zoomOut', label: 'Zoom arrière' },
      separator,
      { role: 'togglefullscreen', label: 'Plein écran' },
      ...(options.devTools
        ? [separator, { role: 'toggleDevTools', label: 'Outils de développement' } as MenuItemConstructorOptions]
        : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
    label: 'Fenêtre',
    submenu: [
      { role: 'minimize', label: 'Réduire' },
      { role: 'zoom', label: 'Agrandir' },
      separator,
      { role: 'front', label: 'Tout ramener au premier plan' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: 'Aide',
    submenu: [item('À propos de Trame', 'about')],
  };

  // On macOS « À propos » lives in the application menu.
  return isMac
    ? [appMenu, fileMenu, editMenu, viewMenu, windowMenu]
    : [fileMenu, editMenu, viewMenu, helpMenu];
}
