import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEntry } from '../src/load/load-entry.js';
import { fileText, packText, unpackText } from '../src/packed-text.js';
import type { SourceFile } from '../src/types.js';

const text = `---\ntitle: 周报 12 —— 远程办公\n---\n${'远程办公的团队更依赖书面沟通，每个决定都要写下来。A line of English, <b>&amp;</b>, 😀.\n'.repeat(200)}`;

describe('packed text', () => {
  it('gives back the text it packed, CJK, astral characters and markup included, in fewer bytes', () => {
    const packed = packText(text);
    expect(unpackText(packed)).toBe(text);
    expect(JSON.stringify(packed).length).toBeLessThan(Buffer.byteLength(text) / 4);
    // plain JSON: what goes into a cache record comes back the same
    expect(unpackText(JSON.parse(JSON.stringify(packed)))).toBe(text);
    expect(unpackText(packText(''))).toBe('');
  });

  it("keeps a cached file's bytes and reads them as the load does, a byte-order mark dropped", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const source: SourceFile = { kind: 'post', path: path.join('/site', 'content', 'posts', 'a.md'), rel: 'posts/a.md', assets: [] };
    const loaded = loadEntry(source, bytes, { timezone: 'UTC', displayRoot: '/site', parseMarkdown: () => ({ type: 'root', children: [] }) });
    expect(loaded.entry).toBeDefined();
    expect(unpackText(fileText(bytes))).toBe(unpackText(loaded.entry!.text));
    expect(unpackText(fileText(bytes))).toBe(text);
  });
});
