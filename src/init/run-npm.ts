import { spawn } from 'node:child_process';

/** Runs npm with arguments in a folder; resolves to its exit code. */
export type RunNpm = (args: readonly string[], cwd: string) => Promise<number>;

/**
 * npm itself, with the terminal shared (its progress and errors are the user's to read). The
 * variables that npm sets for the command that runs it (`npm create`, `npm exec`) and that name
 * the folder of that command are dropped, so the nested install works in `cwd`, not there; the
 * registry, cache and user config they carry are kept.
 */
export function spawnNpm(env: NodeJS.ProcessEnv): RunNpm {
  const own = Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_(config_local_prefix|package_|lifecycle_|command$)/i.test(key)));
  return (args, cwd) =>
    new Promise((resolve) => {
      const child = spawn('npm', [...args], { cwd, env: own, stdio: 'inherit', shell: process.platform === 'win32' });
      child.on('error', () => resolve(127));
      child.on('close', (code) => resolve(code ?? 1));
    });
}
