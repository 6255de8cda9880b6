import { defineConfig } from 'vitest/config';

// Electron end-to-end tests (Playwright _electron): `npm run test:electron`, not part of `npm test`.
// They need the Electron binary and a display (run under `xvfb-run -a` on a Linux machine without one).
export default defineConfig({
  test: {
    include: ['test/electron/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
