import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { classifyCharacter, isCjk } from 'micromark-extension-cjk-friendly-util';
import type { VFile } from 'vfile';
import { eachElement } from './each-element.js';

/** A run of Latin words (with the spaces and punctuation between them) inside mixed text. */
const LATIN_RUN = /[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F0-9'’.\-]*(?:[ ,:;!?]+[A-Za-z\u00C0-\u024F0-9][A-Za-z\u00C0-\u024F0-9'’.\-]*)*/g;

/**
 * rehype plugin: on a Chinese, Japanese or Korean page, emphasis (`<em>`) holding Latin text is
 * marked `lang="en"`, whole when it has no CJK character, else each Latin run in a
 * `<span lang="en">`: the theme italicises English emphasis and keeps the emphasis dots for CJK.
 * An `<em>` the author gave a `lang` is left alone.
 */
export function rehypeLatinLang() {
  return (tree: Root, file: VFile) => {
    const language = file.data.quire?.language ?? '';
    if (!/^(zh|ja|ko)\b/i.test(language)) return;
    eachElement(tree, (node: Element) => {
      if (node.tagName !== 'em' || node.properties['lang'] !== undefined) return;
      const text = toString(node);
      if (!/[A-Za-z]/.test(text)) return;
      if (![...text].some((c) => isCjk(classifyCharacter(c.codePointAt(0)!)))) node.properties['lang'] = 'en';
      else node.children = node.children.flatMap(splitLatin);
    });
  };
}

function splitLatin(node: ElementContent): ElementContent[] {
  if (node.type !== 'text') return [node];
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(LATIN_RUN)) {
    if (match.index > last) out.push({ type: 'text', value: node.value.slice(last, match.index) });
    out.push({ type: 'element', tagName: 'span', properties: { lang: 'en' }, children: [{ type: 'text', value: match[0] }] });
    last = match.index + match[0].length;
  }
  if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
  return out;
}
