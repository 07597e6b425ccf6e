#!/usr/bin/env node
// @ts-check
// `npm create quire@latest my-blog`: runs the quire this package ships with as
// `quire init my-blog --install`, so the new site is quire init's own scaffold with quire-ssg
// installed at that version.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createArgs } from './create-args.js';

const require = createRequire(import.meta.url);
const todo = createArgs(process.argv.slice(2));
if (todo.kind === 'usage') {
  process.stdout.write(`${todo.text}\n`);
} else if (todo.kind === 'version') {
  const own = /** @type {{ version: string }} */ (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')));
  process.stdout.write(`${own.version}\n`);
} else if (todo.kind === 'fail') {
  process.stderr.write(`${todo.text}\n`);
  process.exitCode = 1;
} else {
  const quire = path.join(path.dirname(require.resolve('quire-ssg/package.json')), 'bin', 'quire.js');
  const run = spawnSync(process.execPath, [quire, ...todo.args], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
}
