import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Content hash of a file, to prove a refused file was left byte-for-byte unchanged. */
export function hashFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Names in a folder (to prove no stray file was left behind). */
export function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

export function siblings(file: string): string[] {
  return listDir(path.dirname(file));
}
