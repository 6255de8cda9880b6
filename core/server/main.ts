// `npm run dev:web` and the UI tests' external runs: node dist/server.cjs [--port N] [--data-dir DIR] [--open]
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { appDataDir } from '../app-paths';
import { createHandlers } from '../handlers';
import { startServer } from './http';

declare const __TRAME_VERSION__: string;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const get = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  // The same data folder as the app and the CLI (core/app-paths.ts): settings, recent files, backups.
  const dataDir = path.resolve(get('--data-dir') ?? appDataDir());
  const filesDir = path.resolve(get('--files-dir') ?? path.join(dataDir, 'contrats'));
  mkdirSync(filesDir, { recursive: true });
  const { handlers, closeAll, onEvent } = createHandlers({
    mode: 'web',
    appDataDir: dataDir,
    defaultDir: filesDir,
    version: typeof __TRAME_VERSION__ === 'string' ? __TRAME_VERSION__ : '0.0.0',
  });
  const server = await startServer({ handlers, onEvent, staticDir: path.join(__dirname, 'renderer'), port: Number(get('--port') ?? 5717) });
  // The address carries the secret of this launch: only who sees this output can drive the harness.
  console.log(`Trame (navigateur) : ${server.pageUrl}  — données : ${dataDir}`);
  const stop = async (): Promise<void> => {
    closeAll();
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`Erreur : ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
