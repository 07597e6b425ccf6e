import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Heading, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { readMarkdownTree } from './helpers/markdown-doc.js';

// The CLI reference page (docs/content/pages/cli.md) against the compiled CLI's own help: every
// command and flag `quire --help` and `quire <command> --help` print is documented, and every
// command and flag the page documents exists.
const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(repo, 'bin/quire.js');
const page = path.join(repo, 'docs/content/pages/cli.md');

function help(args: string[]): string {
  const run = spawnSync(process.execPath, [bin, ...args, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  expect(run.status).toBe(0);
  return run.stdout;
}

/** The lines of one section of cac's help (`Commands:`, `Options:`), up to the next blank line. */
function helpSection(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`${title}:`);
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Flags in the left column of help lines (`  -h, --help   Display …`) or in a flag cell (`-h, --help`). */
function flagsIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w-])--?[a-z][a-z-]*/g)].map((m) => m[0]);
}

function helpCommands(): string[] {
  return helpSection(help([]), 'Commands').map((line) => line.trim().split(/\s+/)[0]!);
}

function helpFlags(command: string[]): Set<string> {
  return new Set(helpSection(help(command), 'Options').flatMap((line) => flagsIn(line.trim().split(/\s{2,}/)[0]!)));
}

/** `## \`quire build\`` sections of the page → their flag tables; `## Options of every command` → 'global'. */
function pageFlags(): Map<string, Set<string>> {
  const sections = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const node of readMarkdownTree(page).children) {
    if (node.type === 'heading' && (node as Heading).depth === 2) {
      const text = toString(node);
      const name = /^quire ([a-z]+)$/.exec(text)?.[1] ?? (text === 'Options of every command' ? 'global' : undefined);
      current = name === undefined ? undefined : new Set();
      if (name !== undefined) sections.set(name, current!);
    } else if (node.type === 'table' && current) {
      const [head, ...rows] = (node as Table).children;
      if (toString(head!.children[0]!) !== 'flag') continue;
      for (const row of rows) for (const flag of flagsIn(toString(row.children[0]!))) current.add(flag);
    }
  }
  return sections;
}

describe('the CLI reference page', () => {
  const documented = pageFlags();
  const commands = helpCommands();

  it('has a section for every command of `quire --help`, and no other', () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    expect([...documented.keys()].filter((k) => k !== 'global').sort()).toEqual([...commands].sort());
  });

  it('documents the options of `quire --help` as the options of every command', () => {
    const global = helpFlags([]);
    expect(global).toContain('--help');
    expect(documented.get('global')).toEqual(global);
  });

  it('documents every flag of `quire <command> --help`, and no flag the command lacks', () => {
    const global = documented.get('global') ?? new Set<string>();
    for (const command of commands) {
      const shown = helpFlags([command]);
      const own = documented.get(command) ?? new Set<string>();
      expect(shown.size, command).toBeGreaterThan(3);
      const undocumented = [...shown].filter((flag) => !own.has(flag) && !global.has(flag));
      const unknown = [...own].filter((flag) => !shown.has(flag));
      expect({ command, undocumented, unknown }).toEqual({ command, undocumented: [], unknown: [] });
    }
  });

  it('reads flags the way the help prints them', () => {
    expect(flagsIn('  -h, --help        Display this message ')).toEqual(['-h', '--help']);
    expect(flagsIn('--no-cache')).toEqual(['--no-cache']);
    expect(flagsIn('--base-url <url>')).toEqual(['--base-url']);
  });
});
