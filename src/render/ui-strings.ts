/** Words the default theme shows, per language. Templates get them as `t`. */
const STRINGS = {
  zh: {
    home: '首页',
    archive: '归档',
    tags: '标签',
    readMore: '阅读全文',
    minutesToRead: '分钟读完',
    words: '字',
    published: '发布于',
    updated: '更新于',
    toc: '目录',
    newer: '较新的文章',
    older: '较早的文章',
    prevPage: '上一页',
    nextPage: '下一页',
    pageOf: '第 {page} / {total} 页',
    postsTagged: '标签：{tag}',
    postCount: '{count} 篇文章',
    notFoundTitle: '页面不存在',
    notFoundText: '你要找的页面不在这里。它可能被移动或删除了。',
    backHome: '回到首页',
    noPosts: '还没有文章。',
    footnotes: '脚注',
    backToContent: '返回正文',
    skipToContent: '跳到正文',
  },
  en: {
    home: 'Home',
    archive: 'Archive',
    tags: 'Tags',
    readMore: 'Read more',
    minutesToRead: 'min read',
    words: 'words',
    published: 'Published',
    updated: 'Updated',
    toc: 'Contents',
    newer: 'Newer post',
    older: 'Older post',
    prevPage: 'Newer posts',
    nextPage: 'Older posts',
    pageOf: 'Page {page} of {total}',
    postsTagged: 'Tagged “{tag}”',
    postCount: '{count} posts',
    notFoundTitle: 'Page not found',
    notFoundText: 'The page you are looking for is not here. It may have been moved or deleted.',
    backHome: 'Back to the home page',
    noPosts: 'No posts yet.',
    footnotes: 'Footnotes',
    backToContent: 'Back to content',
    skipToContent: 'Skip to content',
  },
} as const;

export type UiStrings = { readonly [K in keyof (typeof STRINGS)['en']]: string };

/** UI strings for a BCP 47 language tag: Chinese for `zh*`, English otherwise. */
export function uiStrings(language: string): UiStrings {
  return language.toLowerCase().startsWith('zh') ? STRINGS.zh : STRINGS.en;
}
