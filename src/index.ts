import type { BuildOptions, BuildResult } from './build.js';

export type { BuildOptions, BuildResult } from './build.js';
export { defineConfig } from './config/define-config.js';
export type { UserConfig } from './config/schema.js';
export type { ResolvedConfig } from './config/resolve-config.js';
export { QuireError, formatDiagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics.js';

/**
 * Build a site, as `quire build` does (see `build` in build.ts). The build's modules (Markdown,
 * Shiki, templates) are loaded on the first call, not with this module: a config file that
 * imports `defineConfig` from quire is loaded by every command, and stays light that way.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  return (await import('./build.js')).build(options);
}
