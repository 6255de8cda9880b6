import { defineConfig } from 'vitest/config';
import { CHANNELS } from './core/api/contract';

export default defineConfig({
  // The channel names the build gives the preload (build/scripts/build-node.mjs), from the same registry.
  define: { __TRAME_API_CHANNELS__: JSON.stringify(CHANNELS) },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/electron/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
