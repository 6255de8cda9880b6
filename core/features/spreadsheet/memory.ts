// The mapping a user accepted for a layout of columns, kept for the next import of the same layout. It lives in the
// app's data folder (beside settings.json), not in the contrat: it is a habit of this user's spreadsheets, the same
// for every contrat they import into, and a .trame handed to someone else should not carry it. A damaged or missing
// file is an empty memory; writing it is atomic, and a failure to write only loses the convenience.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../files';
import { ROLES, type Role } from './model/roles';

const FILE = 'tableurs.json';
const MAX = 50;

interface Stored { version: 1; layouts: { key: string; mapping: Role[]; at: string }[] }

export class LayoutMemory {
  readonly file: string;
  constructor(appDataDir: string) {
    this.file = path.join(appDataDir, FILE);
  }

  #read(): Stored {
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Stored;
      if (raw?.version !== 1 || !Array.isArray(raw.layouts)) return { version: 1, layouts: [] };
      const layouts = raw.layouts.filter(
        (l) => typeof l?.key === 'string' && Array.isArray(l.mapping) && l.mapping.every((r) => (ROLES as readonly string[]).includes(r)),
      );
      return { version: 1, layouts: layouts.slice(0, MAX) };
    } catch {
      return { version: 1, layouts: [] };
    }
  }

  /** Every layout remembered, by key. */
  all(): Record<string, Role[]> {
    const out: Record<string, Role[]> = Object.create(null);
    for (const l of this.#read().layouts) out[l.key] = l.mapping;
    return out;
  }

  remember(key: string, mapping: Role[]): void {
    const stored = this.#read();
    const layouts = [{ key, mapping, at: new Date().toISOString() }, ...stored.layouts.filter((l) => l.key !== key)].slice(0, MAX);
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileAtomic(this.file, JSON.stringify({ version: 1, layouts }, null, 2), { replace: true });
    } catch {
      // Only a convenience: the import itself is done.
    }
  }
}
