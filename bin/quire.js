#!/usr/bin/env node

// No V8 heap flags: `--heap-growing-percent=25` (each heap grown to 1.25× what is live after a
// full collection) held peak RSS down, but a cold build then spent a sixth of its CPU time in the
// garbage collector (docs/content/pages/benchmark.md).

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
