import { defineConfig } from 'vitest/config';

// The browser suite (`npm run test:e2e`): builds the sample site, serves it under a sub-path and
// drives Debian's Chromium (/usr/bin/chromium) with playwright-core. One file at a time: one browser.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    env: { TZ: 'America/Los_Angeles' },
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
