// The one place that makes a better-sqlite3 connection: under Electron, to the Electron-ABI build of the native
// module (electron/native.ts sets TRAME_SQLITE_BINDING); under Node, to node_modules' own build. The lowest module of
// db/: every other one may import it, it imports none of them.
import Database from 'better-sqlite3';

export type Sqlite = Database.Database;

function nativeBinding(): string | undefined {
  // Set by the Electron main process to the Electron-ABI build (see electron/native.ts); unset under Node.
  return process.env.TRAME_SQLITE_BINDING || undefined;
}

export function rawOpen(file: string | Buffer, options: Database.Options = {}): Sqlite {
  const binding = nativeBinding();
  return new Database(file as string, binding ? { ...options, nativeBinding: binding } : options);
}
