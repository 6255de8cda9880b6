import type { Database } from 'better-sqlite3';

/**
 * One step of the schema. `up` runs inside a transaction opened by the registry, with foreign keys off (checked with
 * `foreign_key_check` before commit), together with the user_version bump. IMMUTABLE once released.
 */
export interface Migration {
  /** The user_version the file has once this migration ran. */
  version: number;
  name: string;
  up(db: Database): void;
}
