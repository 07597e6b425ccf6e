import type { Element } from 'hast';
import type { Handle } from 'hast-util-to-mdast';
import { toString } from 'hast-util-to-string';
import type { InlineMath, Math } from 'mdast-util-math';

/**
 * hast-util-to-mdast handlers for the MathML that feeds carry (see feed-blocks.ts): a formula
 * becomes its TeX again, `$…$` or a `$$` block in the Markdown digest, the TeX in the text one.
 */
export const mathHandlers: Record<string, Handle> = {
  math(state, node: Element) {
    const alttext = node.properties['alttext'];
    const tex = typeof alttext === 'string' ? alttext : toString(node);
    const result: Math | InlineMath = node.properties['display'] === 'block' ? { type: 'math', value: tex } : { type: 'inlineMath', value: tex };
    state.patch(node, result);
    return result;
  },
};
