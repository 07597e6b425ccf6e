/** The search page and the index it loads (written by the emit stage, src/emit/search/). */
export const SEARCH_PAGE = { url: '/search/', outputPath: 'search/index.html' } as const;
export const SEARCH_INDEX = { url: '/search/index.json', outputPath: 'search/index.json' } as const;
