import { describe, expect, it, vi } from 'vitest';
import { startProgress } from '../../src/cli-output/progress.js';
import { colorEnabled, createTerminal, isCi, type TerminalFacts } from '../../src/cli-output/terminal.js';
import { diagnostic, warning } from '../../src/diagnostics.js';

const facts = (over: Partial<TerminalFacts> = {}): TerminalFacts => ({ env: {}, stdoutIsTTY: false, stderrIsTTY: false, quiet: false, verbose: false, ...over });

function capture(over: Partial<TerminalFacts> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const terminal = createTerminal(facts(over), { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { terminal, out, err };
}

describe('colours', () => {
  it('follows NO_COLOR, FORCE_COLOR (0 is off), the TTY and CI', () => {
    expect(colorEnabled({ env: {}, stdoutIsTTY: true })).toBe(true);
    expect(colorEnabled({ env: { NO_COLOR: '1' }, stdoutIsTTY: true })).toBe(false);
    // an empty NO_COLOR does not count (no-color.org)
    expect(colorEnabled({ env: { NO_COLOR: '' }, stdoutIsTTY: true })).toBe(true);
    expect(colorEnabled({ env: { FORCE_COLOR: '0' }, stdoutIsTTY: true })).toBe(false);
    expect(colorEnabled({ env: { FORCE_COLOR: '1' }, stdoutIsTTY: false })).toBe(true);
    expect(colorEnabled({ env: { NO_COLOR: '1', FORCE_COLOR: '1' }, stdoutIsTTY: false })).toBe(false);
    expect(colorEnabled({ env: { TERM: 'dumb' }, stdoutIsTTY: true })).toBe(false);
    expect(colorEnabled({ env: { CI: 'true' }, stdoutIsTTY: false })).toBe(true);
    expect(isCi({ CI: 'false' })).toBe(false);
  });

  it('paints diagnostics only when colours are on', () => {
    const plain = capture({ env: { NO_COLOR: '1' }, stdoutIsTTY: true });
    plain.terminal.diagnostics([diagnostic('BrokenLink', 'x', { file: 'a.md', line: 1 })]);
    expect(plain.err.join('')).toBe('error[BrokenLink] a.md:1: x\n');
    const coloured = capture({ env: { FORCE_COLOR: '1' } });
    coloured.terminal.diagnostics([diagnostic('BrokenLink', 'x', { file: 'a.md', line: 1 })]);
    expect(coloured.err.join('')).toContain('\x1b[');
  });

  it('leaves warnings out with --quiet', () => {
    const { terminal, err } = capture({ quiet: true });
    terminal.diagnostics([warning('UnknownLanguage', 'w'), diagnostic('BrokenLink', 'e')]);
    expect(err.join('')).toBe('error[BrokenLink] e\n');
  });
});

describe('startProgress', () => {
  it('shows nothing for a task shorter than the delay', () => {
    vi.useFakeTimers();
    try {
      const { terminal, err } = capture({ stderrIsTTY: true });
      const progress = startProgress(terminal, 'building', { delayMs: 1000 });
      vi.advanceTimersByTime(900);
      progress.stop();
      vi.advanceTimersByTime(2000);
      expect(err).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('redraws one line with the elapsed time on a terminal and erases it at the end', () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const { terminal, err } = capture({ stderrIsTTY: true, env: { NO_COLOR: '1' } });
      const progress = startProgress(terminal, 'building', { delayMs: 1000, now: () => now });
      now = 1000;
      vi.advanceTimersByTime(1000);
      now = 1300;
      vi.advanceTimersByTime(300);
      progress.stop();
      expect(err[0]).toMatch(/^\r\x1b\[2K. building 1\.0s$/);
      expect(err.at(-2)).toMatch(/building 1\.3s$/);
      expect(err.at(-1)).toBe('\r\x1b[2K');
    } finally {
      vi.useRealTimers();
    }
  });

  it('prints nothing in CI or without a TTY, plain lines there with --verbose, nothing with --quiet', () => {
    vi.useFakeTimers();
    try {
      const ci = capture({ stderrIsTTY: true, env: { CI: 'true' } });
      const progress = startProgress(ci.terminal, 'building', { delayMs: 1000 });
      vi.advanceTimersByTime(5000);
      progress.stop();
      expect(ci.err).toEqual([]);
      const verbose = capture({ stderrIsTTY: false, verbose: true });
      const stages = startProgress(verbose.terminal, 'building', { delayMs: 1000 });
      stages.update('checking links');
      stages.stop();
      expect(verbose.err).toEqual(['building…\n', 'checking links…\n']);
      const quiet = capture({ stderrIsTTY: true, quiet: true });
      startProgress(quiet.terminal, 'building', { delayMs: 1000 });
      vi.advanceTimersByTime(5000);
      expect(quiet.err).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
