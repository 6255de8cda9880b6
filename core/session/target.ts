// What every export job prepares on the main thread before its worker starts: the target file checked (its
// extension, its name's length, that it does not exist unless it may be replaced) and a snapshot of the contrat taken
// between two edits. One helper, so that each export refuses the same things with the same French sentences.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TrameError } from '../api/result';
import { checkNameLength, fileExists } from '../files';
import type { Doc } from './doc';

export interface Target {
  /** The absolute path to write. */
  file: string;
  replace: boolean;
}

/**
 * Checks a file an export will write: `extension` (with its dot), the name's length, and an existing file refused
 * unless `replace` (the worker refuses it again if the name is taken meanwhile: hard link, never replaced).
 * `what` begins the refusal: « Le PDF s’écrit dans un fichier « .pdf »… ».
 */
export function prepareTarget(p: string, extension: string, what: string, replace?: boolean): Target {
  const file = path.resolve(p);
  if (path.extname(file).toLowerCase() !== extension) {
    throw new TrameError('entree-invalide', `${what} s’écrit dans un fichier « ${extension} » (reçu : « ${path.basename(file)} »). Aucun fichier n’a été écrit.`);
  }
  checkNameLength(file);
  if (!replace && existsSync(file)) throw fileExists(file);
  return { file, replace: replace === true };
}

/** A snapshot of the open contrat for a job's worker, moved (not copied) to it, and the document's id. */
export function snapshotOf(doc: Doc): { image: Uint8Array; documentId: string | null; transfer: ArrayBuffer[] } {
  const image = doc.snapshot();
  return { image, documentId: doc.identity().documentId, transfer: [image.buffer as ArrayBuffer] };
}
