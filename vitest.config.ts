import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser suite and the registry suite have their own commands (npm run test:e2e,
    // npm run test:registry).
    exclude: [...configDefaults.exclude, 'test/e2e/**', 'test/registry/**'],
    // A machine zone far from the sample site's (Asia/Shanghai): dates must not depend on it.
    env: { TZ: 'America/Los_Angeles' },
    // Two test files at once even on two cores (vitest's default leaves one core free): many tests
    // wait on the quire processes they start. On two cores: 316 s instead of 429 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
