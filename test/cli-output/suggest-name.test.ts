import { describe, expect, it } from 'vitest';
import { suggestCommand, suggestName } from '../../src/cli-output/suggest-name.js';

const COMMANDS = ['build', 'dev', 'new', 'check', 'digest', 'init'];

describe('suggestCommand', () => {
  it('maps what other generators call it to quire’s name', () => {
    for (const typed of ['serve', 'server', 's', 'SERVE', 'start']) expect(suggestCommand(typed, COMMANDS), typed).toBe('dev');
    expect(suggestCommand('generate', COMMANDS)).toBe('build');
  });

  it('finds typos: a swap, a missing or an extra letter', () => {
    expect(suggestCommand('biuld', COMMANDS)).toBe('build');
    expect(suggestCommand('buid', COMMANDS)).toBe('build');
    expect(suggestCommand('chek', COMMANDS)).toBe('check');
    expect(suggestCommand('digests', COMMANDS)).toBe('digest');
    expect(suggestCommand('int', COMMANDS)).toBe('init');
  });

  it('suggests nothing for a word that is not close to any command', () => {
    expect(suggestCommand('xyzzy', COMMANDS)).toBeUndefined();
    expect(suggestCommand('deploy', COMMANDS)).toBeUndefined();
  });
});

describe('suggestName', () => {
  it('suggests the option meant', () => {
    const options = ['--drafts', '--future', '--out', '--config', '--no-cache', '--base-url'];
    expect(suggestName('--draft', options)).toBe('--drafts');
    expect(suggestName('--baseurl', options)).toBe('--base-url');
    expect(suggestName('--nocache', options)).toBe('--no-cache');
    expect(suggestName('--verbose-mode', options)).toBeUndefined();
  });
});
