#!/usr/bin/env node
import v8 from 'node:v8';

// This process is quire's own: let each heap (main thread and workers) grow to 1.25× what is live
// after a full collection, not V8's default of up to 4×. Measured on 1000 posts: peak RSS 481–494
// → 367–371 MiB for ≈12% more CPU time (docs/content/pages/benchmark.md). Set here, not in the library, so a
// program that imports quire keeps its own heap settings.
v8.setFlagsFromString('--heap-growing-percent=25');

// lib/ is compiled from src/ by `npm install` (its `prepare` script) in a checkout; an installed
// package ships it. Without it, say what to run instead of printing Node's stack trace.
let main;
try {
  ({ main } = await import('../lib/cli.js'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('lib/cli.js')) throw error;
  process.stderr.write(
    'error[Internal] quire is not compiled: lib/cli.js is missing\n' +
      '  hint: in a checkout of quire, run `npm install` (it compiles src/ into lib/), or `npx tsc -p tsconfig.build.json`\n',
  );
  process.exit(1);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`error[Internal] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
