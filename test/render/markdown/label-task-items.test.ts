import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { labelTaskItems } from '../../../src/render/markdown/label-task-items.js';

async function render(markdown: string): Promise<string> {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype);
  const tree = (await processor.run(processor.parse(markdown))) as Root;
  labelTaskItems(tree);
  return toHtml(tree);
}

describe('labelTaskItems', () => {
  it('names each checkbox by the text of its item', async () => {
    const html = await render('- [x] Write the **ADR**\n- [ ] 部署到 `staging`\n- plain item\n');
    expect(html).toContain('<input type="checkbox" checked disabled aria-label="Write the ADR">');
    expect(html).toContain('<input type="checkbox" disabled aria-label="部署到 staging">');
    expect(html.match(/aria-label/g)).toHaveLength(2);
  });

  it('leaves nested lists out of the label and labels loose items too', async () => {
    const html = await render('- [ ] parent\n\n  - [x] child\n\n- [ ] second\n');
    expect(html).toContain('aria-label="parent"');
    expect(html).toContain('aria-label="child"');
    expect(html).toContain('aria-label="second"');
  });

  it('escapes quotes in the label', async () => {
    expect(await render('- [ ] say "hi" & <b>go</b>\n')).toContain('aria-label="say &#x22;hi&#x22; &#x26; go"');
  });
});
