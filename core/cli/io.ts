// Reading the CLI's input files and standard input: only regular files (never a FIFO, a device or a socket, which
// could hang or never end), size checked before reading and bounded while reading, UTF-8 only, French errors.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { TrameError } from '../api/result';
import { fsError } from '../files';
import { MAX_JSON_BYTES } from '../format/schema';


function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TrameError(
      'format-invalide',
      `${label} n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 (le format d'échange Trame est toujours en UTF-8).`,
    );
  }
}

function tooLarge(label: string, bytes: number, max = MAX_JSON_BYTES): TrameError {
  const mb = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} Mo` : `${Math.round(n / 1024)} Kio`);
  const size = bytes > max && bytes - max < 1024 * 1024 ? `plus de ${mb(max)}` : mb(bytes);
  return new TrameError('format-invalide', `${label} est trop volumineux (${size}) : Trame accepte au plus ${mb(max)}.`);
}

/** Refuses, in French, what is not a regular file: a folder, a FIFO, a device, a socket. */
export function notRegularFile(file: string, st: Stats): TrameError | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return new TrameError('entree-invalide', `« ${file} » est un dossier, pas un fichier.`);
  const what = st.isFIFO()
    ? 'un tube nommé (FIFO)'
    : st.isCharacterDevice() || st.isBlockDevice()
      ? 'un périphérique'
      : st.isSocket()
        ? 'une socket'
        : "un fichier spécial";
  return new TrameError('entree-invalide', `« ${file} » est ${what}, pas un fichier ordinaire : Trame ne lit que des fichiers ordinaires.`);
}

/** Refuses a path that exists but is not a regular file (a missing path is left to the caller's own message). */
export function requireRegularFileIfPresent(file: string): void {
  let st: Stats;
  try {
    st = statSync(file);
  } catch {
    return;
  }
  const refused = notRegularFile(file, st);
  if (refused) throw refused;
}

export function readJsonFile(file: string): string {
  const label = `Le fichier « ${file} »`;
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (no effect on a regular file).
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw fsError(err, file, 'lire');
  }
  try {
    let st: Stats;
    try {
      st = fstatSync(fd);
    } catch (err) {
      throw fsError(err, file, 'lire');
    }
    const refused = notRegularFile(file, st);
    if (refused) throw refused;
    // Checked before reading: a huge file must not be loaded to be refused.
    if (st.size > MAX_JSON_BYTES) throw tooLarge(label, st.size);
    // And bounded while reading, whatever the size said (a file that grows, a size the file system gets wrong).
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1024 * 1024, MAX_JSON_BYTES + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (err) {
        throw fsError(err, file, 'lire');
      }
      if (n === 0) break;
      total += n;
      if (total > MAX_JSON_BYTES) throw tooLarge(label, total);
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return decodeUtf8(Buffer.concat(chunks, total), label);
  } finally {
    closeSync(fd);
  }
}

/**
 * Standard input, read up to `max` bytes: one byte more and it stops reading at once (`/dev/zero` on stdin is never
 * read to the end). `label` names what is read, in French.
 */
export async function readStdin(max = MAX_JSON_BYTES, label = "Le document lu sur l'entrée standard"): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > max) {
      process.stdin.destroy();
      throw tooLarge(label, size, max);
    }
    chunks.push(buf);
  }
  return decodeUtf8(Buffer.concat(chunks), label);
}

