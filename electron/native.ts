// better-sqlite3 is a native addon: the copy npm built in node_modules targets Node's ABI (for the tests,
// the CLI and the HTTP harness), Electron needs one built for its own ABI. Rather than rebuild
// node_modules back and forth, `build/scripts/ensure-electron-native.mjs` builds a separate copy into
// .native/electron-<version>/better_sqlite3.node, and the unpackaged app points the db layer at it
// through TRAME_SQLITE_BINDING. Packaged builds use node_modules, which electron-builder rebuilds for
// Electron. Keep the folder layout in step with the script (a test checks both agree).
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Read by the db layer (db/sqlite.ts): path handed to better-sqlite3's `nativeBinding` option. */
export const SQLITE_BINDING_ENV = 'TRAME_SQLITE_BINDING';
export const NATIVE_DIR_NAME = '.native';
export const BINDING_FILE_NAME = 'better_sqlite3.node';

export function electronNativeDir(appRoot: string, electronVersion: string): string {
  return path.join(appRoot, NATIVE_DIR_NAME, `electron-${electronVersion}`);
}

export function electronNativeBindingFile(appRoot: string, electronVersion: string): string {
  return path.join(electronNativeDir(appRoot, electronVersion), BINDING_FILE_NAME);
}

export interface NativeRuntime {
  /** process.versions.electron; undefined under plain Node. */
  electronVersion?: string;
  /** app.isPackaged; when omitted, guessed from an app root inside an .asar archive. */
  isPackaged?: boolean;
  exists?: (file: string) => boolean;
}

/**
 * Path of the Electron build of better-sqlite3 when running unpackaged in Electron and it exists;
 * undefined under Node (node_modules is right), when packaged (node_modules was rebuilt for Electron),
 * or when it was not built (the db layer then fails with its own message).
 */
export function electronNativeBindingPath(appRoot: string, runtime: NativeRuntime = {}): string | undefined {
  const electronVersion = 'electronVersion' in runtime ? runtime.electronVersion : process.versions.electron;
  if (!electronVersion) return undefined;
  const isPackaged = runtime.isPackaged ?? /\.asar([\\/]|$)/i.test(appRoot);
  if (isPackaged) return undefined;
  const file = electronNativeBindingFile(appRoot, electronVersion);
  return (runtime.exists ?? existsSync)(file) ? file : undefined;
}

/**
 * A file that electron-builder unpacks beside the archive (asarUnpack): its path inside `app.asar` mapped to
 * `app.asar.unpacked`. Unchanged when the app is not packaged.
 */
export function packagedPath(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
