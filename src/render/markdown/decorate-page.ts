import type { Element, ElementContent, Root } from 'hast';
import type { UiStrings } from '../ui-strings.js';
import { CALLOUT_KINDS, type CalloutKind } from './callouts.js';
import { eachElement, SKIP } from './each-element.js';

const HEADING = /^h[1-6]$/;

/** Icon shapes (24×24, stroked), after Lucide (ISC licence): info, lightbulb, circle-alert, triangle-alert, octagon-alert. */
const ICONS: Record<CalloutKind, readonly string[]> = {
  note: ['M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z', 'M12 16v-4', 'M12 8h.01'],
  tip: ['M15 14c.2-1 .7-1.7 1.5-2.5 1-.9 1.5-2.2 1.5-3.5A6 6 0 0 0 6 8c0 1 .2 2.2 1.5 3.5.7.7 1.3 1.5 1.5 2.5', 'M9 18h6', 'M10 22h4'],
  important: ['M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z', 'M12 7v4', 'M12 14h.01'],
  warning: ['m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3', 'M12 9v4', 'M12 17h.01'],
  caution: ['M7.86 2h8.28L22 7.86v8.28L16.14 22H7.86L2 16.14V7.86z', 'M12 8v4', 'M12 16h.01'],
};

/**
 * What only the page shows, added to its tree last (after feeds, excerpts and the TOC were taken
 * from it): an icon before each callout's title, and after each heading's text a link to the
 * heading (`#`, shown on hover and focus by the theme, reachable by keyboard) — not on the
 * footnotes' heading, which is hidden.
 */
export function decoratePage(tree: Root, t: UiStrings): Root {
  eachElement(tree, (node: Element) => {
    if (node.tagName === 'section' && node.properties['dataFootnotes'] !== undefined) return SKIP;
    const kind = node.properties['dataCallout'];
    if (node.tagName === 'blockquote' && typeof kind === 'string' && (CALLOUT_KINDS as readonly string[]).includes(kind)) {
      const title = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'p');
      title?.children.unshift(icon(kind as CalloutKind));
    }
    const id = node.properties['id'];
    if (HEADING.test(node.tagName) && typeof id === 'string' && id !== '') {
      node.children.push({ type: 'element', tagName: 'a', properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: t.headingLink }, children: [{ type: 'text', value: '#' }] });
    }
    return undefined;
  });
  return tree;
}

function icon(kind: CalloutKind): ElementContent {
  return {
    type: 'element',
    tagName: 'svg',
    properties: { className: ['callout-icon'], viewBox: '0 0 24 24', width: '18', height: '18', fill: 'none', stroke: 'currentColor', strokeWidth: '2', strokeLinecap: 'round', strokeLinejoin: 'round', ariaHidden: 'true' },
    children: ICONS[kind].map((d) => ({ type: 'element', tagName: 'path', properties: { d }, children: [] })),
  };
}
