// Where the Source Sans 3 TTF files are (Adobe, SIL Open Font License 1.1: they may be embedded and shipped).
// The build copies them to dist/fonts (build/scripts/build-node.mjs), beside the bundles that use them: the CLI,
// the HTTP harness, the Electron main process and the job worker; electron-builder unpacks dist/fonts from the asar
// archive (asarUnpack), since a worker thread reads them with plain fs. From the sources (tests), they are read
// from node_modules/source-sans/TTF. TRAME_FONTS_DIR overrides both.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TrameError } from '../../api/result';

export const FONT_FILES = {
  regular: 'SourceSans3-Regular.ttf',
  bold: 'SourceSans3-Bold.ttf',
  italic: 'SourceSans3-It.ttf',
  boldItalic: 'SourceSans3-BoldIt.ttf',
  semibold: 'SourceSans3-Semibold.ttf',
} as const;
export type FontFace = keyof typeof FONT_FILES;
export const FONT_FAMILY = 'Source Sans 3';

function candidates(): string[] {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const list: string[] = [];
  if (process.env.TRAME_FONTS_DIR) list.push(process.env.TRAME_FONTS_DIR);
  // dist/*.cjs → dist/fonts; inside a packaged app the unpacked copy sits beside app.asar.
  list.push(path.join(here, 'fonts'), path.join(here.replace(/app\.asar(?=[\\/]|$)/, 'app.asar.unpacked'), 'fonts'));
  for (let dir = here, i = 0; i < 8; i++, dir = path.dirname(dir)) list.push(path.join(dir, 'node_modules', 'source-sans', 'TTF'));
  list.push(path.join(process.cwd(), 'node_modules', 'source-sans', 'TTF'));
  return list;
}

let cached: string | null = null;
/** The folder holding the fonts; a French error when the installation lacks them. */
export function fontDir(): string {
  if (cached) return cached;
  const found = candidates().find((d) => existsSync(path.join(d, FONT_FILES.regular)));
  if (!found) {
    throw new TrameError('interne', 'Les polices de caractères de Trame (Source Sans 3) sont introuvables : réinstallez Trame. Aucun document n’a été écrit.');
  }
  cached = found;
  return found;
}

export function fontPath(face: FontFace): string {
  return path.join(fontDir(), FONT_FILES[face]);
}
