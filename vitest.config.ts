import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // The CLI tests run the compiled binary: build it once, first, so they never see a stale dist/.
    globalSetup: ['test/global-setup.ts'],
  },
});
