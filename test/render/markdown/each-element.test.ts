import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { SKIP as VISIT_SKIP, visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { eachElement, SKIP } from '../../../src/render/markdown/each-element.js';

const HTML = '<h2>A <em>b</em></h2><p>x<a href="/y"><img src="i.png" alt=""></a></p><section data-footnotes><ol><li><p>note</p></li></ol></section><table><tr><td>1</td></tr></table><pre><code>z</code></pre>';
const tree = (): Root => fromHtml(HTML, { fragment: true });
const name = (node: Element) => node.tagName;

describe('eachElement', () => {
  it('visits the elements unist-util-visit visits, in the same order, with the same index and parent', () => {
    const theirs: string[] = [];
    const a = tree();
    visit(a, 'element', (node: Element, index, parent) => void theirs.push(`${name(node)}@${index} in ${parent?.type === 'element' ? parent.tagName : 'root'}`));
    const ours: string[] = [];
    eachElement(tree(), (node, index, parent) => void ours.push(`${name(node)}@${index} in ${parent.type === 'element' ? parent.tagName : 'root'}`));
    expect(ours).toEqual(theirs);
    expect(ours).toContain('img@0 in a');
  });

  it('skips the children of an element for which the visitor returned SKIP, as unist-util-visit does', () => {
    const theirs: string[] = [];
    visit(tree(), 'element', (node: Element) => {
      theirs.push(name(node));
      return name(node) === 'section' ? VISIT_SKIP : undefined;
    });
    const ours: string[] = [];
    eachElement(tree(), (node) => {
      ours.push(name(node));
      return name(node) === 'section' ? SKIP : undefined;
    });
    expect(ours).toEqual(theirs);
    expect(ours).not.toContain('ol');
  });

  it('goes on from the index the visitor returns after replacing a node, as unist-util-visit does', () => {
    // Wrap each table in a div and go on after it: the table is visited once, the wrapper not at all.
    const wrap = (node: Element, index: number, parent: Root | Element, seen: string[]) => {
      seen.push(name(node));
      if (name(node) !== 'table') return undefined;
      parent.children[index] = { type: 'element', tagName: 'div', properties: {}, children: [node] };
      return index + 1;
    };
    const theirs: string[] = [];
    const a = tree();
    visit(a, 'element', (node: Element, index, parent) => wrap(node, index!, parent!, theirs));
    const ours: string[] = [];
    const b = tree();
    eachElement(b, (node, index, parent) => wrap(node, index, parent, ours));
    expect(ours).toEqual(theirs);
    expect(ours.filter((n) => n === 'table')).toHaveLength(1);
    expect(ours).toContain('td');
    expect(ours).not.toContain('div');
    expect(b).toEqual(a);
  });
});
