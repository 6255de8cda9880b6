import { defineConfig } from 'vitest/config';

// Tests on real block devices (loop-mounted ext4 shut down like a pulled USB key, a full tmpfs):
// `npm run test:device`, not part of `npm test`. They need root and loop devices, and fail loudly without them.
export default defineConfig({
  test: {
    include: ['test/device/**/*.device.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
