import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. `inMemory`: on tmpfs when there is one (many files, no durability needed). */
export function tmpDir(prefix = 'trame-test-', inMemory = false): string {
  const base = inMemory && existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const d = mkdtempSync(path.join(base, prefix));
  dirs.push(d);
  return d;
}
