import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The jar the `vnu-jar` devDependency ships (its default export is this path; it has no types). */
const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

export interface VnuMessage {
  readonly type: string;
  readonly subType?: string;
  readonly url?: string;
  readonly message: string;
  readonly lastLine?: number;
  readonly extract?: string;
}

/** The Nu HTML Checker (the W3C's validator, from the vnu-jar package) over files; errors only. */
export async function vnuErrors(files: readonly string[]): Promise<VnuMessage[]> {
  // vnu exits 1 when it found errors; its JSON report is on stderr either way.
  const result = await run('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string; code?: number | string }) => {
      if (error.code === 'ENOENT') {
        throw new Error('java not found: the Nu HTML Checker (vnu-jar) needs Java 8 or later (Debian: apt-get install default-jre-headless; see CONTRIBUTING.md)');
      }
      if (error.code !== 1 || !error.stderr) throw error;
      return { stdout: error.stdout ?? '', stderr: error.stderr };
    },
  );
  return (JSON.parse(result.stderr) as { messages: VnuMessage[] }).messages;
}
