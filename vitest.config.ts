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
    // expect.poll waits up to 10 s, not 1 s: on a loaded 2-core CI machine, a removal answered and redrawn took more
    // than a second once (test/ui/focus.test.ts, « COPIL : supprimer le COPIL »). What is awaited is unchanged.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});
