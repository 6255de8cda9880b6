// One application name and one app-data folder per OS, for the Electron app, the CLI and the browser harness
// alike (settings, recent files, automatic backups). TRAME_DATA_DIR overrides it everywhere.
import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Trame';

export interface PathEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

const current = (): PathEnv => ({ platform: process.platform, env: process.env, home: os.homedir() });

/** The OS's per-user application-data folder (where Electron's `appData` points), without the app name. */
export function osAppDataRoot(p: PathEnv = current()): string {
  if (p.platform === 'win32') return p.env.APPDATA || path.win32.join(p.home, 'AppData', 'Roaming');
  if (p.platform === 'darwin') return path.posix.join(p.home, 'Library', 'Application Support');
  const xdg = p.env.XDG_CONFIG_HOME;
  return xdg && path.isAbsolute(xdg) ? xdg : path.posix.join(p.home, '.config');
}

/** Trame's own folder: TRAME_DATA_DIR when set, else `<OS app data>/Trame`. */
export function appDataDir(p: PathEnv = current()): string {
  const fromEnv = p.env.TRAME_DATA_DIR;
  if (fromEnv && fromEnv.trim() !== '') return path.resolve(fromEnv);
  const join = p.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(osAppDataRoot(p), APP_NAME);
}
