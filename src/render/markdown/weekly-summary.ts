import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { UiStrings } from '../ui-strings.js';
import { hasClass, summarize } from './excerpt.js';

/** At most this many item titles in a summary; the rest are counted. */
const TITLES = 8;

/**
 * A weekly issue's summary: its introduction (what comes before the first heading), cut as any
 * summary, then one line naming its items, each a link to the item on the issue's page
 * (`本期：Go 1.25、Temporal 提案文档 等 9 条`). Without it, a feed reader's preview and the weekly
 * index showed the introduction and the items' commentary run together, without the titles that
 * say what each comment is about. An issue without items is summarized as any entry.
 */
export function weeklySummary(tree: Root, limit: number, pageHref: string | undefined, strings: UiStrings): { tree: Root; truncated: boolean } {
  const items = tree.children.filter((node): node is Element => node.type === 'element' && isItem(node));
  if (items.length === 0) return summarize(tree, limit, pageHref);
  const first = tree.children.findIndex((node) => node.type === 'element' && /^h[1-6]$/.test(node.tagName));
  const intro = summarize({ type: 'root', children: tree.children.slice(0, first) }, limit, pageHref);
  const links: ElementContent[] = [];
  for (const item of items.slice(0, TITLES)) {
    if (links.length > 0) links.push({ type: 'text', value: strings.itemSeparator });
    const id = item.properties['id'];
    const title = item.children.find((child): child is Element => child.type === 'element' && child.tagName === 'a');
    links.push({ type: 'element', tagName: 'a', properties: { href: `${pageHref ?? ''}#${String(id)}` }, children: [{ type: 'text', value: toString(title ?? item).trim() }] });
  }
  const template = items.length > TITLES ? strings.issueItemsMore : strings.issueItems;
  // `{count}`: the items not named ("and 2 more"); `{total}`: all of them ("等 10 条").
  const [before = '', after = ''] = template.replace('{count}', String(items.length - TITLES)).replace('{total}', String(items.length)).split('{items}');
  const line: Element = {
    type: 'element',
    tagName: 'p',
    properties: {},
    children: [...(before ? [{ type: 'text' as const, value: before }] : []), ...links, ...(after ? [{ type: 'text' as const, value: after }] : [])],
  };
  return { tree: { type: 'root', children: [...intro.tree.children, line] }, truncated: true };
}

function isItem(node: Element): boolean {
  return hasClass(node, 'weekly-item') && typeof node.properties['id'] === 'string';
}
