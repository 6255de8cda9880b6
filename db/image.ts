// Images of a database: a serialized file opened in memory, and what a file's header says of its journal mode.
import type Database from 'better-sqlite3';
import { closeSync, openSync, readSync } from 'node:fs';
import { rawOpen, type Sqlite } from './sqlite';

/**
 * An in-memory database holding `image` (a serialized file, copied): marked as a rollback-journal image first, since
 * a WAL-mode header (bytes 18–19 set to 2) cannot be deserialized. Foreign keys on, as on every connection of Trame.
 */
export function openImage(image: Uint8Array, options: Database.Options = {}): Sqlite {
  const copy = Buffer.from(image);
  copy[18] = 1;
  copy[19] = 1;
  const db = rawOpen(copy, options);
  db.pragma('foreign_keys = ON');
  return db;
}

/** Header bytes 18–19 say 2 in WAL mode: opened read-only, SQLite would want to create a -shm beside the file. */
export function walAtRest(file: string): boolean {
  const bytes = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, bytes, 0, 2, 18);
  } finally {
    closeSync(fd);
  }
  return bytes[0] === 2 || bytes[1] === 2;
}
