import type { Heading, Link, List, ListItem, PhrasingContent, Root, RootContent } from 'mdast';
import { domainOf } from '../../collect/weekly/issue-tree.js';

/**
 * A weekly issue's items in one form, whoever wrote them: in each `##` section, a list item
 * that starts with a link (`- [mise](https://mise.jdx.dev/)` then its commentary, on the same
 * line or below) becomes what a merged note is, an `### [title](link)` heading with the link's
 * domain beside it, followed by the commentary; an `###` heading of the author's that is a link
 * gets the domain too. So every item looks alike, and the page's TOC lists each one. List items
 * that do not start with a link, and everything before the first section, stay as written.
 */
export function weeklyItems(tree: Root): Root {
  const out: RootContent[] = [];
  let inSection = false;
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      inSection = node.depth === 2;
      out.push(node);
    } else if (!inSection) out.push(node);
    else if (node.type === 'list') out.push(...listAsItems(node));
    else if (node.type === 'heading' && node.depth === 3) out.push(linkHeading(node));
    else out.push(node);
  }
  return { ...tree, children: out };
}

function listAsItems(list: List): RootContent[] {
  const out: RootContent[] = [];
  let rest: ListItem[] = [];
  let restStart = list.start ?? 1;
  const flush = (next: number) => {
    if (rest.length > 0) out.push({ ...list, ...(list.ordered && { start: restStart }), children: rest });
    rest = [];
    restStart = next;
  };
  list.children.forEach((item, i) => {
    const converted = itemBlocks(item);
    if (!converted) rest.push(item);
    else {
      flush((list.start ?? 1) + i + 1);
      out.push(...converted);
    }
  });
  flush(0);
  return out;
}

/** An item that starts with a link: its heading and commentary; undefined for any other item. */
function itemBlocks(item: ListItem): RootContent[] | undefined {
  const [first, ...others] = item.children;
  if (first?.type !== 'paragraph') return undefined;
  const inline = dropLeadingSpace(first.children);
  const link = inline[0];
  if (link?.type !== 'link') return undefined;
  const commentary = withoutSeparator(inline.slice(1));
  return [itemHeading(link, first.position), ...(commentary.length > 0 ? [{ ...first, children: commentary }] : []), ...others];
}

/** An author's `### [title](link)` gets its domain; another `###` stays as it is. */
function linkHeading(heading: Heading): Heading {
  const inline = dropLeadingSpace(heading.children);
  const link = inline[0];
  if (link?.type !== 'link' || inline.some((n) => n.type === 'emphasis' && n.data?.hName === 'small')) return heading;
  const made = itemHeading(link, heading.position);
  return { ...made, children: [...made.children.slice(0, 1), ...inline.slice(1), ...made.children.slice(1)] };
}

/** The heading of an item, as a merged note has it: the link, then the link's domain in a `small`. */
function itemHeading(link: Link, position: Heading['position']): Heading {
  const domain = domainOf(link.url);
  return {
    type: 'heading',
    depth: 3,
    ...(position && { position }),
    data: { hProperties: { className: ['weekly-item'] } },
    children: [link, ...(domain ? [{ type: 'text' as const, value: ' ' }, { type: 'emphasis' as const, data: { hName: 'small', hProperties: { className: ['domain'] } }, children: [{ type: 'text' as const, value: domain }] }] : [])],
  };
}

function dropLeadingSpace(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const out = [...nodes];
  while (out[0] && ((out[0].type === 'text' && out[0].value.trim() === '') || out[0].type === 'break')) out.shift();
  return out;
}

/** `[x](…) — commentary` / `[x](…)：评论`: the commentary without the dash or colon that joined it. */
function withoutSeparator(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const out = dropLeadingSpace(nodes);
  const first = out[0];
  if (first?.type === 'text') {
    const value = first.value.replace(/^\s*(?:[-–—:：|·]+\s*)?/, '');
    if (value === '') out.shift();
    else out[0] = { ...first, value };
  }
  return dropLeadingSpace(out);
}
