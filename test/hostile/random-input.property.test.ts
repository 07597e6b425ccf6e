/**
 * Property tests (fast-check): random Markdown and random front matter through the whole pipeline
 * (prepareSite: config → discover → load → collect → render → feeds, nothing written). Every run
 * either succeeds with well-formed output — no parse5 error in any page, strict XML feeds, JSON that
 * parses — or fails with a QuireError whose errors each have a code and a file. Never anything else.
 *
 * Raw HTML in Markdown is the author's and passes through as written (README: authors are
 * trusted), so the body generator writes `<` only where Markdown makes it text: in code, or before
 * a space or digit. Front-matter strings carry every hostile character, `<script>` and `</title>`
 * included. C0 control characters are left out (see the README's hostile-input section).
 * Seed: fixed (QUIRE_FC_SEED overrides it); fast-check prints the seed and path of a failure.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSite, renderOutputs } from '../../src/build.js';
import { QuireError } from '../../src/diagnostics.js';
import { configJson, remove, tempDir } from '../helpers/site-fixture.js';
import { parseHtmlStrict, parseXmlStrict } from '../helpers/strict-parsers.js';

const SEED = Number(process.env['QUIRE_FC_SEED'] ?? 20261123);
const NOW = new Date('2026-01-01T00:00:00Z');
const FOLDER_LEVEL = new Set(['ContentDirMissing', 'OutDirUnsafe', 'ConfigInvalid', 'ConfigLoad', 'ConfigNotFound', 'ConfigUnknownKey', 'WriteError']);

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
const word = fc.oneof(
  fc.constantFrom('go', 'Rust', 'quire', 'the', 'a', 'x1', 'naïve', 'Ünïcödé', '🙂', '👩‍💻', 'ﬁ'),
  fc.array(cjk, { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
  fc.stringMatching(/^[a-zA-Z]{1,8}$/),
);
/** Characters Markdown keeps as text (no raw HTML): entities, quotes, CDATA ends, comment ends… */
const textPiece = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 3, arbitrary: fc.constantFrom('&', '&amp;', '&lt;', '&#x3C;', '"', "'", ']]>', '-->', '< 3', '<3', 'a < b', '>', '\\<', '*', '**', '_', '~~', '`', '[', ']', '(', ')', '!', '#', '|', '{{ x }}', '{% raw %}', '%2e%2e%2f', '../..', '\\', '。', '，', '——', '“引号”') },
);
const text = fc.array(textPiece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(' '));
/** Anything at all except C0 controls and lone surrogates: for code, where everything is escaped. */
const anyCode = fc
  .string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", ']]>', '</script>', '<!--', '-->', '\t', '```', '~~~', '\\', '$'), fc.constantFrom('x', ' ', '中'), fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 60 })
  .map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, ''));
const url = fc.oneof(fc.webUrl(), fc.constantFrom('#top', '#为什么', 'https://example.org/?a=1&b=<2>', 'javascript:alert(1)', 'mailto:a@b.c', '<https://example.org/a b>'));

const block = fc.oneof(
  text,
  fc.tuple(fc.integer({ min: 1, max: 6 }), text).map(([level, t]) => `${'#'.repeat(level)} ${t}`),
  fc.array(text, { minLength: 1, maxLength: 4 }).map((items) => items.map((t) => `- ${t}`).join('\n')),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((items) => items.map((t, i) => `${i + 1}. ${t}`).join('\n')),
  fc.tuple(fc.constantFrom('js', 'ts', 'python', 'go', '', 'no-such-lang', 'diff', 'html', 'xml'), fc.array(anyCode, { maxLength: 5 })).map(([lang, lines]) => `\`\`\`\`${lang}\n${lines.join('\n')}\n\`\`\`\``),
  anyCode.filter((s) => !s.includes('`') && s.trim() !== '').map((s) => `Inline \`${s}\` code.`),
  fc.tuple(text, url).map(([t, u]) => `[${t.replace(/[[\]]/g, '')}](${u})`),
  fc.tuple(text, fc.webUrl()).map(([t, u]) => `![${t.replace(/[[\]]/g, '')}](${u})`),
  text.map((t) => `> ${t}`),
  fc.tuple(text, text).map(([a, b]) => `| ${a.replace(/\|/g, '')} | b |\n|---|:-:|\n| ${b.replace(/\|/g, '')} | 2 |`),
  text.map((t) => `${t}[^1]\n\n[^1]: note ${t}`),
  fc.constant('<!-- more -->'),
  fc.constant('---'),
);
const markdown = fc.array(block, { maxLength: 8 }).map((blocks) => blocks.join('\n\n'));

/** Strings for escaped fields: every hostile character, raw HTML included. */
const hostile = fc
  .array(fc.oneof(textPiece, fc.constantFrom('<script>alert(1)</script>', '</title>', '<b>', '<!--', '"><img src=x onerror=alert(1)>', "'", '&amp;', '\u00a0', '\u2028')), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(' '));
const yamlScalar = fc.oneof(fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), hostile, fc.constantFrom('2025-01-02', '2025-13-45', '2025-02-29 10:00', 'yes', '~', '0001-01-01'), fc.array(word, { maxLength: 3 }));
const frontMatter = fc.record(
  {
    title: fc.oneof({ weight: 12, arbitrary: hostile }, { weight: 1, arbitrary: yamlScalar }),
    description: hostile,
    summary: hostile,
    tags: fc.oneof({ weight: 12, arbitrary: fc.array(fc.oneof(hostile, word), { maxLength: 4 }) }, { weight: 1, arbitrary: yamlScalar }),
    date: fc.oneof(
      { weight: 12, arbitrary: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 16).replace('T', ' ')) },
      { weight: 1, arbitrary: yamlScalar },
    ),
    draft: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: yamlScalar }),
    slug: fc.oneof(word, hostile, fc.constantFrom('../../x', '/etc/x', 'C:\\x', 'a'.repeat(300))),
    extra: yamlScalar,
  },
  { requiredKeys: ['title', 'date'] },
);
const post = fc.record({ fields: frontMatter, body: markdown, format: fc.constantFrom('yaml', 'yaml', 'yaml', 'yaml', 'yaml', 'yaml', 'json', 'json', 'garbage') });

function fileText(p: { fields: Record<string, unknown>; body: string; format: string }): string {
  if (p.format === 'json') return `---json\n${JSON.stringify(p.fields, null, 2)}\n---\n${p.body}\n`;
  if (p.format === 'garbage') return `---\n${p.body.slice(0, 80)}\n---\n${p.body}\n`;
  return `---\n${stringify(p.fields)}---\n${p.body}\n`;
}

describe('random Markdown and front matter through the whole pipeline', () => {
  let root: string;
  beforeAll(() => {
    root = tempDir('quire-property-');
  });
  afterAll(() => remove(root));

  it('ends in well-formed output or a QuireError with code and file — never another exception', async () => {
    let run = 0;
    const outcomes = { built: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(post, { minLength: 1, maxLength: 3 }), async (posts) => {
        const site = path.join(root, `run-${run++}`);
        rmSync(site, { recursive: true, force: true });
        mkdirSync(path.join(site, 'content/posts'), { recursive: true });
        writeFileSync(path.join(site, 'quire.config.json'), configJson({ language: 'en' }));
        posts.forEach((p, i) => writeFileSync(path.join(site, `content/posts/p${i}.md`), fileText(p)));
        let files;
        try {
          files = await renderOutputs(await prepareSite({ root: site, now: NOW, drafts: true, future: true }));
        } catch (error) {
          if (!(error instanceof QuireError)) throw error;
          for (const d of error.diagnostics.filter((x) => x.severity === 'error')) {
            expect(d.code).toBeTruthy();
            if (!FOLDER_LEVEL.has(d.code)) expect(d.file, `${d.code}: ${d.message}`).toBeTruthy();
            expect(d.message).not.toMatch(/\n\s+at /);
          }
          outcomes.refused++;
          rmSync(site, { recursive: true, force: true });
          return;
        }
        for (const file of files) {
          const contents = typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('utf8');
          if (file.outputPath.endsWith('.html')) expect(parseHtmlStrict(contents).errors, file.outputPath).toEqual([]);
          else if (file.outputPath.endsWith('.xml')) parseXmlStrict(contents);
          else if (file.outputPath.endsWith('.json')) JSON.parse(contents);
        }
        outcomes.built++;
        rmSync(site, { recursive: true, force: true });
      }),
      { numRuns: 80, seed: SEED },
    );
    // Both paths were exercised.
    expect(outcomes.built, JSON.stringify(outcomes)).toBeGreaterThan(20);
    expect(outcomes.refused, JSON.stringify(outcomes)).toBeGreaterThan(3);
  }, 300_000);
});
