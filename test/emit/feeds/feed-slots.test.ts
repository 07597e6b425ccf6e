import { describe, expect, it } from 'vitest';
import { cdataSections, FeedSlots, xmlCharsOnly } from '../../../src/emit/feeds/feed-slots.js';

describe('cdataSections', () => {
  it('splits at every ]]> so that no section contains it, and joins back to the value', () => {
    for (const value of ['plain', ']]>', 'a]]>b]]>c', ']]]]>>', ']]>]]>', '']) {
      const sections = cdataSections(value);
      expect(sections.join('')).toBe(value);
      for (const section of sections) expect(section).not.toContain(']]>');
    }
    expect(cdataSections('a]]>b]]>c')).toEqual(['a]]', '>b]]', '>c']);
  });
});

describe('xmlCharsOnly', () => {
  it('drops control characters, lone surrogates and U+FFFE/U+FFFF, keeps tabs, newlines, CJK and emoji', () => {
    expect(xmlCharsOnly('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFF')).toBe('abcdef');
    expect(xmlCharsOnly('lone \uD800 high, lone \uDC00 low')).toBe('lone  high, lone  low');
    expect(xmlCharsOnly('tab\tnl\ncr\r 周报 😀')).toBe('tab\tnl\ncr\r 周报 😀');
  });
});

describe('FeedSlots', () => {
  it('puts values back into XML: text escaped once, HTML as split CDATA, attributes escaped', () => {
    const slots = new FeedSlots();
    const title = slots.put('A & <B>');
    const html = slots.put('<p>x ]]> y ]]> z</p>', 'html');
    const term = slots.put('C&D <x> "q"');
    const doc = slots.fillXml(`<r><t type="html"><![CDATA[${title}]]></t><c><![CDATA[${html}]]></c><k term="${term}"/><m>${title} (${term})</m></r>`);
    const root = doc.documentElement!;
    expect(root.getElementsByTagName('t')[0]!.textContent).toBe('A & <B>');
    expect(root.getElementsByTagName('t')[0]!.getAttribute('type')).toBe('text');
    expect(root.getElementsByTagName('c')[0]!.textContent).toBe('<p>x ]]> y ]]> z</p>');
    expect(root.getElementsByTagName('c')[0]!.childNodes.length).toBe(3);
    expect(root.getElementsByTagName('k')[0]!.getAttribute('term')).toBe('C&D <x> "q"');
    expect(root.getElementsByTagName('m')[0]!.textContent).toBe('A & <B> (C&D <x> "q")');
  });

  it('writes HTML with thousands of ]]> (a long code listing) as one escaped text node, in linear time', () => {
    const slots = new FeedSlots();
    const value = `<pre><code>${Array.from({ length: 20_000 }, (_, i) => `a[b[${i}]]>c`).join('\n')}</code></pre>`;
    const few = slots.put('<p>]]></p>', 'html');
    const many = slots.put(value, 'html');
    const doc = slots.fillXml(`<r><c><![CDATA[${few}]]></c><d><![CDATA[${many}]]></d></r>`);
    const d = doc.documentElement!.getElementsByTagName('d')[0]!;
    expect(d.childNodes.length).toBe(1);
    expect(d.firstChild!.nodeType).toBe(3);
    expect(d.textContent).toBe(value);
    // a few stay split CDATA
    expect(doc.documentElement!.getElementsByTagName('c')[0]!.childNodes.length).toBe(2);
  });

  it('puts values back into JSON, nested', () => {
    const slots = new FeedSlots();
    const a = slots.put('a & "b"');
    expect(slots.fillJson({ x: [a, { y: `${a}!` }], n: 1, z: null })).toEqual({ x: ['a & "b"', { y: 'a & "b"!' }], n: 1, z: null });
  });

  it('refuses XML that is not well-formed, and a token it never gave out', () => {
    const slots = new FeedSlots();
    expect(() => slots.fillXml('<r><a></r>')).toThrow(/not well-formed/);
    expect(() => slots.fillXml('<r>\uE0007\uE001</r>')).toThrow(/slot 7/);
  });
});
