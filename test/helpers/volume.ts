// A real small volume for the tests of full disks and read-only mounts: a tmpfs mounted in a temp folder (root, as
// CI runs; without mount rights the test fails, it never skips). Always unmounted afterwards.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect } from 'vitest';

export async function withVolume<T>(mnt: string, size: string, run: (mnt: string) => T | Promise<T>): Promise<T> {
  mkdirSync(mnt, { recursive: true });
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mnt], { encoding: 'utf8' });
  expect(mount.status, `mount tmpfs impossible : ${mount.stderr}`).toBe(0);
  try {
    return await run(mnt);
  } finally {
    spawnSync('umount', [mnt]);
  }
}
