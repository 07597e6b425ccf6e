import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

/** A URL found in a built page. */
export interface PageLink {
  readonly tag: string;
  readonly attribute: string;
  readonly value: string;
  /** Line and column in the built HTML. */
  readonly line: number | undefined;
  readonly column: number | undefined;
}

export interface BuiltPage {
  /** File under the output folder, `/`-separated: `posts/远程办公/index.html`. */
  readonly outputPath: string;
  /** Decoded URL path relative to the base path: `/posts/远程办公/`. */
  readonly url: string;
  readonly ids: ReadonlySet<string>;
  readonly links: readonly PageLink[];
}

/** Attributes that hold one URL, per element; `srcset` holds several. */
const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  script: ['src'],
  iframe: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  embed: ['src'],
  object: ['data'],
};

/** Parse one built HTML page with a real HTML parser (hast-util-from-html): its ids and URLs. */
export function readBuiltPage(outDir: string, outputPath: string): BuiltPage {
  const html = readFileSync(path.join(outDir, ...outputPath.split('/')), 'utf8');
  const tree = fromHtml(html);
  const ids = new Set<string>();
  const links: PageLink[] = [];
  visit(tree, 'element', (node: Element) => {
    const id = node.properties['id'];
    if (typeof id === 'string' && id !== '') ids.add(id);
    const name = node.properties['name'];
    if (node.tagName === 'a' && typeof name === 'string' && name !== '') ids.add(name);
    for (const attribute of URL_ATTRIBUTES[node.tagName] ?? []) {
      const raw = node.properties[attribute];
      const values = attribute === 'srcSet' ? srcsetUrls(raw) : typeof raw === 'string' ? [raw] : [];
      for (const value of values) {
        links.push({ tag: node.tagName, attribute: attribute === 'srcSet' ? 'srcset' : attribute, value, line: node.position?.start.line, column: node.position?.start.column });
      }
    }
  });
  return { outputPath, url: urlOfOutput(outputPath), ids, links };
}

/** `index.html` → `/`, `a/b/index.html` → `/a/b/`, `404.html` → `/404.html`. */
export function urlOfOutput(outputPath: string): string {
  if (outputPath === 'index.html') return '/';
  if (outputPath.endsWith('/index.html')) return `/${outputPath.slice(0, -'index.html'.length)}`;
  return `/${outputPath}`;
}

function srcsetUrls(raw: unknown): string[] {
  // hast splits srcset on commas into a list of "url descriptor" strings.
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : [];
  return list.map((candidate) => candidate.trim().split(/\s+/)[0] ?? '').filter((url) => url !== '');
}
