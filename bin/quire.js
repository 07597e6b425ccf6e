#!/usr/bin/env node
import { main } from '../lib/cli.js';

// No V8 heap flags: `--heap-growing-percent=25` (each heap grown to 1.25× what is live after a
// full collection) held peak RSS down, but a cold build then spent a sixth of its CPU time in the
// garbage collector (docs/content/pages/benchmark.md).

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`error[Internal] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
