import { defineConfig } from 'vitest/config';

// The registry suite (`npm run test:registry`): publishes quire-ssg and create-quire to a
// Verdaccio on loopback and installs them as users do. Needs the public npm registry (Verdaccio's
// uplink) for quire's own dependencies.
export default defineConfig({
  test: {
    include: ['test/registry/**/*.test.ts'],
    env: { TZ: 'America/Los_Angeles' },
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
