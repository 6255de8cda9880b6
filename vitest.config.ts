import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The channel names the build gives the preload (build/scripts/build-node.mjs), from the same registry.
    setupFiles: ['test/helpers/api-channels.setup.ts'],
    exclude: ['test/electron/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
