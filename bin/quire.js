#!/usr/bin/env node
import v8 from 'node:v8';
import { main } from '../lib/cli.js';

// This process is quire's own: let each heap (main thread and workers) grow to 1.25× what is live
// after a full collection, not V8's default of up to 4×. Measured on 1000 posts: peak RSS 481–494
// → 367–371 MiB for ≈12% more CPU time (docs/content/pages/benchmark.md). Set here, not in the library, so a
// program that imports quire keeps its own heap settings.
v8.setFlagsFromString('--heap-growing-percent=25');

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`error[Internal] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
