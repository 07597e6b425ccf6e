#!/usr/bin/env node
import { main } from '../lib/cli.js';

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`error[Internal] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
