import { DATE_HINT } from './parse-date.js';

/** How to write a front-matter field that the schema refused. */
export function frontMatterHint(field: PropertyKey | undefined): string {
  switch (field) {
    case 'tags':
      return 'write a list: `tags: [go, 工具]`';
    case 'categories':
      return 'write `categories: 编程`, a path `categories: [编程, Go]`, or several: `categories: [[编程, Go], 随笔]`';
    case 'series':
      return 'write `series: 名字`, or `series: { name: 名字, order: 2 }`';
    case 'draft':
    case 'published':
      return 'use true or false, without quotes';
    case 'toc':
      return 'use `toc: false` to hide the table of contents, or `toc: 2`, `3` or `4` for the deepest heading level in it';
    case 'date':
    case 'updated':
      return DATE_HINT;
    case 'issue':
      return 'use a whole number such as `issue: 12`';
    case 'link':
      return 'write the whole address, with https://, e.g. `link: https://github.com/junegunn/fzf`';
    case 'week':
      return 'write the ISO week as `week: 2025-W51`, or leave it out: the week of `date` is used';
    case 'lang':
      return 'write a language tag such as `lang: en` or `lang: zh-CN`';
    case 'title':
    case 'slug':
    case 'id':
    case 'translationKey':
      return `write it as text; quote it if it starts with [, {, *, & or !`;
    default:
      return `see "Front matter" in quire's documentation (docs/content/pages/content.md in its repository) for the fields and their types`;
  }
}
