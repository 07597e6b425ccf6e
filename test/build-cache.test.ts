import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../src/build.js';
import { configJson, fileIdentities, hashTree, remove, sampleConfig, tempDir, writeFiles } from './helpers/site-fixture.js';

// Cached, uncached, single- and multi-threaded builds must write byte-identical sites.
const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(repo, 'bin/quire.js');
const NOW = new Date('2026-11-23T00:00:00Z');
const POSTS = 60;
const LANGS = ['ts', 'go', 'python', 'rust', 'bash'];

/** The sample site's settings, as a JSON config. */
const SAMPLE_CONFIG = await sampleConfig();

/** A generated post: CJK and English text, a link to the next post, a code block, a heading. */
function post(i: number, extra = ''): string {
  const next = `gen-${String((i + 1) % POSTS).padStart(3, '0')}.md`;
  const lang = i === 7 ? 'klingon' : LANGS[i % LANGS.length]!;
  const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return [
    '---',
    `title: "生成的文章 ${i}"`,
    `date: ${day} 09:30`,
    `tags: [gen, ${i % 2 === 0 ? '偶数' : 'odd'}]`,
    '---',
    '',
    `远程办公的第 ${i} 天。The build cache keeps page ${i} until its source changes.${extra}`,
    '',
    '<!-- more -->',
    '',
    `## 小节 ${i}`,
    '',
    `See [the next one](./${next}) and [about](../pages/about.md#${encodeURIComponent('联系')}).`,
    '',
    '```' + lang,
    `// example ${i}`,
    `const value${i} = compute(${i}); // 注释`,
    '```',
    '',
  ].join('\n');
}

function generatedPosts(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < POSTS; i++) files[`content/posts/gen-${String(i).padStart(3, '0')}.md`] = post(i);
  return files;
}

/** A config as code, with a rehype plugin (a function: workers must load the config themselves). */
const PLUGIN_CONFIG = `const stamp = () => (tree) => {
  const walk = (node) => {
    if (node.type === 'element' && node.tagName === 'h2') node.properties['dataPlugin'] = 'yes';
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
};
export default { ...${JSON.stringify(SAMPLE_CONFIG)}, markdown: { rehypePlugins: [stamp] } };
`;

function sampleSite(root: string, extra: Record<string, string> = {}, config: Record<string, string> = { 'quire.config.json': JSON.stringify(SAMPLE_CONFIG) }): void {
  cpSync(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
  cpSync(path.join(repo, 'public'), path.join(root, 'public'), { recursive: true });
  writeFiles(root, { ...config, ...extra });
}

/** `force`: these tests are about the entry and page caches, so no build stops at "up to date" (see start-build.test.ts). */
function run(root: string, outDir: string, flags: Partial<BuildOptions>): Promise<BuildResult> {
  return build({ root, outDir, now: NOW, drafts: false, future: false, force: true, ...flags });
}


describe.each([
  { name: 'the sample site', extra: {} as Record<string, string>, config: undefined, workers: 0 },
  { name: `the sample site plus ${POSTS} generated posts and a plugin config`, extra: generatedPosts(), config: { 'quire.config.mjs': PLUGIN_CONFIG }, workers: 1 },
])('$name, built four ways', ({ extra, config, workers }) => {
  let root: string;
  let reference: Record<string, string>;
  let uncached: BuildResult;
  beforeAll(async () => {
    root = tempDir();
    sampleSite(root, extra, config);
    uncached = await run(root, path.join(root, 'out-1'), { cache: false, threads: 1 });
    reference = hashTree(path.join(root, 'out-1'));
  });
  afterAll(() => remove(root));

  it('without cache on one thread (the reference) rendered every entry on the main thread', () => {
    expect(uncached.stats.workers).toBe(0);
    expect(uncached.stats.rendered.cached).toBe(0);
    expect(Object.keys(reference).length).toBeGreaterThan(30);
    if (workers === 0) return;
    // The plugin ran; the unknown fence language is reported at its line (compared across threads below).
    expect(readFileSync(path.join(root, 'out-1/posts/gen-001/index.html'), 'utf8')).toContain('<h2 id="小节-1" data-plugin="yes">');
    expect(uncached.diagnostics).toContainEqual(expect.objectContaining({ code: 'UnknownLanguage', file: path.join('content', 'posts', 'gen-007.md'), line: 15, column: 1 }));
  });

  it('without cache on two threads: the same bytes and the same diagnostics', async () => {
    const result = await run(root, path.join(root, 'out-2'), { cache: false, threads: 2 });
    expect(result.stats.workers).toBe(workers);
    expect(hashTree(path.join(root, 'out-2'))).toEqual(reference);
    expect(result.diagnostics).toEqual(uncached.diagnostics);
  });

  it('with the cache, cold then warm: the same bytes, nothing parsed or rendered again, unchanged files kept', async () => {
    const out = path.join(root, 'dist');
    const cold = await run(root, out, { threads: 2 });
    expect(hashTree(out)).toEqual(reference);
    expect(cold.stats.rendered.cached).toBe(0);
    const before = fileIdentities(out);

    const warm = await run(root, out, { threads: 2 });
    expect(hashTree(out)).toEqual(reference);
    expect(warm.diagnostics).toEqual(uncached.diagnostics);
    // Weekly issues and notes are always parsed (their trees are merged); everything else comes from the cache.
    const parsedAlways = readdirSync(path.join(root, 'content/weekly')).length + readdirSync(path.join(root, 'content/notes')).length;
    expect(warm.stats.loaded.parsed).toBe(parsedAlways);
    expect(warm.stats.rendered.rendered).toBe(0);
    expect(warm.stats.workers).toBe(0);
    expect(warm.stats.output.written).toBe(0);
    expect(warm.stats.pages.rendered).toBe(0);
    expect(fileIdentities(out)).toEqual(before);
  });

  it('with the cache, renders a page again when its file was changed by hand or a template changed', async () => {
    const out = path.join(root, 'dist');
    writeFileSync(path.join(out, 'archive/index.html'), 'edited by hand');
    const repaired = await run(root, out, { threads: 2 });
    expect(repaired.stats.pages.rendered).toBe(1);
    expect(hashTree(out)).toEqual(reference);

    writeFiles(root, { 'templates/partials/pagination.liquid': readFileSync(path.join(repo, 'templates/partials/pagination.liquid'), 'utf8') + '\n' });
    const retemplated = await run(root, out, { threads: 2 });
    expect(retemplated.stats.pages.reused).toBe(0);
    remove(path.join(root, 'templates'));
    await run(root, out, { threads: 2 });
    expect(hashTree(out)).toEqual(reference);
  });

  it('with the cache, after editing one post and reverting it: the same bytes', async () => {
    const out = path.join(root, 'dist');
    const file = path.join(root, 'content/posts/go-loader.md');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/\n$/, '\n\nAn edit that is reverted.\n'));
    const edited = await run(root, out, { threads: 2 });
    expect(edited.stats.rendered.rendered).toBe(1);
    expect(readFileSync(path.join(out, 'posts/go-loader/index.html'), 'utf8')).toContain('An edit that is reverted.');
    writeFileSync(file, original);
    const reverted = await run(root, out, { threads: 2 });
    // The records of the original text are still there (unused records live for a day).
    expect(reverted.stats.rendered.rendered).toBe(0);
    expect(hashTree(out)).toEqual(reference);
  });

  it('with the records of a build at the site URL, a build at a loopback origin (as `quire dev` serves it) renders nothing again and writes the bytes of an uncached build there', async () => {
    // The base path stays the config's own; only the origin changes, as in `quire dev`.
    const local = `http://127.0.0.1:4321${new URL(String(SAMPLE_CONFIG['url'])).pathname}`;
    const out = path.join(root, 'at-loopback');
    const reused = await run(root, out, { threads: 2, baseUrl: local });
    expect(reused.stats.rendered.rendered).toBe(0);
    expect(reused.stats.rendered.cached).toBeGreaterThan(0);
    await run(root, path.join(root, 'at-loopback-fresh'), { cache: false, threads: 1, baseUrl: local });
    expect(hashTree(out)).toEqual(hashTree(path.join(root, 'at-loopback-fresh')));
    // The feeds' text links and images point at the origin the build was made for, never at the records' stand-in.
    const atom = readFileSync(path.join(out, 'atom.xml'), 'utf8');
    expect(atom).toContain(`href="${local}posts/`);
    expect(atom).not.toContain('https://example.org/');
    for (const file of Object.keys(hashTree(out))) expect(readFileSync(path.join(out, file), 'latin1'), file).not.toContain('quire-site-origin.invalid');
  });

  it('with a corrupt cache (truncated and altered records, a garbled highlight cache): the same bytes, every bad record ignored', async () => {
    const out = path.join(root, 'dist');
    const records = path.join(root, '.quire-cache/entries');
    let damaged = 0;
    for (const name of readdirSync(records)) {
      const full = path.join(records, name);
      const [header, ...lines] = readFileSync(full, 'utf8').split('\n');
      // Every record: half of them cut short, the others still JSON but not what was written.
      const tampered = lines.map((line, i) => {
        if (line === '') return line;
        damaged++;
        const json = line.indexOf('{');
        return i % 2 === 0 ? line.slice(0, json + ((line.length - json) >> 1)) : `${line.slice(0, json)}{ ${line.slice(json + 1)}`;
      });
      writeFileSync(full, [header, ...tampered].join('\n'));
    }
    expect(damaged).toBeGreaterThan(10);
    writeFileSync(path.join(root, '.quire-cache/highlight.json'), '{"stamp": "3/garbage", "entries": {');
    const result = await run(root, out, { threads: 2 });
    expect(result.stats.rejectedRecords).toBeGreaterThan(damaged / 2);
    expect(hashTree(out)).toEqual(reference);
  });
});

describe('the records of a build that fails', () => {
  it('are kept: after the fix, the entries that loaded are not parsed again', async () => {
    const root = tempDir();
    try {
      const posts = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`content/posts/p${i}.md`, `---\ntitle: P${i}\ndate: 2025-01-0${i + 1}\n---\n\n第 ${i} 篇。\n`]));
      writeFiles(root, { 'quire.config.json': configJson(), ...posts, 'content/posts/broken.md': '---\ntitle: Broken\ndate: 2025-13-45\n---\n\nx\n' });
      const failed = await run(root, path.join(root, 'dist'), {}).catch((e: unknown) => e as { diagnostics?: Array<{ code: string; file?: string }> });
      expect((failed as { diagnostics?: Array<{ code: string; file?: string }> }).diagnostics?.filter((d) => d.code !== 'Info').map((d) => d.file)).toEqual([path.join('content', 'posts', 'broken.md')]);
      writeFileSync(path.join(root, 'content/posts/broken.md'), '---\ntitle: Fixed\ndate: 2025-01-09\n---\n\nx\n');
      const fixed = await run(root, path.join(root, 'dist'), {});
      expect(fixed.stats.loaded).toEqual({ cached: 4, parsed: 1 });
    } finally {
      remove(root);
    }
  });
});

describe('the records of a build that is killed', () => {
  it('serve the next build: the entries it loaded are not parsed again, and the output is the same', async () => {
    const root = tempDir();
    try {
      const posts = Object.fromEntries(
        Array.from({ length: 200 }, (_, i) => [
          `content/posts/p${String(i).padStart(3, '0')}.md`,
          `---\ntitle: 第 ${i} 篇\ndate: 2025-01-01 ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}\n---\n\n远程办公的第 ${i} 天。\n\n\`\`\`ts\nconst n${i} = ${i};\n\`\`\`\n`,
        ]),
      );
      writeFiles(root, { 'quire.config.json': configJson(), ...posts });
      const entries = path.join(root, '.quire-cache/entries');
      const child = spawn(process.execPath, [bin, 'build', '--root', root], { stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // Killed (as by an out-of-memory killer or a CI time-out: no chance to save) once its pack has records.
      let records = 0;
      for (let waited = 0; records < 3 && child.exitCode === null && waited < 60_000; waited += 5) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const temporary = existsSync(entries) ? readdirSync(entries).filter((name) => name.endsWith('.tmp')) : [];
        records = temporary.reduce((n, name) => n + readFileSync(path.join(entries, name), 'utf8').split('\n').length - 2, 0);
      }
      child.kill('SIGKILL');
      await exited;
      expect(child.signalCode, 'the build ended before it could be killed').toBe('SIGKILL');
      expect(readdirSync(entries).filter((name) => name.endsWith('.rec'))).toEqual([]);

      const after = await run(root, path.join(root, 'dist'), {});
      expect(after.stats.loaded.cached).toBeGreaterThan(0);
      expect(after.stats.loaded.cached + after.stats.loaded.parsed).toBe(200);
      expect(after.stats.rejectedRecords).toBe(0);
      await run(root, path.join(root, 'fresh'), { cache: false });
      expect(hashTree(path.join(root, 'dist'))).toEqual(hashTree(path.join(root, 'fresh')));
    } finally {
      remove(root);
    }
  });
});

describe('the render cache and links between entries', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir();
    writeFiles(root, {
      'quire.config.json': configJson(),
      'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-02\n---\n\nRead [B](./b.md#细节) first.\n',
      'content/posts/b.md': '---\ntitle: B\ndate: 2025-01-01\n---\n\nB itself.\n\n## 细节\n',
      'content/posts/c.md': '---\ntitle: C\ndate: 2025-01-03\n---\n\nNo links here.\n',
    });
  });
  afterAll(() => remove(root));

  it('renders a cached post again when a post it links to moves, and only then', async () => {
    const out = path.join(root, 'dist');
    await run(root, out, {});
    expect(readFileSync(path.join(out, 'posts/a/index.html'), 'utf8')).toContain(`href="/posts/b/#${encodeURIComponent('细节')}"`);

    writeFileSync(path.join(root, 'content/posts/b.md'), '---\ntitle: B\ndate: 2025-01-01\nslug: moved\n---\n\nB itself.\n\n## 细节\n');
    const moved = await run(root, out, {});
    // b (its source changed) and a (its link target moved); c is untouched.
    expect(moved.stats.rendered).toEqual({ cached: 1, rendered: 2 });
    expect(readFileSync(path.join(out, 'posts/a/index.html'), 'utf8')).toContain(`href="/posts/moved/#${encodeURIComponent('细节')}"`);
    const cachedTree = hashTree(out);

    await run(root, path.join(root, 'fresh'), { cache: false });
    expect(hashTree(path.join(root, 'fresh'))).toEqual(cachedTree);
  });

  it('reports a link to a post that became a draft, even though the linking post was cached', async () => {
    writeFileSync(path.join(root, 'content/posts/b.md'), '---\ntitle: B\ndate: 2025-01-01\ndraft: true\n---\n\nB itself.\n');
    const error = await run(root, path.join(root, 'dist'), {}).catch((e: unknown) => e);
    expect(String((error as { diagnostics?: Array<{ message: string; file?: string; line?: number }> }).diagnostics?.map((d) => `${d.file}:${d.line} ${d.message}`))).toContain(
      `${path.join('content', 'posts', 'a.md')}:6 the link to ./b.md#${encodeURIComponent('细节')} points at a draft`,
    );
  });

  it('renders again when a setting that reaches the HTML changes, and matches an uncached build', async () => {
    writeFileSync(path.join(root, 'content/posts/b.md'), '---\ntitle: B\ndate: 2025-01-01\n---\n\nB itself.\n\n## 细节\n');
    await run(root, path.join(root, 'dist'), {});
    writeFileSync(path.join(root, 'quire.config.json'), configJson({ summaryLength: 12 }));
    const changed = await run(root, path.join(root, 'dist'), {});
    expect(changed.stats.loaded.parsed).toBe(0);
    expect(changed.stats.rendered.cached).toBe(0);
    await run(root, path.join(root, 'fresh'), { cache: false });
    expect(hashTree(path.join(root, 'dist'))).toEqual(hashTree(path.join(root, 'fresh')));
  });
});
