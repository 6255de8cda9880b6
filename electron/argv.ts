// Command line and environment read by the shell. Pure.
import path from 'node:path';

export const TRAME_FILE_EXTENSION = '.trame';
/** Set by tests (and power users) to keep settings and recent files in a throw-away folder. */
export const USER_DATA_ENV = 'TRAME_USER_DATA';

/**
 * .trame files named on a command line (double-click on Windows/Linux, `trame fichier.trame`,
 * or the argv a second instance forwards). Flags (Chromium adds some) and the executable are skipped;
 * relative paths are resolved against the launching folder.
 */
export function trameFilesFromArgv(argv: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg.length === 0 || arg.length > 4096) continue;
    if (arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith(TRAME_FILE_EXTENSION)) continue;
    const resolved = path.resolve(cwd, arg);
    if (!files.includes(resolved)) files.push(resolved);
  }
  return files;
}

/** Absolute folder from TRAME_USER_DATA, or undefined (then Electron's userData is used). */
export function userDataDirOverride(env: Record<string, string | undefined>): string | undefined {
  const dir = env[USER_DATA_ENV];
  if (!dir || !path.isAbsolute(dir)) return undefined;
  return path.normalize(dir);
}
