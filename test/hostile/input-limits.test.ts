/**
 * Through the real build: a limit attack, a broken date, a URL clash, a duplicate `id:` and tags
 * with invisible characters in one site are reported together in one run (load and collect), at
 * their file:line, and the previous dist/ stays byte-identical.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { buildOutcome, errorHeads } from '../helpers/hostile-site.js';
import { configJson, hashTree, remove, tempDir, writeFiles } from '../helpers/site-fixture.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const posts = (name: string) => path.join('content', 'posts', name);

describe('input limits and one-run reports through the build', () => {
  let site: string;
  beforeAll(() => {
    site = tempDir('quire-limits-');
  });
  afterAll(() => remove(site));

  it('reports every stage’s problems together and leaves dist/ as it was', async () => {
    writeFiles(site, {
      'quire.config.json': configJson({ language: 'en' }),
      'content/posts/good.md': '---\ntitle: Good\ndate: 2025-01-02\ntags: [go, "g\\u200Bo", "g\\u00ADo"]\n---\nFine.\n',
    });
    const dist = path.join(site, 'dist');
    await build({ root: site, outDir: dist, now: NOW });
    const before = hashTree(dist);
    expect(Object.keys(before)).toContain('tags/go/index.html');
    expect(Object.keys(before).filter((f) => f.startsWith('tags/') && f.endsWith('/index.html'))).toEqual(['tags/go/index.html', 'tags/index.html']);

    writeFiles(site, {
      'content/posts/bad-date.md': '---\ntitle: Bad\ndate: 2025-13-45\n---\nx\n',
      'content/posts/attack.md': `---\ntitle: Attack\ndate: 2025-01-02\n---\n${'**a'.repeat(60_000)}\n`,
      'content/posts/one.md': '---\ntitle: One\ndate: 2025-01-02\nslug: same\n---\nx\n',
      'content/posts/two.md': '---\ntitle: Two\ndate: 2025-01-03\nslug: same\n---\nx\n',
      'content/posts/id-a.md': '---\ntitle: A\ndate: 2025-01-02\nid: tag:example.org,2025:post\n---\nx\n',
      'content/posts/id-b.md': '---\ntitle: B\ndate: 2025-01-03\nid: tag:example.org,2025:post\n---\nx\n',
    });
    writeFileSync(path.join(site, 'content/posts/good.md'), '---\ntitle: Good\ndate: 2025-01-02\n---\nFine.\n');
    const outcome = await buildOutcome({ root: site, outDir: dist, now: NOW });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(errorHeads(outcome.diagnostics).sort()).toEqual(
      [`LimitExceeded ${posts('attack.md')}:5`, `InvalidDate ${posts('bad-date.md')}:3`, `DuplicateUrl ${posts('two.md')}:4`, `DuplicateId ${posts('id-b.md')}:4`].sort(),
    );
    const duplicateId = outcome.diagnostics.find((d) => d.code === 'DuplicateId')!;
    expect(duplicateId.message).toContain(posts('id-a.md'));
    expect(duplicateId.message).toContain(posts('id-b.md'));
    expect(hashTree(dist)).toEqual(before);
  }, 120_000);
});
