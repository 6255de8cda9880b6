// What the handlers need from their host (Electron main, HTTP harness or CLI): where app data lives,
// and in which mode they run. Nothing of Electron here.

export interface HostOptions {
  mode: 'electron' | 'web' | 'cli';
  /** Per-user app data folder: settings.json, recent files, backups. */
  appDataDir: string;
  /** Folder proposed for new .trame files. */
  defaultDir: string;
  version: string;
  /** Minimum time between two automatic backups of an open contrat that changes (default: one hour). */
  backupIntervalMs?: number;
  /** The bundled job worker (dist/job-worker.cjs); found next to the host's bundle when absent. */
  jobWorker?: string;
}
