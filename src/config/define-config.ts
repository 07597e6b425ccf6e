import type { UserConfig } from './schema.js';

/** Identity function that gives `quire.config.ts` type checking and completion. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
