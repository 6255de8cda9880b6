import { existsSync } from 'node:fs';

/** Flags for Debian's Chromium on a machine with no network (see the env notes) and as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** The browser the UI tests need. Missing is a failure, never a skip. */
export function chromiumPath(): string {
  const p = process.env.TRAME_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(p)) {
    throw new Error(`Chromium est introuvable (${p}) : installez-le (apt-get install chromium). Les tests d'interface ne sont jamais sautés.`);
  }
  return p;
}
