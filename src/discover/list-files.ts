import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

const IGNORED = new Set(['.DS_Store', 'Thumbs.db', '.git']);

/** Every file under `dir` (relative, `/`-separated, sorted); none when it does not exist. Symlink loops are skipped. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string, prefix: string, seen: ReadonlySet<string>) => {
    let names: string[];
    try {
      names = readdirSync(current).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (IGNORED.has(name)) continue;
      const full = path.join(current, name);
      let stats;
      try {
        stats = statSync(full);
      } catch {
        continue;
      }
      if (stats.isDirectory()) {
        const real = realpathSync(full);
        if (!seen.has(real)) walk(full, `${prefix}${name}/`, new Set([...seen, real]));
      } else if (stats.isFile()) out.push(prefix + name);
    }
  };
  try {
    walk(dir, '', new Set([realpathSync(dir)]));
  } catch {
    return [];
  }
  return out;
}
