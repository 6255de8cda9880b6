// Reading a PDF or a certificate from disk for signing or verification: a regular file only, size bounded,
// French errors. Never changes the file.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { TrameError } from '../../api/result';
import { fsError } from '../../files';

export const MAX_PDF_BYTES = 500 * 1024 * 1024;

export function readInputFile(file: string, what: string, max = MAX_PDF_BYTES): Uint8Array {
  const abs = path.resolve(file);
  let size: number;
  try {
    const st = statSync(abs);
    if (st.isDirectory()) throw new TrameError('entree-invalide', `« ${file} » est un dossier, pas ${what}.`);
    if (!st.isFile()) throw new TrameError('entree-invalide', `« ${file} » n’est pas un fichier ordinaire : choisissez ${what}.`);
    size = st.size;
  } catch (err) {
    if (err instanceof TrameError) throw err;
    throw fsError(err, abs, 'lire');
  }
  if (size > max) throw new TrameError('entree-invalide', `« ${path.basename(abs)} » est trop volumineux (${Math.round(size / 1048576)} Mo) pour être ${what}.`);
  try {
    return new Uint8Array(readFileSync(abs));
  } catch (err) {
    throw fsError(err, abs, 'lire');
  }
}
