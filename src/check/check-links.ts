import type { DiagnosticCode } from '../diagnostics.js';
import type { BuiltPage, PageLink } from './read-output.js';
import { fileForPath, resolveLink, type LinkTarget, type SiteAddress } from './resolve-link.js';

/** A problem with one URL of one built page, before it is traced back to a source file. */
export interface LinkFinding {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly hint: string | undefined;
  readonly page: BuiltPage;
  readonly link: PageLink;
  readonly target: LinkTarget;
}

export interface ExternalUse {
  readonly url: string;
  readonly page: BuiltPage;
  readonly link: PageLink;
  readonly target: LinkTarget;
}

export interface LinkCheck {
  readonly findings: LinkFinding[];
  readonly external: ExternalUse[];
  /** Internal URLs checked, anchors among them. */
  readonly internal: number;
  readonly anchors: number;
}

/** Browsers scroll to the top for `#top` without an element of that id. */
const BUILTIN_FRAGMENTS = new Set(['top']);

/**
 * Every href/src/srcset of every built page: internal ones must resolve to a file under the base
 * path, and a `#fragment` to an id on the target page; external http(s) URLs are gathered.
 */
export function checkLinks(pages: readonly BuiltPage[], files: ReadonlySet<string>, site: SiteAddress): LinkCheck {
  const byOutput = new Map(pages.map((p) => [p.outputPath, p]));
  const findings: LinkFinding[] = [];
  const external: ExternalUse[] = [];
  let internal = 0;
  let anchors = 0;
  for (const page of pages) {
    for (const link of page.links) {
      const target = resolveLink(link.value, page.url, site);
      const found = (code: DiagnosticCode, message: string, hint?: string) => findings.push({ code, severity: 'error', message, hint, page, link, target });
      const isResource = !(link.tag === 'a' || link.tag === 'area');
      switch (target.kind) {
        case 'skip':
          continue;
        case 'external':
          external.push({ url: target.url, page, link, target });
          continue;
        case 'malformed':
          found('BrokenLink', `${link.value} is malformed: ${target.reason}`, 'percent-encode the URL, or fix the typo');
          continue;
        case 'outside-base':
          found(
            isResource ? 'MissingAsset' : 'BrokenLink',
            `${link.value} is outside the site's base path ${site.basePath}, so it is not found once published`,
            `quire adds the base path only to Markdown links and images; in raw HTML write it yourself (\`${site.basePath}${link.value.replace(/^\/+/, '')}\`) or use Markdown, and in templates use \`| relative_url\``,
          );
          continue;
        case 'internal': {
          internal++;
          const file = fileForPath(target.path, files);
          if (file === undefined) {
            const shownPath = safeDecode(link.value.split(/[?#]/)[0]!) === target.path ? '' : ` (${target.path})`;
            found(
              isResource ? 'MissingAsset' : 'BrokenLink',
              `${link.value}${shownPath} does not exist on the site`,
              isResource ? 'put the file into public/ (or the page bundle), or fix the path' : 'fix the path, or link to the source file (`../posts/x.md`) so the build checks it',
            );
            continue;
          }
          if (target.fragment === undefined || target.fragment === '' || BUILTIN_FRAGMENTS.has(target.fragment) || !file.endsWith('.html')) continue;
          anchors++;
          const targetPage = byOutput.get(file);
          if (targetPage && !targetPage.ids.has(target.fragment)) {
            const same = targetPage === page;
            found(
              'BrokenAnchor',
              `${safeDecode(link.value)}: ${same ? 'this page' : target.path} has no element with id "${target.fragment}"`,
              'heading ids are the heading text, lower-cased, spaces as `-` (CJK kept): copy the link from the heading, or check the spelling',
            );
          }
        }
      }
    }
  }
  return { findings, external, internal, anchors };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
