// The base of a merge between two copies that share no journal history (one is a « copie sans historique », or each
// came from an export → import) but hold a frozen version with the same content (fingerprint): the newest such
// version's content, made into rows the way an import makes them (a new file in a temporary folder, read back, then
// removed). Rows the interchange format gives no id of its own (a commitment's status history, a QPV) are matched to
// the copies' rows by their references and position; columns the format does not carry (an item's order key, the
// contrat's creation time, the protocole's printed parts) take the format's defaults, so a change of one of them on
// one side only reads as a change (both sides agreeing is never a conflict).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TrameDocument } from '../../domain/format-types';
import { openTrameFileForReading } from '../../../db/reading';
import { safeClose } from '../../../db/connection';
import { Runner } from '../../../db/query';
import { createFromDocument } from '../files';
import type { Image, MergeTable, Row } from './model/three-way';
import { readImage } from './read';

const keyText = (t: MergeTable, r: Row) => JSON.stringify(t.key.map((k) => r[k]));

/** Base rows without a counterpart by key take the key of the copies' row with the same references and position. */
export function rekeyBase(base: Image, tables: readonly MergeTable[], sides: readonly Image[]): Image {
  for (const t of tables) {
    const rows = base.get(t.table);
    if (!rows) continue;
    const known = (k: string) => sides.some((s) => s.get(t.table)?.has(k));
    const lost = [...rows].filter(([k]) => !known(k));
    if (!lost.length) continue;
    const sig = [...t.refs.map((r) => r.col), ...(t.cols.includes('position') ? ['position'] : [])].filter((c) => !t.key.includes(c));
    if (!sig.length) continue;
    const sigOf = (r: Row) => JSON.stringify(sig.map((c) => r[c] ?? null));
    const candidates = new Map<string, [string, Row]>();
    for (const s of sides) {
      for (const [k, r] of s.get(t.table) ?? []) if (!rows.has(k) && !candidates.has(sigOf(r))) candidates.set(sigOf(r), [k, r]);
    }
    for (const [k, r] of lost) {
      const match = candidates.get(sigOf(r));
      if (!match) continue;
      candidates.delete(sigOf(r));
      rows.delete(k);
      const row = { ...r };
      for (const c of t.key) row[c] = match[1][c];
      rows.set(keyText(t, row), row);
    }
  }
  return base;
}

/** The rows of a frozen content (canonical JSON of the interchange format), keyed as in the copies. */
export function imageOfContent(contentJson: string, tables: readonly MergeTable[], sides: readonly Image[]): Image {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trame-fusion-base-'));
  try {
    const file = path.join(dir, 'base.trame');
    createFromDocument(file, JSON.parse(contentJson) as TrameDocument);
    const { db } = openTrameFileForReading(file);
    try {
      return rekeyBase(readImage(new Runner(db), tables), tables, sides);
    } finally {
      safeClose(db, false);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
