export interface Migration {
  /** The user_version the file has once this migration ran. */
  version: number;
  name: string;
  sql: string;
}
