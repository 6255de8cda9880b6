// Reading the CLI's input files and standard input: size checked before reading, UTF-8 only, French errors.
import { readFileSync, statSync } from 'node:fs';
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

function tooLarge(label: string, bytes: number): TrameError {
  return new TrameError(
    'format-invalide',
    `${label} est trop volumineux (${Math.round(bytes / (1024 * 1024))} Mo) : Trame accepte au plus ${MAX_JSON_BYTES / (1024 * 1024)} Mo.`,
  );
}

export function readJsonFile(file: string): string {
  const label = `Le fichier « ${file} »`;
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw Object.assign(new Error('dossier'), { code: 'EISDIR' });
    size = st.size;
  } catch (err) {
    throw fsError(err, file, 'lire');
  }
  // Checked before reading: a huge file must not be loaded to be refused.
  if (size > MAX_JSON_BYTES) throw tooLarge(label, size);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw fsError(err, file, 'lire');
  }
  return decodeUtf8(bytes, label);
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_JSON_BYTES) throw tooLarge("Le document lu sur l'entrée standard", size);
    chunks.push(buf);
  }
  return decodeUtf8(Buffer.concat(chunks), "Le document lu sur l'entrée standard");
}

