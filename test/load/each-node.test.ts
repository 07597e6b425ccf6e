import type { Nodes, Parents, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { SKIP as VISIT_SKIP, visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { eachNode, SKIP } from '../../src/load/each-node.js';

const MARKDOWN = '# Title *em*\n\n> [!NOTE]\n> a [link **bold**](javascript:x) and ![img](i.png)\n\n- item `code`\n  - nested [ref][r]\n\n```go\nx\n```\n\n[r]: /y\n';
const tree = (): Root => unified().use(remarkParse).use(remarkGfm).parse(MARKDOWN);
const label = (node: Nodes, index: number | undefined, parent: Parents | undefined) => `${node.type}@${index} in ${parent?.type}`;

describe('eachNode', () => {
  it('visits the nodes below the root that unist-util-visit visits, in the same order, with the same index and parent', () => {
    const theirs: string[] = [];
    visit(tree(), (node, index, parent) => {
      if (parent) theirs.push(label(node as Nodes, index, parent as Parents));
    });
    const ours: string[] = [];
    eachNode(tree(), (node, index, parent) => void ours.push(label(node, index, parent)));
    expect(ours).toEqual(theirs);
    expect(ours).toContain('strong@1 in link');
  });

  it('skips the children of a node for which the visitor returned SKIP, as unist-util-visit does', () => {
    const theirs: string[] = [];
    visit(tree(), (node, index, parent) => {
      if (!parent) return undefined;
      theirs.push(label(node as Nodes, index, parent as Parents));
      return node.type === 'list' ? VISIT_SKIP : undefined;
    });
    const ours: string[] = [];
    eachNode(tree(), (node, index, parent) => {
      ours.push(label(node, index, parent));
      return node.type === 'list' ? SKIP : undefined;
    });
    expect(ours).toEqual(theirs);
    expect(ours.some((l) => l.startsWith('listItem'))).toBe(false);
  });

  it('goes on from the index the visitor returns after splicing its children into the parent, as unist-util-visit does', () => {
    // A link replaced by its children: the children are visited in the link first, then again in the parent.
    const unwrap = (node: Nodes, index: number, parent: Parents, seen: string[]) => {
      seen.push(label(node, index, parent));
      if (node.type !== 'link') return undefined;
      (parent.children as Nodes[]).splice(index, 1, ...node.children);
      return index;
    };
    const theirs: string[] = [];
    const a = tree();
    visit(a, (node, index, parent) => (parent ? unwrap(node as Nodes, index!, parent as Parents, theirs) : undefined));
    const ours: string[] = [];
    const b = tree();
    eachNode(b, (node, index, parent) => unwrap(node, index, parent, ours));
    expect(ours).toEqual(theirs);
    expect(ours.filter((l) => l.startsWith('strong@'))).toEqual(['strong@1 in link', 'strong@2 in paragraph']);
    expect(b).toEqual(a);
  });
});
