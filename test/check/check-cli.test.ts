import { spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const bin = fileURLToPath(new URL('../../bin/quire.js', import.meta.url));

// Asynchronous, so the local "web" server of this file can answer while quire checks.
function quire(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface JsonProblem {
  severity: string;
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  page?: string;
  url?: string;
}

describe('quire check', () => {
  let root: string;
  let web: http.Server;
  let origin: string;

  beforeAll(async () => {
    web = http.createServer((req, res) => res.writeHead(req.url === '/ok' ? 200 : 404).end());
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
    root = tempDir('quire-check-cli-');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/' }),
      'content/pages/about.md': '---\ntitle: 关于\n---\n\n## 联系方式\n\nMail me.\n',
      'content/posts/good.md': [
        '---',
        'title: Good',
        'date: 2025-01-01 10:00:00',
        'description: Links that work.',
        '---',
        '',
        '<!-- more -->',
        '',
        'See [contact](../pages/about.md#联系方式), [the cover](/images/a.png) and [top](#top).',
        '',
        `An [external page](${origin}/ok).`,
        '',
      ].join('\n'),
      'content/posts/bad.md': [
        '---',
        'title: Good',
        'date: 2025-01-02 10:00:00',
        '---',
        '',
        '<!-- more -->',
        '',
        'A [dead link](/nope/) and [a wrong anchor](../pages/about.md#no-such-heading).',
        '',
        '<img src="/images/missing.png" alt="">',
        '',
        `A [gone page](${origin}/gone).`,
        '',
      ].join('\n'),
      'content/posts/later.md': '---\ntitle: Later\ndate: 2099-01-01 10:00:00\ndescription: x\n---\nLater.\n',
      'public/images/a.png': 'png',
      'templates/404.liquid': `{% layout 'base' %}{% block content %}<a href="{{ '/lost-in-a-template/' | relative_url }}">x</a>{% endblock %}`,
    });
  });
  afterAll(() => {
    web.close();
    remove(root);
  });

  it('finds broken links, anchors and images in the output and points at the source line', async () => {
    const run = await quire(['check'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error[BrokenLink] content/posts/bad.md:8:3: /blog/nope/ (/nope/) does not exist on the site');
    expect(run.stderr).toContain('error[BrokenAnchor] content/posts/bad.md:8:27: /blog/about/#no-such-heading: /about/ has no element with id "no-such-heading"');
    // raw HTML is not given the base path: /images/… is outside /blog/
    expect(run.stderr).toContain("error[MissingAsset] content/posts/bad.md:10:11: /images/missing.png is outside the site's base path /blog/");
    expect(run.stderr).toContain('> 10 | <img src="/images/missing.png" alt="">');
    expect(run.stderr).toContain('in raw HTML write it yourself (`/blog/images/missing.png`)');
    // a link made by a template has no source: the page and its HTML line are named
    expect(run.stderr).toMatch(/error\[BrokenLink\] on page \/blog\/404\.html \(line \d+ of its HTML\): \/blog\/lost-in-a-template\/ \(\/lost-in-a-template\/\) does not exist/);
    // the good post's links, the Chinese anchor included, pass
    expect(run.stderr).not.toContain('content/posts/good.md:9');
    // front-matter lint
    expect(run.stderr).toContain('warning[MissingDescription] content/posts/bad.md:2:8');
    expect(run.stderr).toContain('warning[DuplicateTitle] content/posts/good.md:2:8: the title "Good" is also the title of content/posts/bad.md');
    expect(run.stderr).toContain('warning[FutureDate] content/posts/later.md:3:7: dated 2099-01-01 10:00 (Asia/Shanghai)');
    // external links are not checked without --external
    expect(run.stderr).not.toContain('/gone');
    expect(run.stdout).toMatch(/^checked \d+ pages, \d+ internal links \(\d+ anchors\) in (\d+ ms|\d+\.\d s): 4 errors, 3 warnings\n$/);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });

  it('does not tell to build with --future when --future is given', async () => {
    const run = await quire(['check', '--future'], root);
    expect(run.stderr).toContain('warning[FutureDate] content/posts/later.md:3:7: dated 2099-01-01 10:00 (Asia/Shanghai), in the future: shown now because of --future');
    expect(run.stderr).not.toContain('build with --future');
  });

  it('checks external links with --external, against a local server', async () => {
    const run = await quire(['check', '--external', '--timeout', '2', '--json'], root);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; errors: number; checked: { external: number }; problems: JsonProblem[] };
    expect(report.checked.external).toBe(2);
    const external = report.problems.filter((p) => p.code.startsWith('External'));
    expect(external).toEqual([
      expect.objectContaining({ severity: 'error', code: 'ExternalLinkBroken', file: 'content/posts/bad.md', line: 12, column: 3, url: `${origin}/gone`, page: '/blog/posts/bad/' }),
    ]);
  });

  it('prints machine-readable results with --json: file, line, page, url and problem', async () => {
    const run = await quire(['check', '--json'], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { ok: boolean; errors: number; warnings: number; problems: JsonProblem[] };
    expect(report).toMatchObject({ ok: false, errors: 4, warnings: 3 });
    expect(report.problems).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'BrokenLink', file: 'content/posts/bad.md', line: 8, column: 3, page: '/blog/posts/bad/', url: '/blog/nope/' }),
    );
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'BrokenLink', page: '/blog/404.html', url: '/blog/lost-in-a-template/' }));
  });

  it('passes a clean site with exit 0 and only a summary with --quiet', async () => {
    const clean = tempDir('quire-check-clean-');
    try {
      writeFiles(clean, {
        'quire.config.json': configJson(),
        'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ndescription: A post.\n---\n\nIntro.\n\n<!-- more -->\n\n## 第一节\n\n[back up](#第一节)\n',
      });
      const run = await quire(['check', '--quiet'], clean);
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('');
      expect(run.code).toBe(0);
      expect((await quire(['check'], clean)).stdout).toMatch(/: no errors\n$/);
    } finally {
      remove(clean);
    }
  });

  it('accepts an in-page #link in an excerpt (it points at the post), and traces a missing one to its line in the post', async () => {
    const site = tempDir('quire-check-excerpt-');
    try {
      writeFiles(site, {
        'quire.config.json': configJson(),
        'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-01\ndescription: A post.\n---\n\nSee [below](#第一节) and [gone](#没有这一节).\n\n## 第一节\n\nText.\n',
      });
      const run = await quire(['check'], site);
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain('"第一节"');
      expect(run.stderr).toContain('error[BrokenAnchor] content/posts/a.md:7:23: on page / (line');
      expect(run.stderr).toContain('in the excerpt of this post');
      expect(run.stderr).toContain('has no element with id "没有这一节"');
      // the link is shown as written, not percent-encoded as in the page's HTML
      expect(run.stderr).toMatch(/\/posts\/a\/#没有这一节: |#没有这一节: this page/);
      expect(run.stderr).not.toContain('%E6%B2%A1');
    } finally {
      remove(site);
    }
  });

  it('reports a site that does not build as the build does, exit 1', async () => {
    const broken = tempDir('quire-check-broken-');
    try {
      writeFiles(broken, { 'quire.config.json': configJson(), 'content/posts/a.md': '---\ntitle: A\ndate: 2025-13-45\n---\nx\n' });
      const run = await quire(['check'], broken);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('error[InvalidDate] content/posts/a.md:3:7:');
      expect(run.stderr).toContain('check failed: the site does not build');
    } finally {
      remove(broken);
    }
  });
});
