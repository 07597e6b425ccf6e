import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A fresh temporary folder; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export function tempDir(prefix = 'quire-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Write a small site: keys are paths relative to `root`. */
export function writeFiles(root: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const [rel, contents] of Object.entries(files)) {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, contents);
  }
}

/** Every file under `dir`, relative, with `/` separators. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string, prefix: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else out.push(prefix + name);
    }
  };
  walk(dir, '');
  return out;
}

/** path → sha256 of every file under `dir`: equal maps mean byte-identical trees. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of listTree(dir)) out[rel] = createHash('sha256').update(readFileSync(path.join(dir, rel))).digest('hex');
  return out;
}

/** Inode and mtime of every file under `dir`: the same after a rebuild means nothing was written again. */
export function fileIdentities(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of listTree(dir)) {
    const s = statSync(path.join(dir, rel));
    out[rel] = `${s.ino}:${s.mtimeMs}`;
  }
  return out;
}

export function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Minimal valid site config for fixtures (JSON, so no import of quire is needed). */
export function configJson(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ title: 'Fixture', url: 'https://example.org/', timezone: 'Asia/Shanghai', language: 'zh-CN', ...extra }, null, 2);
}

/**
 * The sample site's own settings (from the repository's quire.config.ts), as plain data for a
 * `quire.config.json` in a temporary folder (where the config's `import 'quire'` cannot resolve).
 */
export async function sampleConfig(): Promise<Record<string, unknown>> {
  const { loadConfig } = await import('../../src/config/load-config.js');
  const { config } = await loadConfig(fileURLToPath(new URL('../../', import.meta.url)));
  return JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
}
