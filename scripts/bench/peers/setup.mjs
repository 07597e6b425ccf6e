#!/usr/bin/env node
// Installs the peers of the comparison benchmark outside the repository, never as project
// dependencies: Hugo from the Debian package `hugo` (apt-get, as root) when `hugo` is missing, GNU
// time for CPU time and peak RSS, and Eleventy 3 (+ its syntax-highlight plugin) and Hexo 8 (+ the
// Markdown and EJS renderers and the index/tag generators) with npm into <peers>/node.
// Usage: node scripts/bench/peers/setup.mjs   (QUIRE_PEERS=<dir>, default $TMPDIR/quire-peers)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { peersDir } from './location.mjs';

// Exact versions, so a later run measures the same peers.
const NPM_PEERS = {
  '@11ty/eleventy': '3.1.8',
  '@11ty/eleventy-plugin-syntaxhighlight': '5.0.2',
  hexo: '8.1.2',
  'hexo-cli': '4.3.2',
  'hexo-renderer-marked': '7.0.1',
  'hexo-renderer-ejs': '2.0.0',
  'hexo-generator-index': '4.0.0',
  'hexo-generator-tag': '2.0.0',
};

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const dir = peersDir();
if (!path.relative(repo, dir).startsWith('..')) fail(`${dir} is inside the repository; choose a folder outside it (QUIRE_PEERS)`);

const has = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const apt = [];
if (!has('hugo', ['version'])) apt.push('hugo');
if (!existsSync('/usr/bin/time')) apt.push('time');
if (apt.length) {
  if (process.getuid?.() !== 0) fail(`install ${apt.join(' and ')} first: sudo apt-get install -y ${apt.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...apt], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const node = path.join(dir, 'node');
mkdirSync(node, { recursive: true });
writeFileSync(path.join(node, 'package.json'), JSON.stringify({ name: 'quire-bench-peers', private: true, dependencies: NPM_PEERS }, null, 2) + '\n');
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: node });
console.log(`peers ready in ${dir}: ${spawnSync('hugo', ['version'], { encoding: 'utf8' }).stdout.trim()}; ${Object.entries(NPM_PEERS).map(([n, v]) => `${n}@${v}`).join(', ')}`);

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function fail(message) {
  console.error(`setup: ${message}`);
  process.exit(1);
}
