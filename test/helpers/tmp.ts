import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Folders left by a test process that was killed (afterEach never ran) are removed: their name carries the pid.
 * On tmpfs they would otherwise hold memory until the machine restarts.
 */
function sweep(base: string): void {
  for (const name of readdirSync(base)) {
    const m = /^trame-test-(?:[a-z]+-)?(\d+)-/.exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) rmSync(path.join(base, name), { recursive: true, force: true });
  }
}
const swept = new Set<string>();

/** A fresh temp folder, removed after the test. `inMemory`: on tmpfs when there is one (many files, no durability needed). */
export function tmpDir(prefix = 'trame-test-', inMemory = false): string {
  const base = inMemory && existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  if (!swept.has(base)) {
    swept.add(base);
    sweep(base);
  }
  const d = mkdtempSync(path.join(base, `${prefix}${process.pid}-`));
  dirs.push(d);
  return d;
}
