import { mkdtempSync, rmSync } from 'node:fs';
import { fromHtml } from 'hast-util-from-html';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from '../build.js';
import { collectSite } from '../collect/collect-site.js';
import { QuireError } from '../diagnostics.js';
import { discoverSources } from '../discover/discover-sources.js';
import { listFiles } from '../discover/list-files.js';
import { readGuard } from '../discover/read-guard.js';
import { walkFolder } from '../discover/walk-folder.js';
import { loadEntries } from '../load/load-entries.js';
import { isFrontMatterError, readFrontMatter } from '../load/read-front-matter.js';
import { createMarkdownProcessor } from '../render/markdown/create-processor.js';
import { checkLinks, type LinkFinding } from './check-links.js';
import { checkExternalLinks, type ExternalOptions } from './external-links.js';
import { lintEntries } from './lint-entries.js';
import { readBuiltPage } from './read-output.js';
import { fromDiagnostic, merge, traced, type CheckProblem, type Traced } from './problems.js';
import { createSourceTracer } from './trace-source.js';
import { unpackText } from '../packed-text.js';

export interface CheckOptions {
  readonly root: string;
  readonly config?: string;
  readonly baseUrl?: string;
  readonly drafts: boolean;
  readonly future: boolean;
  /** Check external links too, so. */
  readonly external: ExternalOptions | undefined;
  /** What is being done now, for a progress line. */
  readonly onStage?: (label: string) => void;
}

export interface CheckReport {
  /** No errors. */
  readonly ok: boolean;
  /** The build itself failed: `problems` are its errors, nothing else was checked. */
  readonly buildFailed: boolean;
  readonly pages: number;
  readonly links: number;
  readonly anchors: number;
  readonly external: number;
  readonly problems: readonly CheckProblem[];
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * `quire check`: build the site as it would be published into a temporary folder, then check the
 * output with a real HTML parser — every internal href/src/srcset resolves to a file under the
 * base path, every `#fragment` to an id on its page, optionally every external link — and lint the
 * front matter. Problems in the output are traced back to the source file (and line) where the
 * link was written, else named by the page they are on.
 */
export async function checkSite(options: CheckOptions): Promise<CheckReport> {
  const timings: Record<string, number> = {};
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'quire-check-'));
  const outDir = path.join(tmp, 'site');
  const stage = (label: string) => options.onStage?.(label);
  try {
    stage('building');
    let result;
    try {
      result = await build({
        root: options.root,
        ...(options.config !== undefined && { config: options.config }),
        ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
        outDir,
        drafts: options.drafts,
        future: options.future,
      });
    } catch (error) {
      if (!(error instanceof QuireError)) throw error;
      const problems = error.diagnostics.map(fromDiagnostic);
      return { ok: false, buildFailed: true, pages: 0, links: 0, anchors: 0, external: 0, problems, timings };
    }
    Object.assign(timings, result.timings);
    const { config } = result;
    const site = { url: config.url, basePath: config.basePath };

    // The sources again, for their positions: which file and line a URL of the output came from.
    let started = performance.now();
    stage('reading the sources');
    // Only the first block of each body is parsed here (all a title from a `# heading` needs); the
    // whole Markdown of an entry is parsed when a problem is traced into it.
    const parser = createMarkdownProcessor({ ...config.markdown, footnoteLabel: '', footnoteBackLabel: '' });
    const firstBlock = (markdown: string) => parser.parse(/^\n*[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*/.exec(markdown)?.[0] ?? '');
    // The build that just succeeded checked every link; this walk only must not follow a bad one.
    const guard = readGuard(config);
    const loaded = loadEntries(discoverSources(config.contentDir, guard).sources, { timezone: config.timezone, displayRoot: config.root, limits: config.limits, parseMarkdown: firstBlock, parseHtml: fromHtml });
    const collected = collectSite({ entries: loaded.entries, publicFiles: walkFolder(config.publicDir, guard).files, themeFiles: [] }, config);
    const byKey = new Map(loaded.entries.map((entry) => [entry.source.rel, entry]));
    const notesOf = (issueKey: string) =>
      (collected.site.weeklyIssues.find((issue) => issue.key === issueKey)?.sections ?? []).flatMap((section) => section.notes.flatMap((key) => byKey.get(key) ?? []));
    const trace = createSourceTracer(
      collected.site,
      config.basePath,
      (entry) => {
        const fm = readFrontMatter(unpackText(entry.text));
        return isFrontMatterError(fm) ? (entry.mdast ?? { type: 'root', children: [] }) : parser.parse('\n'.repeat(fm.bodyLineOffset) + fm.body);
      },
      notesOf,
    );
    timings['checkSources'] = Math.round(performance.now() - started);

    started = performance.now();
    stage('checking links');
    const files = listFiles(outDir);
    const pages = files.filter((f) => f.endsWith('.html')).map((f) => readBuiltPage(outDir, f));
    const links = checkLinks(pages, new Set(files), site);
    timings['checkLinks'] = Math.round(performance.now() - started);

    const problems: CheckProblem[] = result.diagnostics.map(fromDiagnostic);
    problems.push(...merge(links.findings.map((f) => traced(f, trace(f.page, f.link, f.target), config.basePath))));

    if (options.external) {
      started = performance.now();
      stage(`checking ${new Set(links.external.map((e) => e.url)).size} external links`);
      const verdicts = await checkExternalLinks(
        links.external.map((e) => e.url),
        options.external,
      );
      const external: Traced[] = [];
      for (const use of links.external) {
        const verdict = verdicts.get(use.url);
        if (!verdict || verdict.ok) continue;
        const finding: LinkFinding = {
          code: verdict.kind === 'broken' ? 'ExternalLinkBroken' : 'ExternalLinkUnverified',
          severity: verdict.kind === 'broken' ? 'error' : 'warning',
          message: `${use.link.value}: ${verdict.reason}`,
          hint: verdict.kind === 'broken' ? 'update or remove the link (the Wayback Machine may have a copy)' : 'check it in a browser; run again later if the server was down',
          page: use.page,
          link: use.link,
          target: use.target,
        };
        external.push(traced(finding, trace(use.page, use.link, use.target), config.basePath));
      }
      problems.push(...merge(external));
      timings['checkExternal'] = Math.round(performance.now() - started);
    }

    stage('linting front matter');
    problems.push(...lintEntries(loaded.entries, { now: config.now, timezone: config.timezone, drafts: config.drafts, future: config.future }).map(fromDiagnostic));

    return {
      ok: !problems.some((p) => p.severity === 'error'),
      buildFailed: false,
      pages: pages.length,
      links: links.internal,
      anchors: links.anchors,
      external: new Set(links.external.map((e) => e.url)).size,
      problems,
      timings,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
