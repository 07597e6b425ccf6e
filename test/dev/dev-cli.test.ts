import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openEvents, rawGet, startDev, type DevProcess, type EventStream } from '../helpers/dev-process.js';
import { configJson, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

// `quire dev` as a person uses it: a page, an edit, a typo, a fix, a rename, a delete.
describe('quire dev', () => {
  let root: string;
  let dev: DevProcess;
  let events: EventStream;
  let build = 0;
  const post = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2025-07-09 06:48:00\ntags: [随笔]\n---\n${body}\n`;
  const page = async (rel: string) => {
    const res = await fetch(new URL(rel, dev.url));
    return { status: res.status, type: res.headers.get('content-type'), html: await res.text() };
  };
  const nextBuild = async () => {
    const event = await events.next('reload', (d: { build: number }) => d.build > build);
    build = (event.data as { build: number }).build;
  };

  beforeAll(async () => {
    root = tempDir('quire-dev-cli-');
    writeFiles(root, {
      'quire.config.json': configJson({ url: 'https://example.org/blog/' }),
      'content/posts/hello.md': post('Hello', 'First words.'),
      'content/posts/你好.md': post('你好世界', '中文正文。'),
      'content/pages/about.md': '# About\n\nMe.\n',
    });
    dev = await startDev(['--port', '0', '--host', '127.0.0.1'], root);
    events = await openEvents(new URL('/__quire/events', dev.url).href);
    const hello = await events.next('hello');
    build = (hello.data as { build: number }).build;
  });
  afterAll(async () => {
    events?.close();
    const code = await dev?.stop();
    expect(code).toBe(0);
    expect(dev.stdout()).toContain('stopped');
    remove(root);
  });

  it('serves the site under the base path of the config url, with the live-reload script in HTML only', async () => {
    expect(dev.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/blog\/$/);
    const home = await page('');
    expect(home.status).toBe(200);
    expect(home.type).toBe('text/html; charset=utf-8');
    expect(home.html).toContain('Hello');
    expect(home.html).toContain('data-quire-dev');
    // links point at the dev server, under the base path
    expect(home.html).toContain('href="/blog/posts/hello/"');
    const css = await page('assets/quire.css');
    expect(css.type).toBe('text/css; charset=utf-8');
    expect(css.html).not.toContain('data-quire-dev');
    // it never builds into dist/
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('serves Chinese slugs, redirects to the base path and folders to their slash, 404.html for misses', async () => {
    const zh = await page(`posts/${encodeURIComponent('你好')}/`);
    expect(zh.status).toBe(200);
    expect(zh.html).toContain('中文正文。');
    const origin = new URL(dev.url).origin;
    const root = await rawGet(origin, '/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/blog/');
    expect((await rawGet(origin, '/blog/posts/hello')).headers.location).toBe('/blog/posts/hello/');
    const missing = await page('no/such/page/');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('data-quire-dev');
    for (const attempt of ['/blog/../../etc/passwd', '/blog/%2e%2e/%2e%2e/etc/passwd', '/blog/..%2f..%2fetc%2fpasswd']) {
      const res = await rawGet(origin, attempt);
      expect([400, 404], attempt).toContain(res.status);
      expect(res.body).not.toContain('root:');
    }
  });

  it('rebuilds on an edit and tells the page to reload', async () => {
    writeFileSync(path.join(root, 'content/posts/hello.md'), post('Hello', 'Second words.'));
    await nextBuild();
    expect((await page('posts/hello/')).html).toContain('Second words.');
    expect(dev.stdout()).toMatch(/rebuilt in \d+ ms · content\/posts\/hello\.md/);
  });

  it('shows half-typed YAML as an error with file:line in the events and the terminal, keeps serving the last good site, and recovers', async () => {
    writeFileSync(path.join(root, 'content/posts/hello.md'), '---\ntitle: Hello\ndate: 2025-07-09 06:48:00\ntags: [随笔\n---\nThird words.\n');
    const failed = await events.next('build-error');
    const state = failed.data as { ok: boolean; diagnostics: Array<{ code: string; file: string; line: number; frame?: string }> };
    expect(state.ok).toBe(false);
    expect(state.diagnostics[0]).toMatchObject({ code: 'FrontMatterSyntax', file: 'content/posts/hello.md', line: 4 });
    expect(state.diagnostics[0]!.frame).toContain('tags: [随笔');
    const status = (await (await fetch(new URL('/__quire/status', dev.url))).json()) as { ok: boolean };
    expect(status.ok).toBe(false);
    expect(dev.stderr()).toContain('error[FrontMatterSyntax] content/posts/hello.md:4:');
    expect(dev.stderr()).toContain('the last good build is still served');
    expect((await page('posts/hello/')).html).toContain('Second words.');

    writeFileSync(path.join(root, 'content/posts/hello.md'), post('Hello', 'Fixed words.'));
    await nextBuild();
    expect((await page('posts/hello/')).html).toContain('Fixed words.');
  });

  it('survives renaming and deleting files', async () => {
    renameSync(path.join(root, 'content/posts/hello.md'), path.join(root, 'content/posts/renamed.md'));
    await nextBuild();
    expect((await page('posts/renamed/')).status).toBe(200);
    expect((await page('posts/hello/')).status).toBe(404);

    rmSync(path.join(root, 'content/posts/renamed.md'));
    await nextBuild();
    expect((await page('posts/renamed/')).status).toBe(404);
    expect((await page('')).status).toBe(200);
    expect(dev.child.exitCode).toBe(null);
  });

  it('rebuilds when the config changes, and reports a broken config without stopping', async () => {
    writeFileSync(path.join(root, 'quire.config.json'), configJson({ url: 'https://example.org/blog/', title: 'Renamed Site' }));
    await nextBuild();
    expect((await page('')).html).toContain('<title>Renamed Site</title>');
    writeFileSync(path.join(root, 'quire.config.json'), '{ "title": "Broken", ');
    const failed = await events.next('build-error');
    expect((failed.data as { diagnostics: Array<{ code: string; file: string }> }).diagnostics[0]).toMatchObject({ code: 'ConfigLoad', file: 'quire.config.json' });
    writeFileSync(path.join(root, 'quire.config.json'), configJson({ url: 'https://example.org/blog/', title: 'Back Again' }));
    await nextBuild();
    expect((await page('')).html).toContain('<title>Back Again</title>');
  });

  it('picks up a public/ folder that did not exist when it started', async () => {
    writeFiles(root, { 'public/hello.txt': 'hi' });
    await nextBuild();
    const res = await page('hello.txt');
    expect(res.status).toBe(200);
    expect(res.html).toBe('hi');
  });
});

describe('quire dev, starting on a broken site', () => {
  it('serves a page that shows the error, and the site once it is fixed', async () => {
    const root = tempDir('quire-dev-broken-');
    let dev: DevProcess | undefined;
    try {
      writeFiles(root, { 'quire.config.json': configJson(), 'content/posts/a.md': '---\ntitle: A\ndate: 2025-13-45\n---\nFixed soon.\n' });
      dev = await startDev(['--port', '0', '--host', '127.0.0.1'], root);
      expect(dev.stderr()).toContain('error[InvalidDate] content/posts/a.md:3:7');
      expect(dev.stderr()).toContain('nothing to serve until it builds');
      const waiting = await fetch(dev.url);
      expect(waiting.status).toBe(503);
      expect(await waiting.text()).toContain('data-quire-dev');
      const events = await openEvents(new URL('/__quire/events', dev.url).href);
      expect((await events.next('hello')).data).toMatchObject({ build: 0, ok: false });
      writeFiles(root, { 'content/posts/a.md': '---\ntitle: A\ndate: 2025-01-05\n---\nFixed now.\n' });
      await events.next('reload');
      events.close();
      expect(await (await fetch(new URL('posts/a/', dev.url))).text()).toContain('Fixed now.');
    } finally {
      expect(await dev?.stop()).toBe(0);
      remove(root);
    }
  });
});

describe('quire dev, a template that fails on a page', () => {
  it('answers that page with a 500 page showing the error (also in the terminal), and the page once the template is fixed', async () => {
    const root = tempDir('quire-dev-template-');
    let dev: DevProcess | undefined;
    try {
      writeFiles(root, {
        'quire.config.json': configJson(),
        'content/posts/a.md': '---\ntitle: A post\ndate: 2025-01-05\n---\nThe text.\n',
        'templates/post.liquid': '<!doctype html><html><body>{% render "no-such-partial" %}</body></html>\n',
      });
      dev = await startDev(['--port', '0', '--host', '127.0.0.1'], root);
      // the build itself is good: pages are made when asked for
      expect((await fetch(dev.url)).status).toBe(200);
      const broken = await fetch(new URL('posts/a/', dev.url));
      expect(broken.status).toBe(500);
      const html = await broken.text();
      expect(html).toContain('TemplateError');
      expect(html).toContain('post.liquid');
      expect(html).toContain('data-quire-dev');
      // The terminal line travels on another pipe than the HTTP answer: it may arrive just after.
      const running = dev;
      await vi.waitFor(() => expect(running.stderr()).toContain('error[TemplateError]'));
      const events = await openEvents(new URL('/__quire/events', dev.url).href);
      const { build } = (await events.next('hello')).data as { build: number };
      writeFiles(root, { 'templates/post.liquid': '<!doctype html><html><body><h1>{{ post.title }}</h1>{{ post.content | raw }}</body></html>\n' });
      await events.next('reload', (d: { build: number }) => d.build > build);
      events.close();
      const fixed = await fetch(new URL('posts/a/', dev.url));
      expect(fixed.status).toBe(200);
      expect(await fixed.text()).toContain('<h1>A post</h1>');
    } finally {
      expect(await dev?.stop()).toBe(0);
      remove(root);
    }
  });
});

describe('quire dev, default port taken', () => {
  it('moves to the next free port and says so', async () => {
    const root = tempDir('quire-dev-moved-');
    // Hold 4321 (or find it already held by someone else): either way the default port is taken.
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.once('error', () => resolve()).listen(4321, '127.0.0.1', resolve));
    let dev: Awaited<ReturnType<typeof startDev>> | undefined;
    try {
      writeFiles(root, { 'quire.config.json': configJson(), 'content/posts/a.md': '# A\n' });
      dev = await startDev(['--host', '127.0.0.1'], root);
      const port = Number(new URL(dev.url).port);
      expect(port).toBeGreaterThan(4321);
      await expect.poll(() => dev!.stdout()).toContain(`port 4321 is in use: serving on ${port}`);
    } finally {
      await dev?.stop();
      blocker.close();
      remove(root);
    }
  });
});

describe('quire dev, refused', () => {
  it('exits 1 with PortInUse when the asked-for port is taken', async () => {
    const root = tempDir('quire-dev-port-');
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      writeFiles(root, { 'quire.config.json': configJson(), 'content/posts/a.md': '# A\n' });
      const port = (blocker.address() as { port: number }).port;
      await expect(startDev(['--port', String(port), '--host', '127.0.0.1'], root)).rejects.toThrow(/error\[PortInUse\] port \d+ on 127\.0\.0\.1 is in use/);
    } finally {
      blocker.close();
      remove(root);
    }
  });
});
