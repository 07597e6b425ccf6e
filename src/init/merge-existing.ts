/**
 * `package.json` and `.gitignore` are often there before `quire init` (after `npm install -D
 * quire`, or in a repository created on GitHub): they are completed, never replaced.
 */

export interface PackageWish {
  readonly name: string;
  readonly scripts: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
}

export interface Merged {
  readonly text: string;
  /** What was added, e.g. `scripts.build`. */
  readonly added: readonly string[];
  /** Existing values that differ from the scaffold's and were kept, e.g. `scripts.build`. */
  readonly kept: readonly string[];
}

/** A new site's package.json. */
export function newPackageJson(wish: PackageWish): string {
  return `${JSON.stringify({ name: wish.name, version: '0.0.0', private: true, type: 'module', scripts: wish.scripts, devDependencies: wish.devDependencies }, null, 2)}\n`;
}

/** Add the scripts and the quire dependency that are missing; change nothing else. Throws on invalid JSON. */
export function mergePackageJson(existingText: string, wish: PackageWish): Merged {
  const parsed: unknown = JSON.parse(existingText);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('it is not a JSON object');
  const pkg = parsed as Record<string, unknown>;
  const added: string[] = [];
  const kept: string[] = [];
  const section = (key: string): Record<string, unknown> => {
    const value = pkg[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    const created: Record<string, unknown> = {};
    pkg[key] = created;
    return created;
  };

  const scripts = section('scripts');
  for (const [name, command] of Object.entries(wish.scripts)) {
    if (scripts[name] === undefined) {
      scripts[name] = command;
      added.push(`scripts.${name}`);
    } else if (scripts[name] !== command) kept.push(`scripts.${name}`);
  }
  const dependencies = pkg['dependencies'] as Record<string, unknown> | undefined;
  for (const [name, range] of Object.entries(wish.devDependencies)) {
    if (dependencies?.[name] !== undefined) continue;
    const devDependencies = section('devDependencies');
    if (devDependencies[name] === undefined) {
      devDependencies[name] = range;
      added.push(`devDependencies.${name}`);
    }
  }
  const indent = /^\{\r?\n([ \t]+)"/.exec(existingText)?.[1] ?? '  ';
  const text = added.length > 0 ? `${JSON.stringify(pkg, null, indent)}\n` : existingText;
  return { text, added, kept };
}

/** Append the scaffold's ignore lines that are missing (`dist`, `/dist` and `dist/` count as the same). */
export function mergeGitignore(existingText: string, wantedText: string): Merged {
  const norm = (line: string) => line.trim().replace(/^\//, '').replace(/\/$/, '');
  const have = new Set(existingText.split(/\r?\n/).map(norm));
  const missing = wantedText.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#') && !have.has(norm(line)));
  if (missing.length === 0) return { text: existingText, added: [], kept: [] };
  const separator = existingText === '' || existingText.endsWith('\n') ? '' : '\n';
  return { text: `${existingText}${separator}${existingText === '' ? '' : '\n'}# quire\n${missing.join('\n')}\n`, added: missing, kept: [] };
}
