export { build, type BuildOptions, type BuildResult } from './build.js';
export { defineConfig } from './config/define-config.js';
export type { UserConfig } from './config/schema.js';
export type { ResolvedConfig } from './config/resolve-config.js';
export { QuireError, formatDiagnostic, type Diagnostic, type DiagnosticCode } from './diagnostics.js';
