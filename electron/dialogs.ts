// Native file dialogs for the ShellBridge. The Electron `dialog` is passed in (type import only).
import path from 'node:path';
import type { BaseWindow, Dialog, FileFilter } from 'electron';

export type FileKind = 'trame' | 'json';

export const EXTENSIONS: Record<FileKind, string> = { trame: 'trame', json: 'json' };

export function dialogFilters(kind: FileKind): FileFilter[] {
  return kind === 'trame'
    ? [{ name: 'Contrat Trame (.trame)', extensions: ['trame'] }]
    : [{ name: 'Fichier JSON (.json)', extensions: ['json'] }];
}

/** Adds the extension when the user typed a name without it (GTK dialogs do not add it). */
export function ensureExtension(filePath: string, kind: FileKind): string {
  const ext = `.${EXTENSIONS[kind]}`;
  return filePath.toLowerCase().endsWith(ext) ? filePath : `${filePath}${ext}`;
}

/**
 * A file name proposed in the save dialog, from a contrat name: characters Windows, macOS or Linux
 * refuse are replaced, length is bounded, and the extension is added.
 */
export function safeFileName(name: string, kind: FileKind): string {
  const ext = `.${EXTENSIONS[kind]}`;
  let base = name.endsWith(ext) ? name.slice(0, -ext.length) : name;
  base = base
    // control characters, path separators and the characters Windows refuses in names
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, ' ')
    .split(/\s+/)
    .filter((word) => !/^\.*$/.test(word)) // "..", "." and empty pieces
    .join(' ')
    .replace(/^\.+/, '')
    .slice(0, 120)
    .replace(/[. ]+$/, '') // Windows drops trailing dots and spaces
    .trim();
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = `${base}-contrat`;
  return `${base || 'contrat'}${ext}`;
}

export interface SaveOptions {
  title: string;
  defaultName: string;
  filters: FileKind;
}
export interface OpenOptions {
  title: string;
  filters: FileKind;
}

type DialogLike = Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;

export async function chooseSavePath(
  dialog: DialogLike,
  parent: BaseWindow | null,
  options: SaveOptions,
  defaultDir: string,
): Promise<string | null> {
  const dialogOptions = {
    title: options.title,
    defaultPath: path.join(defaultDir, safeFileName(options.defaultName, options.filters)),
    filters: dialogFilters(options.filters),
    buttonLabel: 'Enregistrer',
    properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
  };
  const result = parent ? await dialog.showSaveDialog(parent, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
  if (result.canceled || !result.filePath) return null;
  return ensureExtension(result.filePath, options.filters);
}

export async function chooseOpenPath(
  dialog: DialogLike,
  parent: BaseWindow | null,
  options: OpenOptions,
  defaultDir: string,
): Promise<string | null> {
  const dialogOptions = {
    title: options.title,
    defaultPath: defaultDir,
    filters: dialogFilters(options.filters),
    buttonLabel: 'Ouvrir',
    properties: ['openFile'] as Array<'openFile'>,
  };
  const result = parent ? await dialog.showOpenDialog(parent, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
  if (result.canceled || result.filePaths.length === 0) return null;
  return result.filePaths[0];
}
